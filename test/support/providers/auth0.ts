import { Replica } from './replica.js'

/** Auth0 with rotation and no overlap period: 403 for a dead token, and reuse revokes the family. */
export const auth0 = (): Replica =>
  new Replica({
    path: '/oauth/token',
    auth: 'post',
    format: 'form',
    prefix: { refresh: 'v1.M' },
    rotation: 'always',
    reuse: 'revoke-family',
    success: (t) => ({ body: { access_token: t.access, refresh_token: t.refresh, scope: 'openid offline_access', expires_in: 86_400, token_type: 'Bearer' } }),
    // The exact description is what users report (UNVERIFIED); the 403 is documented.
    deadToken: () => ({ status: 403, body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' } }),
    badClient: () => ({ status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } })
  })
