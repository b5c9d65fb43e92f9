import type { Provider } from './types.js'

/**
 * GitHub App user access tokens (research/providers/github.md). Errors come with HTTP 200
 * ("GitHub will respond with a 200 status and an error"), which the generic reader already treats
 * as errors; the body is form-encoded unless asked for JSON, which every request of ours is.
 */
export const github: Provider = {
  id: 'github',
  name: 'GitHub',
  docs: [
    'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens',
    'https://docs.github.com/en/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors'
  ],
  // GHES: the same path on the server's host, through 'token-url'.
  tokenUrl: 'https://github.com/login/oauth/access_token',
  // client_id and client_secret are parameters of the POST; device-flow tokens refresh without the secret.
  authMethod: 'client_secret_post',
  // "The value will always be 28800 (8 hours)".
  accessTokenLifetimeS: 28_800,
  // "Once you use a refresh token, that refresh token and the old user access token will no longer work."
  rotation: 'always',
  reuseWindowS: 0,
  // refresh_token_expires_in: "The value will always be 15811200 (6 months)", for each new refresh token.
  refreshTokenLifetime: { absoluteS: 15_811_200 },
  codes: { bad_refresh_token: 'invalid_grant', incorrect_client_credentials: 'invalid_client' },
  hints: {
    // bad_refresh_token is not in GitHub's docs; community reports show it (UNVERIFIED wording).
    bad_refresh_token: 'GitHub refresh tokens (ghr_…) are single-use and expire after six months: this one was already used or has expired. Authorize again and store the new refresh token.',
    incorrect_client_credentials: "GitHub says the client_id and/or client_secret are incorrect: check 'client-id' and 'client-secret'."
  },
  authorize: {
    url: 'https://github.com/login/oauth/authorize',
    pkce: 'unknown',
    deviceUrl: 'https://github.com/login/device/code',
    note: 'Expiration of user access tokens must stay enabled (the default); an app that opted out gets no refresh token.'
  }
}
