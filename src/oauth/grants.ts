import { ActionError, type ErrorCode } from '../errors.js'
import { parseBody, type Fields, type HttpRequest, type HttpResponse } from '../http.js'
import { exchange, type NetDeps } from '../retry.js'
import type { Limits } from './refresh.js'
import { basicCredentials, type ClientAuth } from './token-request.js'
import type { Provider } from './providers/types.js'
import { responseError } from './token-error.js'

/**
 * The requests that give a first refresh token (the authorization code and device grants) and the
 * device authorization request, with their own words for a failure. Classified as the refresh is
 * (token-error.ts responseError, the provider's error shape and codes included), so a status, a
 * redirect or a body that is no token response is the same error with the same code; only what the
 * server's `error` means differs.
 */
export type FirstGrant = 'authorization_code' | 'device_code' | 'device_authorization'

const DOING: Record<FirstGrant, string> = {
  authorization_code: 'Exchanging the authorization code',
  device_code: 'Polling for the device authorization',
  device_authorization: 'Requesting a device code'
}

const AGAIN = 'Nothing was stored; run the command again.'
const HINTS: Partial<Record<ErrorCode, string>> = {
  invalid_client: 'The client credentials were rejected. Check --client-id and the client secret (an expired client secret looks the same), and the client authentication: try --auth-method client_secret_post, or client_secret_basic.',
  unauthorized_client: 'This client may not use this grant: enable it for the app at the provider (the device flow often has a switch of its own).',
  unsupported_grant_type: 'The server does not accept this grant at this endpoint: check the token endpoint, and that the provider supports the flow (--device needs RFC 8628).',
  invalid_scope: 'Check --scope: a scope is unknown, misspelled or not allowed for this app.',
  invalid_request: 'The server rejected the request as malformed (a missing parameter, or a client authentication it does not accept: try the other --auth-method).',
  access_denied: `The authorization was denied. ${AGAIN}`,
  expired_token: `The code expired before the authorization was completed. ${AGAIN}`
}

/** RFC 8628 §3.5's final answers, which RFC 6749 §5.2 does not list. */
const DEVICE_CODES: Readonly<Record<string, ErrorCode>> = { access_denied: 'access_denied', expired_token: 'expired_token' }

const INVALID_GRANT: Record<FirstGrant, string> = {
  authorization_code: `The authorization code was refused: it expired (some providers allow 30 seconds), was used already, or the redirect URI or PKCE code verifier differs from the authorization request's. ${AGAIN}`,
  device_code: `The device code was refused: it expired or was used already. ${AGAIN}`,
  device_authorization: `The server refused the request. ${AGAIN}`
}

/** The error an answer stands for, in this grant's words; undefined for a success to validate. */
export function grantError(res: HttpResponse, fields: Fields | undefined, where: string, grant: FirstGrant, provider?: Provider): ActionError | undefined {
  const base = responseError(res, fields, where, { provider })
  if (!base) return undefined
  const failed = `${DOING[grant]} at ${where} failed: HTTP ${res.status}`
  const error = base.details.oauthError
  // Redirects, statuses and bodies that are not JSON: the same words as for a refresh, this grant's verb.
  if (error === undefined) return new ActionError(base.code, base.message.replace(/^Refreshing the token at \S+ failed: HTTP \d+/, failed), base.details)
  const code = Object.hasOwn(DEVICE_CODES, error) ? DEVICE_CODES[error]! : base.code
  // A provider's words on its client authentication hold for every grant (Okta: the method configured for the app).
  const hint =
    code === 'invalid_grant' ? INVALID_GRANT[grant] :
    code === 'invalid_client' && provider?.hints?.invalid_client ? provider.hints.invalid_client :
    HINTS[code] ?? (base.details.retryable ? 'The server failed on its side; the attempts were retried.' : `See ${provider ? `${provider.name}'s` : "the provider's"} documentation for this error.`)
  const description = base.details.description
  return new ActionError(code, `${failed} ${error}${description ? ` (${description})` : ''}. ${hint}`, base.details)
}

/** RFC 8628 §3.5: answers that mean "ask again later", not failures. */
export type Pending = 'authorization_pending' | 'slow_down'

/**
 * Sends one of these requests through the one request path. A request that never left is tried
 * again; anything else is final, so an authorization code is presented once (RFC 6749 §4.1.2:
 * a code used twice may make the server revoke what it issued). Device polls are repeated by
 * their caller, at the interval the server asks for.
 */
export async function requestGrant(req: HttpRequest, grant: FirstGrant, limits: Limits, deps: NetDeps, provider?: Provider): Promise<Fields | Pending> {
  const where = req.url.host
  const { value } = await exchange(
    {
      req,
      attempts: limits.maxAttempts,
      timeoutMs: limits.timeoutMs,
      mayRetry: (failure) => failure.details.unsent === true || grant !== 'authorization_code',
      classify: (res) => {
        const fields = parseBody(res)
        const error = fields?.error
        if (grant === 'device_code' && (error === 'authorization_pending' || error === 'slow_down')) return error
        const failure = grantError(res, fields, where, grant, provider)
        if (failure) throw failure
        // A provider whose success body is not RFC 6749 §5.1's (Slack nests user tokens) reads it as the refresh does.
        return grant !== 'device_authorization' && provider?.readSuccess ? provider.readSuccess(fields!) : fields!
      }
    },
    deps
  )
  return value
}

/**
 * RFC 6749 §2.3.1 says to form-encode Basic credentials; many servers never decode them. As the
 * refresh does (refresh.ts refreshGrant), form first, then raw once after invalid_client when the
 * two differ: servers authenticate the client before they look at the grant, so the code or device
 * code is still unused. Returns the client authentication that worked, for the next requests.
 */
export async function withBasicFallback<T>(client: ClientAuth, attempt: (client: ClientAuth) => Promise<T>): Promise<{ value: T; client: ClientAuth }> {
  const form = { ...client, basicAuthEncoding: 'form' } as const
  const differ = basicCredentials(client.clientId, client.clientSecret, 'form') !== basicCredentials(client.clientId, client.clientSecret, 'raw')
  try {
    return { value: await attempt(form), client: form }
  } catch (e) {
    if (client.authMethod !== 'client_secret_basic' || !differ || !(e instanceof ActionError) || e.code !== 'invalid_client') throw e
  }
  const raw = { ...client, basicAuthEncoding: 'raw' } as const
  return { value: await attempt(raw), client: raw }
}
