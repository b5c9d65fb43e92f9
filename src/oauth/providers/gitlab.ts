import type { Provider } from './types.js'

/**
 * GitLab as an OAuth 2.0 provider (research/providers/gitlab.md: doc/api/oauth2.md as published at
 * docs.gitlab.com, and GitLab's Doorkeeper configuration for what the page leaves out). GitLab.com
 * is the preset's endpoint; Self-Managed and Dedicated instances are `https://<host>/oauth/token`,
 * through 'token-url'. The refresh request must carry the redirect_uri of the authorization.
 */
export const gitlab: Provider = {
  id: 'gitlab',
  name: 'GitLab',
  // The pages the facts below come from (comments only: the action never needs them at run time):
  //   https://docs.gitlab.com/api/oauth2/
  //   https://github.com/gitlabhq/gitlabhq/blob/master/config/initializers/doorkeeper.rb
  tokenUrl: 'https://gitlab.com/oauth/token',
  // The refresh example sends "client_id=APP_ID&client_secret=APP_SECRET&refresh_token=…"; Doorkeeper
  // reads the Authorization header first, then those parameters, so Basic works too.
  authMethod: 'client_secret_post',
  // "The `redirect_uri` must match the `redirect_uri` used in the original authorization request."
  requiredParams: {
    redirect_uri:
      "GitLab's refresh request must carry the redirect_uri of the original authorization request, and it must match. Add a line 'redirect_uri=<the app's callback URL>' to 'extra-params'."
  },
  // doorkeeper.rb: "access_token_expires_in 7200" ("2 hours in seconds"); the refresh sample says 7200 too.
  accessTokenLifetimeS: 7200,
  // "This request: Invalidates the existing `access_token` and `refresh_token`. Sends new tokens in the response."
  rotation: 'always',
  reuseWindowS: 0,
  // Not documented: "Refresh tokens may be used even after the `access_token` itself expires."
  refreshTokenLifetime: { note: 'Not documented: valid until used or revoked.' },
  hints: {
    invalid_grant:
      "GitLab refused the refresh token: every refresh invalidates the one used (so an earlier run may have spent it), the authorization was revoked, or redirect_uri in 'extra-params' differs from the one of the original authorization request. " +
      "Check redirect_uri; otherwise authorize again, store the new refresh token, and set 'secret-name' so runs always present the newest."
  },
  authorize: {
    url: 'https://gitlab.com/oauth/authorize',
    pkce: 'S256',
    deviceUrl: 'https://gitlab.com/oauth/authorize_device',
    note: 'Self-managed: https://<host>/oauth/authorize. Scopes are space-separated. HTTP redirect URIs are allowed for development. Device-flow tokens may come without a refresh token (UNVERIFIED); the device flow needs GitLab 17.3 or later.'
  }
}
