import { Replica } from './replica.js'

/** PagerDuty: credentials in the form body, pdus+_ tokens (the + must travel form-encoded), 24-hour access tokens. */
export const pagerduty = (): Replica =>
  new Replica({
    path: '/oauth/token',
    auth: 'post',
    format: 'form',
    prefix: { access: 'pdus+_0_', refresh: 'pdus+_1_' },
    rotation: 'always',
    reuse: 'dead',
    success: (t) => ({ body: { access_token: t.access, token_type: 'bearer', expires_in: 86_400, refresh_token: t.refresh, scope: 'openid services.read' } }),
    deadToken: () => ({ status: 400, body: { error: 'invalid_grant' } }),
    badClient: () => ({ status: 401, body: { error: 'invalid_client' } })
  })
