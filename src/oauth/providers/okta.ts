import type { Provider } from './types.js'

const DOCS = 'https://developer.okta.com/docs'

/**
 * Okta (research/providers/okta.md). Every org, and every authorization server in it, has its own
 * token endpoint: 'token-url', or 'issuer' for discovery. Rotation, its grace period (0 to 60 s,
 * 30 by default) and the refresh token's lifetime are per app and per policy, so the preset relies
 * on none of them.
 */
export const okta: Provider = {
  id: 'okta',
  name: 'Okta',
  docs: [`${DOCS}/guides/refresh-tokens/main/`, `${DOCS}/concepts/auth-servers/`, `${DOCS}/reference/error-codes/`, `${DOCS}/guides/customize-authz-server/main/`],
  discovery: true,
  endpointExample: { tokenUrl: 'https://{yourOktaDomain}/oauth2/default/v1/token', issuer: 'https://{yourOktaDomain}/oauth2/default' },
  // Per app (token_endpoint_auth_method): left to 'auth-method', discovery, or RFC 6749's Basic,
  // which Okta's own refresh example uses.
  rotation: 'configurable',
  reuseWindowS: 0,
  refreshTokenLifetime: {
    note: "The authorization server's access policy: unlimited by default, but it expires after 7 days unused by default; rotation keeps the first token's expiry."
  },
  hints: {
    invalid_grant:
      'Okta says the refresh token is invalid or expired: by default it expires after 7 days unused, and with rotation on, a rotated token presented after the grace period makes Okta invalidate the newest one too. ' +
      'Authorize again (with offline_access) and store the new refresh token; run more often than the policy\'s idle limit.',
    invalid_client:
      "The client credentials were rejected. Okta accepts only the client authentication configured for the app (token_endpoint_auth_method): set 'auth-method' to match it, and check 'client-id' and 'client-secret'."
  },
  authorize: {
    url: 'https://{yourOktaDomain}/oauth2/default/v1/authorize',
    scopes: ['offline_access'],
    pkce: 'S256',
    deviceUrl: 'https://{yourOktaDomain}/oauth2/default/v1/device/authorize',
    note: 'The app needs the Refresh Token grant type; offline_access goes to /authorize, not to /token.'
  }
}
