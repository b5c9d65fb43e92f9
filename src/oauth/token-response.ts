import { ActionError, foreign } from '../errors.js'
import type { Fields } from '../http.js'
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
  /** `expires_in` reads as milliseconds: the lifetime is not shared with other runs (rotation/presented.ts). */
  readonly lifetimeDoubtful?: boolean
}

/**
 * The rotated refresh token, if the response carries a usable one (RFC 6749 §6): kept even when the
 * rest of the response is invalid, never when it is not a token itself.
 */
export function rotatedRefreshToken(fields: Fields | undefined): string | undefined {
  const value = fields?.refresh_token
  return typeof value === 'string' && REFRESH_TOKEN_SYNTAX.test(value) && value.trim() === value ? value : undefined
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
  let lifetimeDoubtful = false
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
        lifetimeDoubtful = true
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

  return { accessToken, tokenType, expiresIn, refreshToken, scope: typeof scope === 'string' ? scope : undefined, warnings, lifetimeDoubtful }
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} seconds`
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} minutes`
  return `${(seconds / 3600).toFixed(1)} hours`
}
