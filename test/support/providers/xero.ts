import { Replica } from './replica.js'

/** Xero: Basic, a new refresh token every time, the previous one still good for 30 minutes. */
export const xero = (): Replica =>
  new Replica({
    path: '/connect/token',
    auth: 'basic',
    format: 'form',
    rotation: 'always',
    reuse: { windowS: 1800 },
    success: (t) => ({ body: { access_token: t.access, expires_in: 1800, token_type: 'Bearer', refresh_token: t.refresh, scope: 'offline_access accounting.transactions' } }),
    deadToken: () => ({ status: 400, body: { error: 'invalid_grant' } }),
    badClient: () => ({ status: 400, body: { error: 'invalid_client' } })
  })
