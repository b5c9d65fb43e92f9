import { rfcError, type Provider } from './types.js'

const DOCS = 'https://www.keycloak.org/docs/latest'

/** Keycloak's invalid_grant descriptions ([source, not docs]: TokenManager.java, and third-party reports). */
const SUBCODES = ['Token is not active', 'Session not active', 'Maximum allowed refresh token reuse exceeded', 'Stale token']

/**
 * Keycloak (research/providers/keycloak.md), self-hosted: 'token-url' or 'issuer' names the server
 * and realm. Its refresh_expires_in is the session idle time, which each refresh resets: the
 * generic lifetime reading never warns on it (refresh-lifetime.ts).
 */
export const keycloak: Provider = {
  id: 'keycloak',
  name: 'Keycloak',
  docs: [`${DOCS}/securing_apps/#_oidc_available_endpoints`, `${DOCS}/server_admin/#_timeouts`, `${DOCS}/server_admin/#_offline-access`],
  discovery: true,
  endpointExample: { tokenUrl: 'https://{host}/realms/{realm}/protocol/openid-connect/token', issuer: 'https://{host}/realms/{realm}' },
  // Client secret in Basic or the body (UNVERIFIED): left to discovery or RFC 6749's Basic.
  // /realms/{realm}/protocol/openid-connect/revoke, beside the token endpoint (RFC 7009).
  revocationUrl: 'revoke',
  // A new refresh token every time; the realm's "Revoke Refresh Token" decides whether the old one dies.
  rotation: 'configurable',
  reuseWindowS: 0,
  refreshTokenLifetime: {
    keepAlive: 'Keycloak: for a token that outlives the session, request the offline_access scope when authorizing; an offline token must then be used at least once every 30 days.',
    note: 'refresh_expires_in is the session idle time (SSO or Client Session Idle), up to the session maximum; offline tokens: 30 days idle, no maximum unless Offline Session Max Limited (60 days).'
  },
  readError: (_, fields) => {
    const said = rfcError(fields)
    return said && { ...said, subcode: SUBCODES.find((s) => said.description?.startsWith(s)) }
  },
  hints: {
    'Token is not active':
      'Keycloak says the refresh token is no longer active: its session went idle (SSO or Client Session Idle) or reached its maximum. Authorize again, with scope offline_access for a token that survives 30 days unused, and store it.',
    'Session not active': 'Keycloak says the session is gone: the user logged out or an administrator ended it. Authorize again and store the new refresh token.',
    'Maximum allowed refresh token reuse exceeded':
      "Keycloak says this refresh token was already used and the realm revokes used ones (Revoke Refresh Token). Authorize again, store the new token, and set 'secret-name' so runs always present the newest.",
    'Stale token': "Keycloak says this refresh token was already replaced by a newer one. Authorize again, store the new token, and set 'secret-name' so runs always present the newest."
  },
  authorize: {
    url: 'https://{host}/realms/{realm}/protocol/openid-connect/auth',
    scopes: ['offline_access'],
    pkce: 'unknown',
    deviceUrl: 'https://{host}/realms/{realm}/protocol/openid-connect/auth/device',
    note: 'offline_access needs the realm role of that name for the user.'
  }
}
