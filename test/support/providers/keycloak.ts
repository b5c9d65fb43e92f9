import { Replica } from './replica.js'

/**
 * Keycloak, one realm, Revoke Refresh Token on with no reuse: every refresh returns a new refresh
 * token with refresh_expires_in the session idle time; a used one is refused.
 */
export const keycloak = (revokeUsed = true): Replica =>
  new Replica({
    path: '/realms/demo/protocol/openid-connect/token',
    auth: 'either',
    format: 'form',
    prefix: { access: 'eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjB9.', refresh: 'eyJhbGciOiJIUzUxMiJ9.eyJ0eXAiOiJSZWZyZXNoIn0.' },
    rotation: 'always',
    reuse: revokeUsed ? 'dead' : 'valid',
    success: (t) => ({
      body: { access_token: t.access, expires_in: 300, refresh_expires_in: 1800, refresh_token: t.refresh, token_type: 'Bearer', 'not-before-policy': 0, session_state: '3f1a2b4c-5d6e-7f80-9a0b-1c2d3e4f5a6b', scope: 'profile email' }
    }),
    deadToken: () => ({ status: 400, body: { error: 'invalid_grant', error_description: revokeUsed ? 'Maximum allowed refresh token reuse exceeded' : 'Token is not active' } }),
    badClient: () => ({ status: 401, body: { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' } })
  })
