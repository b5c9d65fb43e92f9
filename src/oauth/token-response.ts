import { ActionError, foreign, type ErrorCode } from '../errors.js'
import { describeBody, header, type Fields, type HttpResponse } from '../http.js'
import { retryWait } from '../retry.js'
import type { Provider } from './providers/types.js'
import { describeDuration } from './refresh-lifetime.js'

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

/** The credential strings in a parsed body, for masking before anything else happens. */
export function secretsIn(fields: Fields | undefined): string[] {
  if (!fields) return []
  return SECRET_FIELDS.map((f) => fields[f]).filter((v): v is string => typeof v === 'string' && v.length > 0)
}

/**
 * The rotated refresh token, if the response carries a usable one (RFC 6749 §6): kept even when the
 * rest of the response is invalid, never when it is not a token itself.
 */
export function rotatedRefreshToken(fields: Fields | undefined): string | undefined {
  const value = fields?.refresh_token
  return typeof value === 'string' && REFRESH_TOKEN_SYNTAX.test(value) && value.trim() === value ? value : undefined
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
    const description = typeof fields?.error_description === 'string' ? foreign(fields.error_description) : undefined
    // A server-chosen key: only the table's own entries count (not `constructor`, `__proto__`…).
    const [code, hint]: [ErrorCode, string] = Object.hasOwn(HINTS, error) ? HINTS[error]! : ['oauth_error', retryable ? 'The server failed on its side; the attempts were retried.' : "See the provider's documentation for this error."]
    const said = `${failed} ${foreign(error, 80)}${description ? ` (${description})` : ''}.`
    return new ActionError(code, `${said} ${hint}`, { ...details, oauthError: foreign(error, 80), description })
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
    // Never an excerpt of a 2xx body: it may be nothing but credentials in a shape we do not know.
    return new ActionError('not_json', `${failed} but the body is not a JSON token response: ${describeBody(res, false)}. Check that 'token-url' is the provider's token endpoint, not a login page or API root.`, details)
  }
  return undefined
}

/**
 * RFC 6750 §2.1 / RFC 6749 Appendix A.12: an access token (and a token type) is visible ASCII with
 * no whitespace: it travels in an Authorization header. A line break could not be sent, masked or
 * stored as one value.
 */
export const TOKEN_SYNTAX = /^[\x21-\x7E]+$/
/**
 * RFC 6749 Appendix A.17: a refresh token is VSCHAR, space included; it only ever travels in a form
 * body. Refusing a space would drop a valid rotated token and lose the chain.
 */
export const REFRESH_TOKEN_SYNTAX = /^[\x20-\x7E]+$/

/** Longer than this is no lifetime anyone means: "unknown", with a warning, never a date out of range. */
const ABSURD_EXPIRY_S = 10 * 365 * 86400
/** Lifetimes in seconds that providers use, for telling milliseconds apart from a long lifetime. */
const COMMON_LIFETIMES_S = [60, 300, 600, 900, 1200, 1800, 3600, 7200, 14_400, 28_800, 43_200, 86_400]

/** What a preset knows about access tokens (providers/types.ts). */
export type TokenFacts = Pick<Provider, 'name' | 'accessTokenLifetimeS' | 'expiryNote' | 'tokenTypes'>

/**
 * RFC 6749 §5.1 checks, as oauth4webapi makes them. Values of credential fields are never shown.
 * A preset's documented access-token lifetime caps `expires_in` and stands in for a missing one
 * (HP TechPulse's 30 minutes against its millisecond-looking 1799999).
 */
