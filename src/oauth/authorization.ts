import { createHash, randomBytes } from 'node:crypto'
import { ActionError, foreign, type ErrorCode } from '../errors.js'
import { header, type HttpResponse } from '../http.js'
import { exchange, type NetDeps } from '../retry.js'

/** How a provider hands out its first refresh token: the `authorize` block of a preset. */
export type { Authorize } from './providers/types.js'

export interface Pkce {
  readonly verifier: string
  readonly challenge: string
}

/** RFC 7636 §4.2: S256 is BASE64URL(SHA256(ASCII(code_verifier))). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

/**
 * RFC 7636 §4.1: a verifier of 43 to 128 unreserved characters with enough entropy; 32 random
 * octets in base64url give 43, as §4.1 suggests. Always S256: a client able to use it MUST (§4.2).
 */
export function pkcePair(random: Buffer = randomBytes(32)): Pkce {
  const verifier = random.toString('base64url')
  return { verifier, challenge: s256(verifier) }
}

/** Parameters the authorization request sets itself; extra parameters may not replace them. */
export const OWN_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'] as const

export interface AuthorizationRequest {
  readonly endpoint: URL
  readonly clientId: string
  readonly redirectUri: string
  readonly scope: string | undefined
  readonly state: string
  /** Undefined only for a provider known not to support PKCE. */
  readonly codeChallenge: string | undefined
  /** A preset's parameters and the user's (`--param`), applied in that order. */
  readonly params: Readonly<Record<string, string>>
}

/**
 * RFC 6749 §4.1.1 with RFC 7636 §4.3. The endpoint's own query is kept (RFC 6749 §3.1). OpenID
 * Connect Core §11: a request for `offline_access` must carry `prompt=consent`, or the server may
 * ignore the scope and issue no refresh token (node oidc-provider does), so it is added when the
 * request does not say otherwise.
 */
export function authorizationUrl(r: AuthorizationRequest): URL {
  const url = new URL(r.endpoint)
  for (const [name, value] of Object.entries(r.params)) url.searchParams.set(name, value)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', r.clientId)
  url.searchParams.set('redirect_uri', r.redirectUri)
  if (r.scope) url.searchParams.set('scope', r.scope)
  url.searchParams.set('state', r.state)
  if (r.codeChallenge) {
    url.searchParams.set('code_challenge', r.codeChallenge)
    url.searchParams.set('code_challenge_method', 'S256')
  }
  if (r.scope?.split(' ').includes('offline_access') && !url.searchParams.has('prompt')) url.searchParams.set('prompt', 'consent')
  return url
}

const REFUSED_HINTS: Record<string, string> = {
  invalid_request: 'The request lacks something the server requires (PKCE, a parameter) or has a value it refuses; the description says which.',
  unauthorized_client: 'This client may not use the authorization code grant: enable it for the app at the provider.',
  unsupported_response_type: 'The server does not issue authorization codes to this client: enable the authorization code grant for the app.',
  invalid_scope: 'Check --scope: a scope is unknown, misspelled or not allowed for this app.',
  server_error: 'The server failed on its side; run the command again.',
  temporarily_unavailable: 'The server is overloaded or down for maintenance; run the command again later.'
}

/**
 * The answer that reached the loopback redirect (RFC 6749 §4.1.2 and §4.1.2.1): the code, or the
 * error it stands for. `state` must be the one sent (RFC 6749 §10.12: a forged answer carries
 * another), also on an error; with RFC 9207's `iss`, the issuer must be the one asked.
 */
export function readCallback(query: URLSearchParams, expected: { readonly state: string; readonly issuer?: string; readonly host: string }): string {
  const state = query.get('state')
  if (state !== expected.state) {
    throw new ActionError(
      'state_mismatch',
      `The answer that reached the redirect URI carries ${state === null ? 'no state' : 'a state that is not the one this command sent'}, so it is refused (RFC 6749 §10.12: it may be forged, or answer another authorization request). Nothing was stored; run the command again, and complete only the authorization it opens.`
    )
  }
  const iss = query.get('iss')
  if (iss !== null && expected.issuer !== undefined && iss !== expected.issuer) {
    throw new ActionError('authorization_refused', `The answer came from issuer '${foreign(iss, 120)}', not '${expected.issuer}' (RFC 9207 §2.4: a mix-up of two servers), so it is refused. Nothing was stored.`)
  }
  const error = query.get('error')
  if (error !== null) {
    const description = query.get('error_description')
    const said = `${foreign(error, 80)}${description ? ` (${foreign(description)})` : ''}`
    if (error === 'access_denied') {
      return fail('access_denied', `Authorization was denied at ${expected.host}: ${said}. Nothing was stored; run the command again and approve the request.`)
    }
    const hint = Object.hasOwn(REFUSED_HINTS, error) ? REFUSED_HINTS[error] : "See the provider's documentation for this error."
    return fail('authorization_refused', `The authorization server at ${expected.host} refused the request: ${said}. ${hint} Nothing was stored.`)
  }
  const code = query.get('code')
  if (!code) return fail('authorization_refused', `The answer that reached the redirect URI carries neither a code nor an error (RFC 6749 §4.1.2). Nothing was stored.`)
  return code
}

function fail(code: ErrorCode, message: string): never {
  throw new ActionError(code, message)
}

/**
 * Asks the authorization endpoint what it makes of the request before a browser is involved. A
 * server that refuses the client, the redirect URI or a parameter answers with an error page
 * (RFC 6749 §4.1.2.1 forbids redirecting to a redirect URI it does not trust), or redirects to the
 * redirect URI with `error`. Any other answer (a login page, a redirect to one) is for the browser;
 * so is a server this machine cannot reach. Without a session nothing can be granted here.
 */
export async function probeAuthorization(url: URL, redirectUri: string, expected: { readonly state: string; readonly issuer?: string }, timeoutMs: number, deps: NetDeps): Promise<void> {
  let res: HttpResponse
  try {
    res = (await exchange({ req: { method: 'GET', url, headers: { accept: 'text/html' } }, attempts: 1, timeoutMs, classify: (r) => r }, deps)).value
  } catch {
    return
  }
  const where = `${url.host}${url.pathname}`
  const location = header(res, 'location')
  if (res.status >= 300 && res.status < 400 && location && URL.canParse(location, url.href)) {
    const to = new URL(location, url)
    if (`${to.origin}${to.pathname}` === redirectUri && to.searchParams.has('error')) readCallback(to.searchParams, { ...expected, host: url.host })
    return
  }
  if (res.status === 400) {
    const page = foreign(pageText(res.body), 240)
    throw new ActionError(
      'authorization_refused',
      `The authorization endpoint ${where} refused the request before any login: HTTP 400${page ? ` ("${page}")` : ''}. ` +
        `The usual cause is a redirect URI the client has not registered: register ${redirectUri} for this client at the provider, or pass the one registered with --redirect-uri (or --port). Also check --client-id and --scope. Nothing was stored.`,
      { status: res.status }
    )
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" }

/** The words of an error page: no markup, scripts or styles, the commonest entities read, long token-like runs cut. */
function pageText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/[A-Za-z0-9._~+/=-]{40,}/g, '[redacted]')
    .replace(/\s+/g, ' ')
    .trim()
}
