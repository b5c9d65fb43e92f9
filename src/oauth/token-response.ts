import { ActionError, type ErrorCode } from '../errors.js'
import { describeBody, header, type Fields, type HttpResponse } from '../http.js'
import { retryWait } from '../retry.js'

/** RFC 6749 §5.1, validated. */
export interface TokenSet {
  readonly accessToken: string
  readonly tokenType: string
  readonly expiresIn: number | undefined
  readonly refreshToken: string | undefined
  readonly scope: string | undefined
  readonly warnings: readonly string[]
}

/** Every field of a token response that holds a credential: each is masked on arrival. */
const SECRET_FIELDS = ['access_token', 'refresh_token', 'id_token'] as const

/** An expires_in above this is implausible for an access token (HP's 1799999 reads as milliseconds). */
const PLAUSIBLE_EXPIRY_S = 7 * 24 * 3600

/** The credential strings in a parsed body, for masking before anything else happens. */
export function secretsIn(fields: Fields | undefined): string[] {
  if (!fields) return []
  return SECRET_FIELDS.map((f) => fields[f]).filter((v): v is string => typeof v === 'string' && v.length > 0)
}

/** The rotated refresh token, if the response carries a usable one (RFC 6749 §6). */
export function rotatedRefreshToken(fields: Fields | undefined): string | undefined {
  const value = fields?.refresh_token
  return typeof value === 'string' && value.length > 0 ? value : undefined
}

const HINTS: Record<string, [ErrorCode, string]> = {
  invalid_client: ['invalid_client', "The client credentials were rejected. Check 'client-id' and 'client-secret' (an expired client secret looks the same: HP TechPulse's expire after 365 days) and the client authentication: try 'auth-method: client_secret_post', or 'basic-auth-encoding: raw' for a server that does not decode Basic credentials."],
  invalid_grant: ['invalid_grant', "The refresh token was rejected: it expired, was revoked, or was already used (rotated by an earlier or concurrent run). If it was used before, the server has likely revoked the whole grant (RFC 9700 §4.14.2), so the newer refresh token that run received is dead too: the chain is lost. Authorize again to get a new refresh token and store it in the secret; set 'secret-name' so that runs sharing it take turns and never present a spent token."],
  invalid_scope: ['invalid_scope', "The requested 'scope' is unknown or wider than the original grant (RFC 6749 §6: a refresh may narrow the scope, never widen it). Request a subset of the granted scopes, or remove 'scope'."],
  unauthorized_client: ['unauthorized_client', 'This client may not use the refresh_token grant. Enable refresh tokens for the app at the provider.'],
  unsupported_grant_type: ['unsupported_grant_type', "The server does not accept the refresh_token grant here. Check that 'token-url' is the token endpoint and that the provider issues refresh tokens to this app."],
  invalid_request: ['invalid_request', "The server rejected the request as malformed (a missing or repeated parameter, or a client authentication it does not accept). Check 'token-url', and try the other 'auth-method'."],
  bad_refresh_token: ['invalid_grant', 'GitHub refresh tokens (ghr_…) are single-use and expire after six months: this one was already used or has expired. Authorize again and store the new refresh token.']
}

/**
 * The error a response stands for, or undefined when it is a success to validate. Covers RFC 6749
 * §5.2 error bodies (also with HTTP 200, as GitHub sends them), redirects, HTTP failures and bodies
 * that are not token responses.
 */