export function validateTokenResponse(fields: Fields, where: string, preset?: TokenFacts): TokenSet {
  const invalid = (problem: string): ActionError =>
    new ActionError('invalid_response', `The token endpoint at ${where} answered HTTP 200 but the response is invalid: ${problem} (RFC 6749 §5.1). Check 'token-url', or report it to the provider.`)
  const warnings: string[] = []
  const token = (name: string, value: unknown, syntax = TOKEN_SYNTAX): string => {
    if (typeof value !== 'string' || value.length === 0) throw invalid(`'${name}' must be a non-empty string`)
    if (!syntax.test(value)) {
      throw invalid(
        syntax === TOKEN_SYNTAX ?
          `'${name}' holds whitespace, a line break or a character outside visible ASCII, which no token may (RFC 6749 Appendix A, RFC 6750 §2.1)` :
          `'${name}' holds a line break or a character outside printable ASCII, which no refresh token may (RFC 6749 Appendix A.17)`
      )
    }
    // The runner trims every input, so a token with an outer space could never come back as 'refresh-token'.
    if (value.trim() !== value) throw invalid(`'${name}' begins or ends with a space, which an input of the next run cannot carry (the runner trims inputs)`)
    return value
  }

  const accessToken = token('access_token', fields.access_token)
  const tokenType = token('token_type', fields.token_type)
  // RFC 6749 §5.1: token_type is case-insensitive. Slack documents `bot` and `user`.
  if (tokenType.toLowerCase() !== 'bearer' && !preset?.tokenTypes?.includes(tokenType.toLowerCase())) {
    warnings.push(`The token type is '${foreign(tokenType, 40)}', not Bearer (RFC 6750); send it the way the API documents for that type.`)
  }

  const documented = preset?.accessTokenLifetimeS
  let expiresIn: number | undefined
  const rawExpiry = fields.expires_in
  if (rawExpiry !== undefined && rawExpiry !== null) {
    const value = typeof rawExpiry === 'number' ? rawExpiry : typeof rawExpiry === 'string' && /^\d+$/.test(rawExpiry.trim()) ? Number(rawExpiry) : NaN
    if (!(value > ABSURD_EXPIRY_S) && !(Number.isInteger(value) && value >= 0)) {
      throw invalid(`'expires_in' must be a non-negative whole number of seconds; got ${foreign(JSON.stringify(rawExpiry), 40)}`)
    }
    if (documented !== undefined && value > documented) {
      const life = describeDuration(documented)
      warnings.push(`'expires_in' is ${foreign(String(value), 40)}, longer than the ${life} ${preset!.name} documents for its access tokens${preset!.expiryNote ? ` (${preset!.expiryNote})` : ''}: 'expires-in' and 'expires-at' use ${life}.`)
      expiresIn = documented
    } else if (value > ABSURD_EXPIRY_S) {
      warnings.push(`'expires_in' is ${foreign(String(value), 40)}, more than ten years: taken as unknown, so 'expires-in' and 'expires-at' are empty.`)
    } else {
      expiresIn = value
      const asSeconds = value / 1000
      const milliseconds = value > 7 * 86400 && COMMON_LIFETIMES_S.some((common) => Math.abs(asSeconds - common) <= Math.max(2, common * 0.01))
      // Long-lived tokens exist (Authlib gives 10 days): only a value that reads as a common lifetime in milliseconds is doubted.
      if (milliseconds) {
        warnings.push(`'expires_in' is ${value} s (${(value / 86400).toFixed(1)} days); read as milliseconds it is ${formatDuration(asSeconds)}, a common token lifetime, so the provider may mean milliseconds. 'expires-at' assumes seconds, as RFC 6749 §5.1 says.`)
      }
    }
  } else {
    // RFC 6749 §5.1 only recommends expires_in; the provider's documented lifetime fills the gap.
    expiresIn = documented
  }

  const refreshToken = fields.refresh_token === null || fields.refresh_token === undefined ? undefined : token('refresh_token', fields.refresh_token, REFRESH_TOKEN_SYNTAX)

  const scope = fields.scope
  if (scope !== undefined && scope !== null && typeof scope !== 'string') throw invalid("'scope', when present, must be a string")

  return { accessToken, tokenType, expiresIn, refreshToken, scope: typeof scope === 'string' ? scope : undefined, warnings }
}

/** Origin and path of a redirect target; the query could carry anything, so it is left out. */
function safeLocation(location: string | undefined): string | undefined {
  if (!location) return undefined
  try {
    const url = new URL(location)
    return foreign(url.origin + url.pathname, 120)
  } catch {
    return undefined
  }
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} seconds`
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} minutes`
  return `${(seconds / 3600).toFixed(1)} hours`
}
