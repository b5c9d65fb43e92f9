import { rfcError, type Provider } from './types.js'

/**
 * Zoom, user-level OAuth apps (research/providers/zoom.md). Zoom's support article gives the
 * request, the rotation and the message for a spent token ("you will receive an 'Invalid Token!'
 * error message"); the body around it, {"reason": "Invalid Token!", "error": "invalid_request"},
 * is what users see (UNVERIFIED), so the reader takes `reason` as the description and that text
 * as the finer code that makes it invalid_grant. api_url comes out in 'response-fields'.
 */
export const zoom: Provider = {
  id: 'zoom',
  name: 'Zoom',
  // The pages the facts below come from (comments only: the action never needs them at run time):
  //   https://devsupport.zoom.us/hc/en-us/articles/360060332931-Extending-the-expiration-for-an-OAuth-access-token
  //   https://developers.zoom.us/docs/integrations/oauth-error-messages/
  //   https://developers.zoom.us/docs/rooms/oauth/
  tokenUrl: 'https://zoom.us/oauth/token',
  // "The string 'Basic' with your Client ID and Client Secret with a colon : in between, Base64 Encoded."
  authMethod: 'client_secret_basic',
  // "The OAuth Access Token's 1 hour expiration cannot be extended."
  accessTokenLifetimeS: 3600,
  // "the latest refresh token must always be used for the next refresh request."
  rotation: 'always',
  // A prior refresh token gets "Invalid Token!"; no grace window is documented.
  reuseWindowS: 0,
  refreshTokenLifetime: {
    // "Refresh tokens expire after 15 years" (Zoom's support article, verified).
    absoluteS: 15 * 365 * 86_400,
    note: 'Zoom\'s support article says 15 years; a Zoom partner plugin says about 90 days for some user flows (UNVERIFIED): runs at least monthly keep either safe.'
  },
  readError: (_, fields) => {
    const said = rfcError(fields)
    if (!said) return undefined
    const description = said.description ?? (typeof fields.reason === 'string' && fields.reason ? fields.reason : undefined)
    return { ...said, description, subcode: /^invalid token!?$/i.test(description?.trim() ?? '') ? 'Invalid Token!' : undefined }
  },
  codes: { 'Invalid Token!': 'invalid_grant' },
  hints: {
    'Invalid Token!':
      "Zoom says the refresh token is invalid: Zoom accepts only the latest refresh token, so this one was already used (by an earlier or a concurrent run) or a newer authorization replaced it, or the app was removed. Authorize again (the app's install URL) and store the new refresh token; set 'secret-name' so runs always present the newest.",
    invalid_grant:
      "Zoom refused the refresh token: Zoom accepts only the latest one, so it was already used or replaced by a newer authorization, or the app was removed or disabled by an admin. Authorize again and store the new refresh token; set 'secret-name' so runs always present the newest.",
    invalid_client: "Zoom says the client is invalid (an invalid client secret, or a Client ID that does not match): check 'client-id' and 'client-secret' against the app's App Credentials."
  },
  authorize: {
    url: 'https://zoom.us/oauth/authorize',
    // "Zoom supports Proof of Key Code Exchange (PKCE)"; S256 or plain.
    pkce: 'S256',
    note: "The redirect URI must match the app's; codes expire in 5 minutes. The device flow needs Zoom Support to enable it for the app. No revocation preset: /oauth/revoke is known only from a mirror of Zoom's Postman collection."
  }
}
