import { Replica } from './replica.js'

/** HP TechPulse: Basic, form, a new refresh token each time, the 1799999 sample; errors per RFC 6749 (docs silent). */
export const hpTechPulse = (): Replica =>
  new Replica({
    path: '/oauth/v1/token',
    auth: 'basic',
    format: 'form',
    rotation: 'always',
    reuse: 'dead',
    success: (t) => ({ body: { access_token: t.access, scope: 'Read', token_type: 'Bearer', refresh_token: t.refresh, expires_in: 1799999 } }),
    deadToken: () => ({ status: 400, body: { error: 'invalid_grant' } }),
    badClient: () => ({ status: 401, headers: { 'www-authenticate': 'Basic' }, body: { error: 'invalid_client' } })
  })
