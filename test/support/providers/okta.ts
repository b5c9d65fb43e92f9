import { Replica } from './replica.js'

/** Okta, default custom authorization server, an app set to Basic and rotation, grace period 0: reuse invalidates the newest token. */
export const okta = (): Replica =>
  new Replica({
    path: '/oauth2/default/v1/token',
    auth: 'basic',
    format: 'form',
    rotation: 'always',
    reuse: 'revoke-family',
    success: (t) => ({ body: { token_type: 'Bearer', expires_in: 3600, access_token: t.access, scope: 'offline_access openid', refresh_token: t.refresh } }),
    deadToken: () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' } }),
    badClient: () => ({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed. Either the client or the client credentials are invalid.' } })
  })
