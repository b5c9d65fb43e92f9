import { ActionError, foreign, type ErrorCode } from '../errors.js'
import { describeBody, header, type Fields, type HttpResponse } from '../http.js'
import { retryWait } from '../retry.js'
import { rfcError, type Provider, type ProviderError } from './providers/types.js'
import type { AuthMethod, BasicAuthEncoding } from './token-request.js'

/** How the client authenticated on the attempt that failed: what the advice on invalid_client rests on. */
export interface ClientAttempt {
  readonly authMethod: AuthMethod
  /** The Basic encodings tried by this refresh, the failed attempt's last. */
  readonly tried?: readonly BasicAuthEncoding[]
  /** True when the untried encoding of this id and secret differs from the tried one. */
  readonly otherDiffers?: boolean
  /** True when the preset chose the method from its provider's docs: switching it is no advice. */
  readonly methodFromPreset?: boolean
}

/** What reading an error takes besides the response: the provider in use and the client's attempt. */
export interface ErrorContext {
  readonly provider?: Provider
  readonly client?: ClientAttempt
}

/** RFC 6749 §5.2's codes, each one of ours. A server-chosen key: only own entries count. */
const RFC_CODES: Readonly<Record<string, ErrorCode>> = {
  invalid_client: 'invalid_client',
  invalid_grant: 'invalid_grant',
  invalid_scope: 'invalid_scope',
  unauthorized_client: 'unauthorized_client',
  unsupported_grant_type: 'unsupported_grant_type',
  invalid_request: 'invalid_request'
}

const HINTS: Partial<Record<ErrorCode, string>> = {
  invalid_scope: "The requested 'scope' is unknown or wider than the original grant (RFC 6749 §6: a refresh may narrow the scope, never widen it). Request a subset of the granted scopes, or remove 'scope'.",
  unauthorized_client: 'This client may not use the refresh_token grant. Enable refresh tokens for the app at the provider.',
  unsupported_grant_type: "The server does not accept the refresh_token grant here. Check that 'token-url' is the token endpoint and that the provider issues refresh tokens to this app.",
  invalid_request: "The server rejected the request as malformed (a missing or repeated parameter, or a client authentication it does not accept). Check 'token-url', and try the other 'auth-method'."
}

const CHAIN_LOST =
  "The refresh token was rejected: it expired, was revoked, or was already used (rotated by an earlier or concurrent run). If it was used before, the server has likely revoked the whole grant (RFC 9700 §4.14.2), so the newer refresh token that run received is dead too: the chain is lost. Authorize again to get a new refresh token and store it in the secret; set 'secret-name' so that runs sharing it take turns and never present a spent token."

/** invalid_grant: a provider that never revokes a used token cannot have lost a chain to a concurrent run. */
function grantAdvice(p: Provider | undefined): string {
  if (!p || p.reuseWindowS !== 'unlimited') return CHAIN_LOST
  const why = p.rotation === 'never' ? 'does not rotate refresh tokens' : 'keeps earlier refresh tokens valid after a rotation'
  return `The refresh token was rejected: it expired or was revoked (${p.name} ${why}, so no concurrent run caused this). Authorize again and store the new refresh token in the secret.`
}

/**
 * invalid_client: one piece of advice that fits what was tried. Both Basic encodings tried rules
 * out the encoding; a method the provider documents rules out switching it.
 */
