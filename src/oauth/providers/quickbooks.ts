import type { Provider } from './types.js'

/**
 * Intuit QuickBooks Online (research/providers/quickbooks.md). Intuit's OAuth guide could not be
 * read: the token endpoint, Basic authentication and the hard-expiry header come from Intuit's own
 * OAuth client libraries [sdk, not docs], the lifetimes from its FAQ and blog. The company id
 * (realmId) comes with the authorization redirect, not in the token response.
 */
export const quickbooks: Provider = {
  id: 'quickbooks',
  name: 'Intuit QuickBooks',
  docs: [
    'https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/faq',
    'https://blogs.intuit.com/2024/06/03/oauth-token-management-done-the-right-way/',
    'https://blogs.a.intuit.com/2025/11/12/important-changes-to-refresh-token-policy',
    'https://github.com/intuit/oauth-jsclient'
  ],
  // The same endpoint for sandbox and production companies; only the keys differ.
  tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  authMethod: 'client_secret_basic',
  // Asks for x_refresh_token_hard_expires_in, the five-year cap, so its date can be warned about.
  headers: { 'x-include-refresh-token-hard-expires-in': 'true' },
  // "Access tokens are valid for 3,600 seconds (or one hour)."
  accessTokenLifetimeS: 3600,
  // Every response carries a refresh_token; its value changes now and then (about daily, UNVERIFIED).
  rotation: 'sometimes',
  // "Your previous refresh tokens expire 24 hours after you receive a new one." [sdk docs]
  reuseWindowS: 86_400,
  refreshTokenLifetime: {
    note: '100 days rolling, extended by each use (x_refresh_token_expires_in), and at most five years (x_refresh_token_hard_expires_in).'
  },
  hints: {
    invalid_grant:
      'Intuit says the grant is invalid, expired or revoked: the refresh token went unused for 100 days, reached its five-year maximum, was replaced more than 24 hours ago (always store the newest), or the app was disconnected from the company. Reconnect the app and store the new refresh token.',
    invalid_client:
      "The client credentials were rejected. Check 'client-id' and 'client-secret', and that they are the app's production keys for a production company, or its development keys for a sandbox company."
  },
  authorize: {
    url: 'https://appcenter.intuit.com/connect/oauth2',
    params: { scope: 'com.intuit.quickbooks.accounting' },
    pkce: 'unknown',
    note: 'Keep the realmId from the redirect: API calls need it. Production redirect URIs must be https.'
  }
}
