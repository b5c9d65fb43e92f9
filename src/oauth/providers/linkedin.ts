import type { Provider } from './types.js'

/**
 * LinkedIn programmatic refresh tokens (research/providers/linkedin.md), issued only to approved
 * Marketing Developer Platform partners. A refresh token lives 365 days from the first
 * authorization and refreshing does not extend it; `refresh_token_expires_in` counts that down, so
 * the action warns before the end. The token response documents no `token_type`: Bearer is filled in.
 * Step 2 of the refresh page (the refresh request) was not read: its endpoint and body credentials
 * are those of the code exchange (UNVERIFIED for the refresh grant).
 */
export const linkedin: Provider = {
  id: 'linkedin',
  name: 'LinkedIn',
  // The pages the facts below come from (comments only: the action never needs them at run time):
  //   https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens
  //   https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
  // "POST https://www.linkedin.com/oauth/v2/accessToken"
  tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
  // client_id and client_secret are "Required" body parameters ("A required parameter "client_secret" is missing").
  authMethod: 'client_secret_post',
  // "Currently, all access tokens are issued with a 60-day lifespan." Near the end of the refresh
  // token's 365 days, expires_in is shorter: the access token ends with it.
  accessTokenLifetimeS: 5_184_000,
  // Whether the refresh_token value changes is not documented: RFC 6749 §6, keep whatever comes back.
  rotation: 'sometimes',
  reuseWindowS: 0,
  // The table lists access_token, expires_in, refresh_token, refresh_token_expires_in and scope only.
  readSuccess: (fields) => (fields.token_type === undefined && typeof fields.access_token === 'string' ? { ...fields, token_type: 'Bearer' } : fields),
  refreshTokenLifetime: {
    // "the lifespan or Time To Live (TTL) of the refresh token remains the same as specified in the
    // initial OAuth flow (365 days)"; refresh_token_expires_in: "The number of seconds remaining until
    // the refresh token expires."
    note: '365 days from the first authorization, not extended by refreshing; refresh_token_expires_in counts down to it. LinkedIn may also revoke tokens at any time.'
  },
  hints: {
    invalid_grant:
      'LinkedIn refused the refresh token: it lives 365 days from the first authorization and refreshing does not extend it, a new authorization with a different scope invalidates earlier tokens, and LinkedIn may revoke tokens at any time. Authorize again through the full OAuth flow and store the new refresh token.',
    unauthorized_client:
      'LinkedIn issues refresh tokens only to apps approved for programmatic refresh tokens (Marketing Developer Platform partners): without that approval there is nothing to refresh, and each access token lasts its 60 days.'
  },
  authorize: {
    url: 'https://www.linkedin.com/oauth/v2/authorization',
    pkce: 'unknown',
    note: 'No extra parameter: an app approved for programmatic refresh tokens gets one with every code exchange. Scopes are space-separated; redirect URLs are registered exactly, over HTTPS. The authorization code lasts 30 minutes.'
  }
}
