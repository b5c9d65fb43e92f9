import type { Provider } from './types.js'

/**
 * Dropbox (research/providers/dropbox.md). Dropbox's HTTP reference for /oauth2/token could not be
 * read: the endpoint, body credentials and the invalid_grant check come from Dropbox's own Python
 * SDK [sdk, not docs]; that a refresh returns no new refresh token, from its Java SDK's reference
 * ("It contains new access token and expiration time"). A PKCE app has no secret: leave
 * 'client-secret' empty and the client goes as a public one, as the SDK sends it.
 */
export const dropbox: Provider = {
  id: 'dropbox',
  name: 'Dropbox',
  // The pages the facts below come from (comments only: the action never needs them at run time):
  //   https://developers.dropbox.com/oauth-guide
  //   https://dropbox.tech/developers/using-oauth-2-0-with-offline-access
  //   https://dropbox.github.io/dropbox-sdk-java/api-docs/v8.0.1/com/dropbox/core/oauth/DbxRefreshResult.html
  //   https://github.com/dropbox/dropbox-sdk-python/blob/main/dropbox/dropbox_client.py
  // "https://{}/oauth2/token".format(host), API_HOST = api.dropboxapi.com [sdk, not docs].
  tokenUrl: 'https://api.dropboxapi.com/oauth2/token',
  // "client_id": self._app_key, and client_secret "if self._app_secret" [sdk, not docs].
  authMethod: 'client_secret_post',
  // The refresh result holds an access token and its expiry, never a refresh token.
  rotation: 'never',
  reuseWindowS: 'unlimited',
  refreshTokenLifetime: {
    note: 'No documented expiry: "Authorizations may be revoked by the user, whereas apps may revoke tokens they receive."'
  },
  // No revocation preset: /2/auth/token/revoke "disables that refresh token" along with the access token.
  hints: {
    invalid_grant:
      'Dropbox says the refresh token is invalid: Dropbox refresh tokens do not expire, so the user unlinked the app, or the app revoked the token (revoking any access token of it disables the refresh token too). Authorize again with token_access_type=offline and store the new refresh token.'
  },
  authorize: {
    url: 'https://www.dropbox.com/oauth2/authorize',
    // "offline - create one short-lived token with an expiration with a refresh token" [sdk, not docs].
    params: { token_access_type: 'offline' },
    // code_challenge_method S256 [sdk, not docs].
    pkce: 'S256',
    note: 'Without a redirect_uri Dropbox shows the code to copy and paste; redirect URIs must be registered exactly in the App Console.'
  }
}
