import { ActionError } from '../errors.js'
import { parseBody, type Fields, type HttpRequest } from '../http.js'
import { exchange, type NetDeps } from '../retry.js'
import { basicCredentials, bodyParams, buildRefreshRequest, formEncode, type BasicAuthEncoding, type ClientAuth, type EncodingChoice, type RequestShape } from './token-request.js'
import { mayPresentAgain, presentationOf, type Presentation, type ReuseWindowMs } from './outcome.js'
import type { Provider } from './providers/types.js'
import { responseError, type ErrorContext } from './token-error.js'
import { describeDuration } from './refresh-lifetime.js'
import { secretsIn } from './response-fields.js'

export interface RefreshDeps extends NetDeps {
  /** Registers a value for redaction (core.setSecret). Called before anything could print it. */
  readonly mask: (secret: string) => void
}

export interface Limits {
  readonly maxAttempts: number
  readonly timeoutMs: number
  /** No retry starts that could end after this instant (work under the cross-run lock). */
  readonly deadline?: number
}

/** The token call's limits: also how long the provider accepts a refresh token again (outcome.ts). */
export interface TokenLimits extends Limits {
  readonly reuseWindowMs: ReuseWindowMs
}

/** Form fields of our requests that carry a credential. */
const CREDENTIAL_FIELDS = ['refresh_token', 'client_secret', 'token'] as const

/**
 * Masks a request's credentials in every form they travel in, before it is sent: the Basic
 * credential (the runner masks the base64 of each secret, not of "id:secret" joined), and the
 * form-encoded and percent-encoded forms of each credential in the body (the runner masks only
 * the percent-encoded one), in case a server echoes the request back in an error.
 */
export function maskCredentials(req: HttpRequest, mask: (secret: string) => void): void {
  const forms = new Set<string>()
  const auth = req.headers.authorization
  if (auth) forms.add(auth.slice(auth.indexOf(' ') + 1))
  const body = bodyParams(req)
  for (const name of CREDENTIAL_FIELDS) {
    const value = body.get(name)
    // JSON.stringify: a JSON body escapes quotes, backslashes and controls (Notion's requests are JSON).
    if (value) for (const form of [value, formEncode(value), encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]) forms.add(form)
  }
  for (const form of forms) mask(form)
}

export interface RefreshResult {
  /** The parsed success body, every credential in it already masked; validation is the caller's. */
  readonly fields: Fields
  readonly attempts: number
}

/**
 * Runs the refresh grant (RFC 6749 §6), retrying up to `max-attempts` only what cannot have spent
 * the refresh token (outcome.ts): a request that never left, 429 and 503; a timeout, a reset or
 * another 5xx only inside the provider's reuse window. Every response is masked as soon as it is
 * parsed, error responses included; `ctx` says whose errors to read and how the client authenticated.
 */
export async function requestTokens(req: HttpRequest, limits: TokenLimits, deps: RefreshDeps, ctx: ErrorContext = {}): Promise<RefreshResult> {
  maskCredentials(req, deps.mask)
  const where = req.url.host
  const firstSentAt = deps.now()
  // An attempt of this run, retried inside the reuse window, may have spent the token already.
  let uncertainBefore = false
  try {
    const { value, attempts } = await exchange(
      {
        req,
        attempts: limits.maxAttempts,
        timeoutMs: limits.timeoutMs,
        deadline: limits.deadline,
        mayRetry: (failure) => {
          const p = presentationOf(failure)
          const again = mayPresentAgain(p, limits.reuseWindowMs, deps.now() - firstSentAt)
          if (again && p === 'uncertain') uncertainBefore = true
          return again
        },
        classify: (res) => {
          const fields = parseBody(res)
          for (const secret of secretsIn(fields)) deps.mask(secret)
          const failure = responseError(res, fields, where, ctx)
          if (failure) throw failure
          return ctx.provider?.readSuccess ? ctx.provider.readSuccess(fields!) : fields!
        }
      },
      deps
    )
    return { fields: value, attempts }
  } catch (e) {
    if (!(e instanceof ActionError)) throw e
    if (e.code === 'invalid_grant' && uncertainBefore) throw lostAnswer(e)
    // An earlier attempt that may have reached the server decides, whatever the last one met.
    const p = uncertainBefore ? 'uncertain' : presentationOf(e)
    if (p === 'unsent' || p === 'uncertain') throw new ActionError(e.code, `${e.message} ${unanswered(p, where, limits.reuseWindowMs, ctx.provider)}`, e.details)
    throw e
  }
}

