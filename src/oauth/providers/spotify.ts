import type { Provider } from './types.js'

/**
 * Spotify Web API (research/providers/spotify.md). A refresh may or may not return a new refresh
 * token; refresh tokens end six months after the user authorized the app, and refreshing does not
 * extend them. The response carries no date for that end, and no run knows when the user
 * authorized, so the preset gives none: the hint says what the invalid_grant then means.
 */
export const spotify: Provider = {
  id: 'spotify',
  name: 'Spotify',
  // The pages the facts below come from (comments only: the action never needs them at run time):
  //   https://developer.spotify.com/documentation/web-api/tutorials/refreshing-tokens
  //   https://developer.spotify.com/blog/2026-06-18-refresh-token-expiration
  //   https://developer.spotify.com/documentation/web-api/concepts/redirect_uri
  // "The expires_in value returned by the Spotify token endpoint (POST https://accounts.spotify.com/api/token)".
  tokenUrl: 'https://accounts.spotify.com/api/token',
  // "Authorization: Basic <base64 encoded client_id:client_secret>", "Only required for the
  // Authorization Code" flow; a PKCE client sends client_id in the body ("Only required for the
  // PKCE extension"), which an empty 'client-secret' does (auth-method none).
  authMethod: 'client_secret_basic',
  // "Access tokens continue to expire after 1 hour."
  accessTokenLifetimeS: 3600,
  // "When a refresh token is not returned, continue using the existing token." (quoted from the
  // refreshing page by several projects; the part of the page read ends before it).
  rotation: 'sometimes',
  // Nothing documented about the previous token after a new one: RFC 6749 §6, discarded.
  reuseWindowS: 0,
  refreshTokenLifetime: {
    // "Refresh tokens issued to apps registered in the Developer Dashboard have a lifetime of 6 months";
    // "Refreshing an access token does not extend the refresh token's lifetime."
    note: 'Six months from the user\'s authorization, not extended by refreshing; a new authorization starts a new six months (new apps from 2026-06-18, existing apps from 2026-07-20). The response carries no date.'
  },
  hints: {
    // "When a refresh token expires, the Spotify token endpoint … will return an invalid_grant error."
    // "Do not retry the refresh — discard the stored token and redirect the user to sign in again."
    invalid_grant:
      'Spotify refused the refresh token: it reached the end of its six months, counted from the user\'s authorization (refreshing does not extend it), or the user removed the app\'s access. Do not retry: have the user authorize the app again, which starts a new six months, and store the new refresh token.'
  },
  authorize: {
    url: 'https://accounts.spotify.com/authorize',
    pkce: 'unknown',
    note: 'Authorization URL and PKCE method UNVERIFIED. Loopback redirects must be http://127.0.0.1:PORT or http://[::1]:PORT (localhost is not allowed); registered without a port, any port works.'
  }
}
