import type { Provider } from './types.js'

/**
 * Procore (research/providers/procore.md, from Procore's documentation repository). Refresh tokens
 * are single-use, and any refresh call spends the one presented, "successful or not": so the preset
 * sets spendsOnError, and the action never presents a token twice (no retry, no second Basic
 * encoding). Sandboxes have their own hosts and credentials, through 'token-url':
 * https://login-sandbox.procore.com/oauth/token (Developer Sandbox) and
 * https://login-sandbox-monthly.procore.com/oauth/token (Monthly Sandbox).
 */
export const procore: Provider = {
  id: 'procore',
  name: 'Procore',
  // The pages the facts below come from (comments only: the action never needs them at run time):
  //   https://developers.procore.com/documentation/content/oauth-endpoints
  //   https://developers.procore.com/documentation/content/oauth-auth-grant-flow
  //   https://developers.procore.com/documentation/content/troubleshooting
  //   https://developers.procore.com/documentation/content/faq
  //   https://developers.procore.com/documentation/content/development-environments
  tokenUrl: 'https://login.procore.com/oauth/token',
  // "Body (x-www-form-urlencoded): grant_type=refresh_token client_id=YOUR_CLIENT_ID
  // client_secret=YOUR_CLIENT_SECRET refresh_token=YOUR_REFRESH_TOKEN" (troubleshooting).
  authMethod: 'client_secret_post',
  // "Access tokens are valid for 90 minutes (5,400 seconds)."
  accessTokenLifetimeS: 5400,
  // "Each refresh response returns a new access token AND a new refresh token. Save both."
  rotation: 'always',
  reuseWindowS: 0,
  // "any call to refresh an access token, successful or not, permanently invalidates the current
  // refresh token" (FAQ); "even if the response is lost due to a network error" (troubleshooting).
  spendsOnError: true,
  // "The refresh token does not expire on a fixed schedule — it remains valid until used".
  refreshTokenLifetime: { note: 'No fixed end: valid until used (once), or until its access token is revoked.' },
  // No revocation preset: revoking the access token "revokes both the Access Token and Refresh Token".
  hints: {
    invalid_grant:
      "Procore says the refresh token is invalid: refresh tokens are single-use and any refresh call, successful or not, spends the one presented, so an earlier run (or a failed call) used it; or it belongs to another environment (production and sandbox tokens are not interchangeable). Re-authenticate through the full OAuth flow, store the new refresh token, and set 'secret-name' so runs always present the newest.",
    invalid_client:
      "The client credentials were rejected: check 'client-id' and 'client-secret', and that they belong to the environment of 'token-url' (Developer Sandbox credentials at login-sandbox.procore.com, production ones at login.procore.com and the other sandboxes). Procore spends the refresh token on any refresh call, even this one: authorize again once the credentials are right."
  },
  authorize: {
    url: 'https://login.procore.com/oauth/authorize',
    pkce: 'unknown',
    note: 'No extra parameter: every code exchange returns a refresh token. For a tool without a web server, redirect_uri urn:ietf:wg:oauth:2.0:oob shows the code on a Procore page to copy; redirect URIs match exactly.'
  }
}
