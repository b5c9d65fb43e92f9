import { rfcError, type Provider } from './types.js'
import type { Fields } from '../../http.js'

const DOCS = 'https://docs.slack.dev'

/** The token fields of RFC 6749 §5.1, which Slack puts under authed_user for a user token. */
const TOKEN_FIELDS = ['access_token', 'token_type', 'expires_in', 'refresh_token', 'scope'] as const

/**
 * Slack with token rotation (research/providers/slack.md). Errors are `{"ok": false, "error": …}`
 * ("Callers should always check the value of the ok parameter"), likely with HTTP 200; token types
 * are `bot` and `user`; a user token may come nested in `authed_user`.
 */
export const slack: Provider = {
  id: 'slack',
  name: 'Slack',
  docs: [`${DOCS}/authentication/using-token-rotation`, `${DOCS}/reference/methods/oauth.v2.access`, `${DOCS}/authentication/installing-with-oauth`],
  // GovSlack: 'token-url' https://slack-gov.com/api/oauth.v2.access.
  tokenUrl: 'https://slack.com/api/oauth.v2.access',
  // "We strongly recommend supplying the Client ID and Client Secret using the HTTP Basic authentication scheme".
  authMethod: 'client_secret_basic',
  tokenTypes: ['bot', 'user'],
  // "It will always expire in 43,200 seconds, which is 12 hours."
  accessTokenLifetimeS: 43_200,
  // Token rotation is opted into per app, and "may not be turned off once it's turned on".
  rotation: 'configurable',
  // "the refresh token you used is revoked after a short grace period": its length is not stated.
  reuseWindowS: 0,
  readError: (_, fields) => (fields.ok === true ? undefined : fields.ok === false ? { error: typeof fields.error === 'string' && fields.error ? fields.error : 'not_ok' } : rfcError(fields)),
  // The user token of a user-token refresh, lifted to the top when there is no bot token there.
  readSuccess: (fields) => {
    const user = fields.authed_user
    if (fields.access_token !== undefined || typeof user !== 'object' || user === null) return fields
    const lifted: Fields = { ...fields }
    for (const name of TOKEN_FIELDS) if (Object.hasOwn(user, name)) lifted[name] = (user as Fields)[name]
    return lifted
  },
  codes: {
    invalid_refresh_token: 'invalid_grant',
    token_revoked: 'invalid_grant',
    token_expired: 'invalid_grant',
    invalid_client_id: 'invalid_client',
    bad_client_secret: 'invalid_client',
    invalid_grant_type: 'unsupported_grant_type'
  },
  hints: {
    invalid_refresh_token:
      "Slack says the refresh token is invalid: it was already used (Slack revokes a used one after a short grace period), or the app was uninstalled or its tokens revoked. Reinstall the app to the workspace, store the new refresh token, and set 'secret-name' so runs never present a used one.",
    token_revoked: 'Slack says the token was revoked: the app was removed. Reinstall it and store the new refresh token.',
    bad_client_secret: "The client credentials were rejected: Slack says 'client-secret' is wrong.",
    invalid_client_id: "The client credentials were rejected: Slack does not know this 'client-id'."
  },
  authorize: {
    url: 'https://slack.com/oauth/v2/authorize',
    pkce: 'unknown',
    note: 'Token rotation must be on for the app. Redirect URIs must be https, so no loopback redirect: use an https page you control, or paste the code.'
  }
}