/**
 * Issue 19: a refresh that got no answer says whether the token was sent, and what that means for it.
 * Facts only where the token may be spent: what to do then is the caller's to say (a later run of the
 * rotation protocol stops on it; a plain run is told to try once more).
 */
function unanswered(p: Presentation, where: string, windowMs: number, provider: Provider | undefined): string {
  if (p === 'unsent') return `Nothing reached ${where}, so the refresh token was not used: run again once it is reachable.`
  const who = provider?.name ?? 'The provider'
  if (windowMs === Infinity) return `The request may have reached ${where} before the answer was lost; ${who} keeps a refresh token valid after it is used, so running again is safe.`
  if (windowMs > 0) return `The request may have reached ${where} before the answer was lost; ${who} accepts the refresh token again for ${describeDuration(Math.round(windowMs / 1000))}, so run again within that.`
  return 'The request may have reached the server and rotated the refresh token before the answer was lost, so it was not sent again: presenting a spent refresh token can make the provider revoke the whole grant (RFC 9700 §4.14.2).'
}

export interface GrantResult extends RefreshResult {
  /** The Basic encoding the server accepted, with client_secret_basic. */
  readonly encoding: BasicAuthEncoding | undefined
  /** True when `auto` had to fall back to `raw`: worth a notice saying how to pin it. */
  readonly fellBack: boolean
}

/** Beyond the request's shape: whose token endpoint it is, and whether its docs chose the client authentication. */
export interface GrantOptions extends RequestShape {
  readonly provider?: Provider
  readonly methodFromPreset?: boolean
}

/**
 * The refresh grant with the client authentication the inputs chose. With `basic-auth-encoding:
 * auto` (the default) Basic credentials go form-encoded first, as RFC 6749 §2.3.1 says; if the
 * server answers invalid_client and the raw encoding of this id and secret differs, once more raw,
 * for the many servers that never form-decode (@node-oauth/oauth2-server, passport-http, Authlib).
 * That second try is safe: servers authenticate the client before they look at the grant (RFC 6749
 * §6; checked against oidc-provider, oauth2-server and oauth2orize, test/interop.test.ts), so the
 * refresh token is still unspent. Never after any other error, and never for a provider where any
 * refresh call spends the token (`spendsOnError`): a second refresh can burn a rotating token.
 */
export async function refreshGrant(url: URL, client: Omit<ClientAuth, 'basicAuthEncoding'> & { readonly basicAuthEncoding: EncodingChoice }, refreshToken: string, scope: string | undefined, limits: TokenLimits, deps: RefreshDeps, options: GrantOptions = {}): Promise<GrantResult> {
  const basic = client.authMethod === 'client_secret_basic'
  const differ = basicCredentials(client.clientId, client.clientSecret, 'form') !== basicCredentials(client.clientId, client.clientSecret, 'raw')
  const attempt = async (tried: BasicAuthEncoding[]): Promise<GrantResult> => {
    const encoding = tried.at(-1)!
    const ctx: ErrorContext = { provider: options.provider, client: { authMethod: client.authMethod, tried, otherDiffers: differ && tried.length === 1, methodFromPreset: options.methodFromPreset } }
    const result = await requestTokens(buildRefreshRequest(url, { ...client, basicAuthEncoding: encoding }, refreshToken, scope, options), limits, deps, ctx)
    return { ...result, encoding: basic ? encoding : undefined, fellBack: tried.length === 2 }
  }
  if (client.basicAuthEncoding !== 'auto') return attempt([client.basicAuthEncoding])
  try {
    return await attempt(['form'])
  } catch (e) {
    const late = limits.deadline !== undefined && deps.now() + limits.timeoutMs > limits.deadline
    if (!basic || !differ || late || options.provider?.spendsOnError || !(e instanceof ActionError) || e.code !== 'invalid_client') throw e
  }
  return attempt(['form', 'raw'])
}

/** A retry may have presented a token that an earlier attempt, whose answer was lost, had rotated. */
function lostAnswer(err: ActionError): ActionError {
  return new ActionError(
    err.code,
    `${err.message} An earlier attempt of this run, inside the provider's reuse window, may have reached the server and rotated the refresh token before its answer was lost (RFC 9700 §4.14.2).`,
    err.details
  )
}