export function responseError(res: HttpResponse, fields: Fields | undefined, where: string): ActionError | undefined {
  const { status } = res
  const retryable = retryWait(res, Date.now()) !== undefined
  const details = { status, retryable, retryAfter: header(res, 'retry-after') }
  const failed = `Refreshing the token at ${where} failed: HTTP ${status}`

  if (status >= 300 && status < 400) {
    const to = safeLocation(header(res, 'location'))
    return new ActionError('redirect', `${failed} redirect${to ? ` to ${to}` : ''}. A token endpoint must not redirect, and credentials are never replayed to another location. Set 'token-url' to the final token endpoint URL.`, details)
  }
  const error = typeof fields?.error === 'string' ? fields.error : undefined
  if (error) {
    const description = typeof fields?.error_description === 'string' ? fields.error_description : undefined
    const [code, hint] = HINTS[error] ?? ['oauth_error', retryable ? 'The server failed on its side; the attempts were retried.' : "See the provider's documentation for this error."]
    const said = `${failed} ${error}${description ? ` (${description})` : ''}.`
    return new ActionError(code, `${said} ${hint}`, { ...details, oauthError: error, description })
  }
  if (status === 401) {
    return new ActionError('invalid_client', `${failed} Unauthorized. ${HINTS.invalid_client![1]}`, details)
  }
  if (status < 200 || status >= 300) {
    const seen = res.body.trim() ? ` ${describeBody(res)}` : ''
    const what = retryable ? 'The server or a proxy in front of it failed; retryable failures were retried.' : "Check 'token-url'."
    return new ActionError('http_status', `${failed}.${seen} ${what}`, details)
  }
  if (!fields) {
    return new ActionError('not_json', `${failed} but the body is not a JSON token response: ${describeBody(res)}. Check that 'token-url' is the provider's token endpoint, not a login page or API root.`, details)
  }
  return undefined
}

/**
 * RFC 6749 §5.1 checks, as oauth4webapi makes them. Values of credential fields are never shown.
 * `expiryNote` replaces the generic warning for an implausible `expires_in` (a preset's own words).
 */
export function validateTokenResponse(fields: Fields, where: string, expiryNote?: string): TokenSet {
  const invalid = (problem: string): ActionError =>
    new ActionError('invalid_response', `The token endpoint at ${where} answered HTTP 200 but the response is invalid: ${problem} (RFC 6749 §5.1). Check 'token-url', or report it to the provider.`)
  const warnings: string[] = []

  const accessToken = fields.access_token
  if (typeof accessToken !== 'string' || accessToken.length === 0) throw invalid("'access_token' must be a non-empty string")

  const tokenType = fields.token_type
  if (typeof tokenType !== 'string' || tokenType.length === 0) throw invalid("'token_type' must be a non-empty string")
  if (tokenType.toLowerCase() !== 'bearer') {
    warnings.push(`The token type is '${tokenType}', not Bearer (RFC 6750); send it the way the API documents for that type.`)
  }

  let expiresIn: number | undefined
  const rawExpiry = fields.expires_in
  if (rawExpiry !== undefined && rawExpiry !== null) {
    expiresIn = typeof rawExpiry === 'number' ? rawExpiry : typeof rawExpiry === 'string' && /^\d+(\.\d+)?$/.test(rawExpiry.trim()) ? Number(rawExpiry) : NaN
    if (!Number.isFinite(expiresIn) || expiresIn < 0) throw invalid(`'expires_in' must be a non-negative number of seconds; got ${JSON.stringify(rawExpiry)}`)
    if (expiresIn > PLAUSIBLE_EXPIRY_S && expiryNote) warnings.push(`'expires_in' is ${expiresIn}. ${expiryNote}`)
    else if (expiresIn > PLAUSIBLE_EXPIRY_S) {
      warnings.push(`'expires_in' is ${expiresIn} s (${(expiresIn / 86400).toFixed(1)} days), implausibly long for an access token. If the provider means milliseconds, the token lives ${formatDuration(expiresIn / 1000)}. 'expires-at' assumes seconds, as RFC 6749 §5.1 says.`)
    }
  }

  const refreshToken = fields.refresh_token
  if (refreshToken !== undefined && refreshToken !== null && (typeof refreshToken !== 'string' || refreshToken.length === 0)) {
    throw invalid("'refresh_token', when present, must be a non-empty string")
  }

  const scope = fields.scope
  if (scope !== undefined && scope !== null && typeof scope !== 'string') throw invalid("'scope', when present, must be a string")

  return {
    accessToken,
    tokenType,
    expiresIn,
    refreshToken: typeof refreshToken === 'string' ? refreshToken : undefined,
    scope: typeof scope === 'string' ? scope : undefined,
    warnings
  }
}


/** Origin and path of a redirect target; the query could carry anything, so it is left out. */
function safeLocation(location: string | undefined): string | undefined {
  if (!location) return undefined
  try {
    const url = new URL(location)
    return url.origin + url.pathname
  } catch {
    return undefined
  }
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} seconds`
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} minutes`
  return `${(seconds / 3600).toFixed(1)} hours`
}
