import type { Provider } from './types.js'

/**
 * Atlassian Cloud, OAuth 2.0 (3LO) (research/providers/atlassian.md): a JSON body with the client's
 * id and secret in it, and rotating refresh tokens. The 10-minute leeway, the family revocation
 * after it and both lifetimes come from posts by Atlassian staff on its developer community, not
 * from the reference pages (marked forum-sourced in docs/providers.md). The cloudid that API calls
 * need is not in the token response: GET https://api.atlassian.com/oauth/token/accessible-resources.
 */
export const atlassian: Provider = {
  id: 'atlassian',
  name: 'Atlassian',
  // The pages the facts below come from (comments only: the action never needs them at run time):
  //   https://developer.atlassian.com/cloud/oauth/getting-started/refresh-tokens/
  //   https://developer.atlassian.com/cloud/oauth/getting-started/implementing-oauth-3lo
  //   https://community.developer.atlassian.com/t/updated-31-january-2022-action-required-deprecating-persistent-refresh-tokens/54172
  //   https://community.developer.atlassian.com/t/refresh-token-expire-after-36000-seconds/60806/2
  tokenUrl: 'https://auth.atlassian.com/oauth/token',
  // "client_id: (required) … client_secret: (required)", in the JSON body.
  authMethod: 'client_secret_post',
  // "--header 'Content-Type: application/json' --data '{ "grant_type": "refresh_token", … }'".
  format: 'json',
  // "You receive a new refresh token as well and the refresh token you used for the request is disabled."
  rotation: 'always',
  // "The leeway interval is 10 minutes." [Atlassian staff, community]
  reuseWindowS: 600,
  refreshTokenLifetime: {
    // "Rotating refresh tokens expire after 90 days of user inactivity" [Atlassian staff, community]
    idleS: 90 * 86_400,
    // "All tokens have an absolute expiry time of 365 days"; "even if it keeps getting refreshed" [Atlassian staff, community]
    note: '365 days after the first consent, however often it is refreshed; the response does not say when: authorize again within a year.'
  },
  // The documented response has no token_type; API calls send the access token as Bearer.
  readSuccess: (fields) => (fields.token_type === undefined ? { ...fields, token_type: 'Bearer' } : fields),
  hints: {
    invalid_grant:
      "Atlassian says the refresh token is unknown or invalid: it went unused for 90 days, reached 365 days from the user's consent, was replaced more than 10 minutes ago (a reuse after that invalidates every refresh token of the grant), or the user revoked the app. Authorize again (scope offline_access) and store the new refresh token; set 'secret-name' so runs always present the newest.",
    // A wrong client secret answers access_denied (UNVERIFIED: jira.js).
    access_denied: "Atlassian refused the request: a wrong client secret answers access_denied. Check 'client-id' and 'client-secret' (the app's Secret in the developer console)."
  },
  authorize: {
    url: 'https://auth.atlassian.com/authorize',
    params: { audience: 'api.atlassian.com', prompt: 'consent' },
    // "To get a refresh token … add offline_access to the scope parameter of the authorization URL."
    scopes: ['offline_access'],
    pkce: 'unknown',
    note: "The redirect_uri must match the app's callback URL. API calls go to api.atlassian.com with the site's cloudid from /oauth/token/accessible-resources."
  }
}
