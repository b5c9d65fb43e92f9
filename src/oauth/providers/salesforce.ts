import type { Provider } from './types.js'

const HELP = 'https://help.salesforce.com/s/articleView?id='

/**
 * Salesforce connected apps and external client apps (research/providers/salesforce.md). The
 * response has no expires_in: the access token lives as long as the org's session timeout, which
 * the action cannot know, so 'expires-at' stays empty. instance_url comes out in 'response-fields'.
 */
export const salesforce: Provider = {
  id: 'salesforce',
  name: 'Salesforce',
  docs: [`${HELP}xcloud.remoteaccess_oauth_refresh_token_flow_ca.htm`, `${HELP}xcloud.remoteaccess_oauth_endpoints.htm`, `${HELP}sf.remoteaccess_oauth_flow_errors.htm`, `${HELP}xcloud.connected_app_limit_idle_ttl.htm`],
  // Production. Sandboxes: "use test.salesforce.com or the My Domain login URL for the sandbox", through 'token-url'.
  tokenUrl: 'https://login.salesforce.com/services/oauth2/token',
  // "The connected app can send the client_id and client_secret in the body of the refresh token POST request".
  authMethod: 'client_secret_post',
  // https://{host}/services/oauth2/revoke, on the same host as the token endpoint.
  revocationUrl: 'revoke',
  // Only with refresh token rotation enabled on the app.
  rotation: 'configurable',
  // "If someone tries to use a refresh token that's been rotated out, Salesforce invalidates the current refresh token".
  reuseWindowS: 0,
  refreshTokenLifetime: {
    note: "The connected app's refresh token policy: valid until revoked (the default), expire after a time, or expire if unused for a time; an optional 30-day idle limit."
  },
  codes: { invalid_client_id: 'invalid_client' },
  hints: {
    invalid_grant:
      "Salesforce refused the refresh token: the connected app's refresh token policy expired it, it was revoked, or (with rotation on) a rotated-out token was presented, which also invalidates the current one. " +
      "A sandbox token refreshes only at a sandbox host: 'token-url' https://test.salesforce.com/services/oauth2/token or the sandbox's My Domain. Otherwise authorize again and store the new refresh token.",
    // inactive_user and inactive_org: Salesforce's error list as recalled, UNVERIFIED.
    inactive_user: 'Salesforce says the user is inactive: reactivate the user, or authorize as an active one.',
    inactive_org: 'Salesforce says the org is inactive (locked, closed or suspended).'
  },
  authorize: {
    url: 'https://login.salesforce.com/services/oauth2/authorize',
    scopes: ['refresh_token', 'api'],
    // S256 as recalled, not read: UNVERIFIED.
    pkce: 'unknown',
    note: 'The connected app must allow the refresh_token (offline_access) scope; sandboxes authorize at test.salesforce.com.'
  }
}