export function clientAdvice(c: ClientAttempt | undefined): string {
  const check = "Check 'client-id' and 'client-secret' (an expired client secret looks the same)"
  if (!c) return `${check} and the client authentication: try 'auth-method: client_secret_post', or 'basic-auth-encoding: raw' for a server that does not decode Basic credentials.`
  if (c.authMethod === 'none') return "Check 'client-id'."
  const other = c.methodFromPreset ? undefined : c.authMethod === 'client_secret_basic' ? 'client_secret_post' : 'client_secret_basic'
  const tried = c.tried ?? []
  if (c.authMethod === 'client_secret_basic' && tried.length === 2) {
    return `Both Basic encodings were tried (form-encoded as RFC 6749 §2.3.1 says, then as they are), so 'client-id' or 'client-secret' itself is not what the server expects (an expired secret looks the same)${other ? `, or it wants 'auth-method: ${other}'` : ''}.`
  }
  if (c.authMethod === 'client_secret_basic' && c.otherDiffers) {
    return `${check}; if they are right, the server may not decode Basic credentials: try 'basic-auth-encoding: ${tried.at(-1) === 'raw' ? 'form' : 'raw'}'.`
  }
  return `${check}${other ? `; if they are right, the server may want 'auth-method: ${other}'` : ''}.`
}

/** The advice for a failure, in the provider's words when it has some, else the generic one. */
function advice(code: ErrorCode, said: ProviderError | undefined, retryable: boolean, ctx: ErrorContext): string {
  const hints = ctx.provider?.hints ?? {}
  for (const key of [said?.subcode, said?.error, code]) if (key && Object.hasOwn(hints, key)) return hints[key]!
  if (code === 'invalid_client') return `The client credentials were rejected. ${clientAdvice(ctx.client)}`
  if (code === 'invalid_grant') return grantAdvice(ctx.provider)
  return HINTS[code] ?? (retryable ? 'The server failed on its side.' : `See ${ctx.provider ? `${ctx.provider.name}'s` : "the provider's"} documentation for this error.`)
}

/**
 * The error a response stands for, or undefined when it is a success to validate. Covers RFC 6749
 * §5.2 error bodies (in any status: GitHub, Slack and Zoho send them with 200), the provider's own
 * shapes (its readError), redirects, HTTP failures and bodies that are not token responses.
 */
export function responseError(res: HttpResponse, fields: Fields | undefined, where: string, ctx: ErrorContext = {}): ActionError | undefined {
  const { status } = res
  const retryable = retryWait(res, Date.now()) !== undefined
  const details = { status, retryable, retryAfter: header(res, 'retry-after') }
  const failed = `Refreshing the token at ${where} failed: HTTP ${status}`

  if (status >= 300 && status < 400) {
    const to = safeLocation(header(res, 'location'))
    return new ActionError('redirect', `${failed} redirect${to ? ` to ${to}` : ''}. A token endpoint must not redirect, and credentials are never replayed to another location. Set 'token-url' to the final token endpoint URL.`, details)
  }
  const read = ctx.provider?.readError ?? ((_: number, f: Fields) => rfcError(f))
  const said = fields ? read(status, fields) : undefined
  if (said) {
    const error = foreign(said.error, 80)
    const description = said.description ? foreign(said.description) : undefined
    const codes = ctx.provider?.codes ?? {}
    const code = Object.hasOwn(codes, said.error) ? codes[said.error]! : Object.hasOwn(RFC_CODES, said.error) ? RFC_CODES[said.error]! : 'oauth_error'
    return new ActionError(code, `${failed} ${error}${description ? ` (${description})` : ''}. ${advice(code, said, retryable, ctx)}`, { ...details, oauthError: error, description })
  }
  if (status === 401) {
    return new ActionError('invalid_client', `${failed} Unauthorized. ${advice('invalid_client', undefined, retryable, ctx)}`, details)
  }
  if (status < 200 || status >= 300) {
    const seen = res.body.trim() ? ` ${describeBody(res)}` : ''
    const what = retryable ? 'The server or a proxy in front of it failed.' : "Check 'token-url'."
    return new ActionError('http_status', `${failed}.${seen} ${what}`, details)
  }
  if (!fields) {
    // Never an excerpt of a 2xx body: it may be nothing but credentials in a shape we do not know.
    return new ActionError('not_json', `${failed} but the body is not a JSON token response: ${describeBody(res, false)}. Check that 'token-url' is the provider's token endpoint, not a login page or API root.`, details)
  }
  return undefined
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
