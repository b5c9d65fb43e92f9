import type { Provider } from './types.js'

/**
 * Box, OAuth 2.0 with client-side authorization (research/providers/box.md). Every refresh token
 * works once: "the Refresh Token is invalidated and a new Refresh Token is returned". The body of a
 * dead one comes from a Box staff answer on Box's support community. Developer tokens cannot be
 * refreshed; JWT and client-credentials apps have no refresh token at all.
 */
export const box: Provider = {
  id: 'box',
  name: 'Box',
  // The pages the facts below come from (comments only: the action never needs them at run time):
  //   https://developer.box.com/guides/authentication/tokens/refresh
  //   https://developer.box.com/reference/post-oauth2-token--refresh
  //   https://developer.box.com/reference/get-authorize/
  //   https://support.box.com/hc/en-us/community/posts/360049133654-What-is-the-error-code-return-by-box-API-for-a-token-that-is-expired
  tokenUrl: 'https://api.box.com/oauth2/token',
  // "-d 'client_id=[CLIENT_ID]' -d 'client_secret=[CLIENT_SECRET]' -d 'refresh_token=[REFRESH_TOKEN]'".
  authMethod: 'client_secret_post',
  rotation: 'always',
  // "can be used to obtain a new Access Token and Refresh Token only once": no window.
  reuseWindowS: 0,
  // "A Refresh Token is valid for 60 days"; "This new Refresh Token is then again only valid for 1 use
  // within 60 days": each refresh starts the 60 days again, so it is an idle end.
  refreshTokenLifetime: { idleS: 60 * 86_400 },
  // No revocation preset: whether revoking an access token (POST /oauth2/revoke) also ends its
  // refresh token is not documented, and third parties report that it does (UNVERIFIED).
  hints: {
    invalid_grant:
      "Box says the refresh token is invalid or expired: each Box refresh token works once and for 60 days, so it was already used (by an earlier or a concurrent run) or went unused for 60 days, or the user revoked access. Authorize again and store the new refresh token; set 'secret-name' so runs never present a used one.",
    invalid_client: "Box says the client credentials are not valid: check 'client-id' and 'client-secret' (the app's Client ID and Client Secret in the Box Developer Console)."
  },
  authorize: {
    // Box Verified Enterprise: https://ent.box.com/api/oauth2/authorize.
    url: 'https://account.box.com/api/oauth2/authorize',
    pkce: 'unknown',
    note: 'The redirect URI must be https and one the app configures (Box staff: localhost works for testing); with several configured, redirect_uri must be sent.'
  }
}
