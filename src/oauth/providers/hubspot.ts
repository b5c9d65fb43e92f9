import { rfcError, type Provider } from './types.js'
import type { Fields } from '../../http.js'

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

/** A camelCase rendering of the response appears in HubSpot's reference too; the guide says snake_case. */
const CAMEL = { accessToken: 'access_token', refreshToken: 'refresh_token', expiresIn: 'expires_in', tokenType: 'token_type' } as const

/**
 * HubSpot (research/providers/hubspot.md). Of the three token paths, /oauth/v1/token is deprecated
 * ("On February 16, 2027, HubSpot will deprecate v1 of the OAuth API") and the v3 reference now
 * sits under /legacy/; the v1 migration guide sends refresh logic to the date-versioned one: "should
 * be updated to use the /oauth/2026-03/token endpoint". Errors carry RFC 6749's error and
 * error_description "for backward compatibility" beside HubSpot's status and message, or its
 * standard error object (category, message, correlationId).
 */
export const hubspot: Provider = {
  id: 'hubspot',
  name: 'HubSpot',
  // The pages the facts below come from (comments only: the action never needs them at run time):
  //   https://developers.hubspot.com/docs/api-reference/2026-03/authentication/oauth-tokens/refresh-oauth-token
  //   https://developers.hubspot.com/docs/api-reference/legacy/authentication/oauth-tokens/v1/migration-guide
  //   https://developers.hubspot.com/docs/api-reference/auth-oauth-v3/guide
  //   https://developers.hubspot.com/changelog/new-oauth-v3-api-endpoints-and-standardized-error-responses
  tokenUrl: 'https://api.hubapi.com/oauth/2026-03/token',
  // "Each of the v3 endpoints require that parameters are included in the request body"; no Basic documented.
  authMethod: 'client_secret_post',
  // "Access tokens are short-lived (30 minutes)".
  accessTokenLifetimeS: 1800,
  // Every response has a refresh_token; whether it ever changes is not documented: whatever comes back is kept.
  rotation: 'sometimes',
  reuseWindowS: 0,
  refreshTokenLifetime: { note: '"A long-lived credential"; no documented expiry. Uninstalling the app revokes it (UNVERIFIED).' },
  readError: (status, f) => {
    if (status < 300 && (f.access_token ?? f.accessToken) !== undefined) return undefined
    const rfc = rfcError(f)
    // The legacy {"status": "BAD_REFRESH_TOKEN", "message": …} (UNVERIFIED, nango.dev); the standard object's status is "error".
    const legacy = typeof f.status === 'string' && /^[A-Z][A-Z0-9_]+$/.test(f.status) ? f.status : undefined
    const error = legacy ?? rfc?.error ?? text(f.category)
    if (!error) return undefined
    const message = (legacy ? text(f.message) : rfc?.description) ?? text(f.message) ?? rfc?.description
    const id = text(f.correlationId)
    return { error, description: id ? `${message ? `${message}; ` : ''}correlationId ${id}` : message }
  },
  readSuccess: (f) => {
    const out: Fields = { ...f }
    for (const [camel, snake] of Object.entries(CAMEL)) {
      if (out[snake] === undefined && out[camel] !== undefined) out[snake] = out[camel]
      delete out[camel]
    }
    return out
  },
  codes: { BAD_REFRESH_TOKEN: 'invalid_grant' },
  hints: {
    invalid_grant:
      "HubSpot refused the refresh token: the app was uninstalled from the HubSpot account, which revokes its refresh tokens, or the token was deleted or replaced (always store the refresh_token HubSpot returns; 'secret-name' does). Install the app again (authorize) and store the new refresh token."
  },
  authorize: {
    // Or https://app.hubspot.com/oauth/{accountId}/authorize for one account.
    url: 'https://app.hubspot.com/oauth/authorize',
    // code_verifier is a token-endpoint parameter; the challenge method is not documented.
    pkce: 'unknown',
    note: 'The code exchange always returns a refresh token. Redirect URIs must be in the app\'s auth settings; http only for localhost.'
  }
}
