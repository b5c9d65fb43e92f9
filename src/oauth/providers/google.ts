import type { Provider } from './types.js'

const DEV = 'https://developers.google.com/identity/protocols/oauth2'

/**
 * Google (research/providers/google.md). Google's pages were read through verbatim copies [copy];
 * the exact "Token has been expired or revoked." text is UNVERIFIED (third-party reports), so the
 * hint keys on the error code, not the text.
 */
export const google: Provider = {
  id: 'google',
  name: 'Google',
  docs: [`${DEV}/native-app#offline`, `${DEV}#expiration`, 'https://support.google.com/cloud/answer/15549945'],
  tokenUrl: 'https://oauth2.googleapis.com/token',
  // The documented request puts client_id (and client_secret) in the form body.
  authMethod: 'client_secret_post',
  // The refresh response has no refresh_token: "continue to use them as long as they remain valid".
  rotation: 'never',
  reuseWindowS: 'unlimited',
  refreshTokenLifetime: {
    note:
      'No fixed lifetime: it ends when the user revokes access, after six months unused, on a password change (Gmail scopes), when time-based access expires (refresh_token_expires_in), or when more than 100 newer ones exist for the account and client. ' +
      'An External app in Testing status gets refresh tokens that expire in 7 days.'
  },
  hints: {
    invalid_grant:
      "Google says the refresh token has expired or was revoked. If this comes about seven days after each authorization, the app's OAuth consent screen is External and in Testing status, whose refresh tokens expire in 7 days: publish the app (In production) and authorize again. " +
      'Otherwise the user revoked access, the token went unused for six months, the password changed (Gmail scopes), or over 100 newer refresh tokens exist for this account and client: authorize again and store the new refresh token.',
    deleted_client: 'Google says the OAuth client was deleted. A deleted client can be restored within 30 days in the Google Cloud console; otherwise create a new one and authorize again.'
  },
  authorize: {
    url: 'https://accounts.google.com/o/oauth2/v2/auth',
    params: { access_type: 'offline', prompt: 'consent' },
    pkce: 'S256',
    deviceUrl: 'https://oauth2.googleapis.com/device/code',
    note: 'A Desktop app client always gets a refresh token and may redirect to http://127.0.0.1 on any port; the device flow serves only a few scopes. No revocation preset: revoking an access token also revokes its refresh token.'
  }
}
