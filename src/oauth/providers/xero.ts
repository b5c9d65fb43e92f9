import type { Provider } from './types.js'

/**
 * Xero (research/providers/xero.md). The guide pages could not be read; the token endpoint and the
 * body schema come from Xero's own OpenAPI, the grace window and the 60 days from its OAuth FAQ,
 * Basic authentication from the auth-flow page as recalled. Tenant ids are not in the token
 * response: GET https://api.xero.com/connections lists them.
 */
export const xero: Provider = {
  id: 'xero',
  name: 'Xero',
  docs: ['https://developer.xero.com/faq/oauth2', 'https://github.com/XeroAPI/Xero-OpenAPI/blob/master/xero-identity.yaml', 'https://developer.xero.com/documentation/guides/oauth2/auth-flow'],
  tokenUrl: 'https://identity.xero.com/connect/token',
  authMethod: 'client_secret_basic',
  // "Access tokens expire after 30 minutes." [recall]; expires_in is seconds per the OpenAPI schema.
  accessTokenLifetimeS: 1800,
  rotation: 'always',
  // "If you don't receive a response from a token refresh you can retry using your existing refresh token for up to 30 minutes."
  reuseWindowS: 1800,
  // "Unused refresh tokens expire after 60 days."
  refreshTokenLifetime: { idleS: 60 * 86_400 },
  hints: {
    invalid_grant:
      'Xero refused the refresh token: it went unused for 60 days, it was replaced more than 30 minutes ago (Xero accepts the previous one that long), or the user disconnected the app. Authorize again (scope offline_access) and store the new refresh token.'
  },
  authorize: {
    url: 'https://login.xero.com/identity/connect/authorize',
    scopes: ['offline_access'],
    pkce: 'S256',
    note: 'Redirect URIs match exactly (no wildcards); PKCE apps have no client secret.'
  }
}
