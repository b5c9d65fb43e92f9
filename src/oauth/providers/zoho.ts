import type { Provider } from './types.js'

const THROTTLED = "Zoho allows ten access tokens per refresh token in ten minutes, and blocks the rest of those ten minutes: wait, then run less often; with 'secret-name', runs use an access token that is still valid instead of refreshing."

/**
 * Zoho (research/providers/zoho.md). "The accounts-server-url is specific to the location (i.e.,
 * datacenter) where the user is present": the preset is the US host, and any other data centre is
 * its host through 'token-url' (the callback's accounts-server names it). The response carries
 * api_domain, the API host of that data centre, which comes out in 'response-fields'. Errors may
 * come with HTTP 200 (UNVERIFIED, third-party reports): the generic reader treats any body with
 * `error` as one, whatever the status.
 */
export const zoho: Provider = {
  id: 'zoho',
  name: 'Zoho',
  // The pages the facts below come from (comments only: the action never needs them at run time):
  //   https://zoho.com/accounts/protocol/oauth/web-apps/access-token-expiry.html
  //   https://zoho.com/accounts/protocol/oauth/multi-dc.html
  //   https://www.zoho.com/crm/developer/docs/api/multi-dc.html
  //   https://help.zoho.com/portal/en/kb/accounts/faqs-troubleshooting/faqs/oauth/articles/will-the-refresh-tokens-expire
  //   https://www.zoho.com/crm/developer/docs/api/v3/token-validity.html
  // Other data centres: https://accounts.zoho.{eu,in,com.au,jp,sa,uk,com.cn}/oauth/v2/token, and
  // Canada https://accounts.zohocloud.ca/oauth/v2/token ("not" accounts.zoho.ca).
  tokenUrl: 'https://accounts.zoho.com/oauth/v2/token',
  // "client_id required … client_secret required"; "pass the below parameters in the body of your request" (Writer).
  authMethod: 'client_secret_post',
  // "This token is valid for 1 hour."
  accessTokenLifetimeS: 3600,
  // The refresh response has no refresh_token; "Refresh tokens will never expire."
  rotation: 'never',
  reuseWindowS: 'unlimited',
  refreshTokenLifetime: {
    note:
      'Never expires; deleted when revoked, when the app is removed from Connected Apps, on a password change with "Terminate all API tokens", when the client is deleted, or when a 21st refresh token is created for the user and client (the oldest goes).'
  },
  // invalid_code for a refresh token that is gone, with HTTP 200 (UNVERIFIED: ZohoBooksApi issue 84, schmorrison/Zoho PR 18).
  codes: { invalid_code: 'invalid_grant' },
  hints: {
    invalid_grant:
      "Zoho does not know the refresh token at this data centre. Zoho refresh tokens never expire, so it was revoked (the app removed from Connected Apps, a password change with Terminate all API tokens, the client deleted), or a 21st refresh token for this user and client deleted it (Zoho keeps 20), or 'token-url' is not the user's data centre: the accounts server returned at authorization (accounts-server), e.g. https://accounts.zoho.eu/oauth/v2/token or https://accounts.zohocloud.ca/oauth/v2/token. Authorize again (access_type=offline, prompt=consent) and store the new refresh token.",
    // "up to ten access tokens in a span of ten minutes … creation will be blocked for the rest of the ten minutes"; the body's shape is UNVERIFIED.
    access_denied: THROTTLED,
    'Access Denied': THROTTLED,
    invalid_client:
      "The client credentials were rejected: check 'client-id' and 'client-secret'. A user in another data centre than the client's needs the client's Multi DC support enabled in the Zoho API console, and 'token-url' at that data centre."
  },
  authorize: {
    // Start at .com (Zoho redirects to the user's data centre); China starts at accounts.zoho.com.cn.
    url: 'https://accounts.zoho.com/oauth/v2/auth',
    // "If the value is offline, you will receive a refresh token"; "include access_type=offline and prompt=consent" for another.
    params: { access_type: 'offline', prompt: 'consent' },
    pkce: 'unknown',
    note: "Keep accounts-server from the callback: refresh at its /oauth/v2/token ('token-url'). A Self Client needs no redirect URI. Zoho's device flow uses its own grant names (device_request, device_token), not RFC 8628's."
  }
}
