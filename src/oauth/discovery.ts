import { ActionError, foreign } from '../errors.js'
import { describeBody, parseBody, urlProblem, type HttpResponse } from '../http.js'
import { exchange, type NetDeps } from '../retry.js'
import type { Limits } from './refresh.js'
import { AUTH_METHODS, type AuthMethod } from './token-request.js'

/** What this action takes from an authorization server's metadata. */
export interface Metadata {
  readonly tokenEndpoint: URL
  readonly revocationEndpoint: URL | undefined
  /** RFC 8414 §2: when the server omits the list, the default is client_secret_basic. */
  readonly authMethods: readonly string[]
  /** RFC 8414 §2 and RFC 8628 §4: where `authorize` sends the user, or asks for a device code. */
  readonly authorizationEndpoint: URL | undefined
  readonly deviceAuthorizationEndpoint: URL | undefined
}

/**
 * RFC 8414 §3.1 inserts `/.well-known/oauth-authorization-server` between host and path; OpenID
 * Connect Discovery §4 appends `/.well-known/openid-configuration` to the issuer.
 */
export function metadataUrls(issuer: URL): URL[] {
  const path = issuer.pathname.replace(/\/$/, '')
  return [new URL(`${issuer.origin}/.well-known/oauth-authorization-server${path}`), new URL(`${issuer.origin}${path}/.well-known/openid-configuration`)]
}

/** Validates a metadata document; `issuer` is the text the user gave, which must match exactly (RFC 8414 §3.3). */
export function parseMetadata(res: HttpResponse, url: URL, issuer: string): Metadata {
  const fields = parseBody(res)
  const unusable = (problem: string): ActionError =>
    new ActionError('discovery', `The authorization server metadata at ${url.href} is not usable: ${problem}. Check 'issuer', or set 'token-url' instead.`)
  if (!fields) throw unusable(`it is not a JSON object (${describeBody(res)})`)
  if (fields.issuer !== issuer) {
    throw unusable(`its issuer is ${foreign(JSON.stringify(fields.issuer) ?? 'missing', 120)}, not the '${issuer}' given in 'issuer' (RFC 8414 §3.3 requires them to be identical; a trailing slash counts)`)
  }
  const urlField = (name: string): URL | undefined => {
    const value = fields[name]
    if (value === undefined) return undefined
    if (typeof value !== 'string' || !URL.canParse(value)) throw unusable(`'${name}' is not an absolute URL`)
    const url = new URL(value)
    const problem = urlProblem(url)
    if (problem) throw unusable(`'${name}' ${problem}`)
    return url
  }
  const tokenEndpoint = urlField('token_endpoint')
  if (!tokenEndpoint) throw unusable("it has no 'token_endpoint'")
  const methods = fields.token_endpoint_auth_methods_supported
  if (methods !== undefined && !(Array.isArray(methods) && methods.every((m) => typeof m === 'string'))) {
    throw unusable("'token_endpoint_auth_methods_supported' is not a list of strings")
  }
  return {
    tokenEndpoint,
    revocationEndpoint: urlField('revocation_endpoint'),
    authMethods: (methods) ?? ['client_secret_basic'],
    authorizationEndpoint: urlField('authorization_endpoint'),
    deviceAuthorizationEndpoint: urlField('device_authorization_endpoint')
  }
}

/**
 * For a client with a secret: Basic first (RFC 6749 §2.3.1: servers MUST support it), then
 * credentials in the body. When the metadata lists neither (only `none`, or only methods this
 * action does not offer), RFC 8414 §2's default, client_secret_basic, with a warning saying so.
 */
export function chooseAuthMethod(supported: readonly string[], url: URL): AuthMethod | { method: AuthMethod; warning: string } {
  for (const method of ['client_secret_basic', 'client_secret_post'] as const) if (supported.includes(method)) return method
  return {
    method: 'client_secret_basic',
    warning: `The metadata of ${url.host} lists no client authentication that fits a client secret (it lists ${foreign(supported.join(', ') || 'none')}), so the action uses client_secret_basic, RFC 8414's default. Set 'auth-method' to choose another of ${AUTH_METHODS.join(', ')}.`
  }
}

/**
 * Fetches the metadata, trying the RFC 8414 location, then the OpenID Connect one when the first
 * answers 4xx. Network failures, 429 and 5xx are retried like the token call.
 */
export async function discover(issuer: string, issuerUrl: URL, limits: Limits, deps: NetDeps): Promise<Metadata> {
  const tried: string[] = []
  for (const url of metadataUrls(issuerUrl)) {
    try {
      const { value } = await exchange(
        {
          req: { method: 'GET', url, headers: { accept: 'application/json' } },
          attempts: limits.maxAttempts,
          timeoutMs: limits.timeoutMs,
          classify: (res) => {
            if (res.status >= 200 && res.status < 300) return parseMetadata(res, url, issuer)
            throw new ActionError('discovery', `${url.href} answered HTTP ${res.status}.`, { status: res.status })
          }
        },
        deps
      )
      return value
    } catch (e) {
      const status = e instanceof ActionError && e.code === 'discovery' ? e.details.status : undefined
      if (status !== undefined && status >= 400 && status < 500) {
        tried.push(`${url.href} answered HTTP ${status}`)
        continue
      }
      throw e instanceof ActionError && e.code !== 'discovery' ? new ActionError(e.code, `Discovery at ${url.href} failed: ${e.message}`, e.details) : e
    }
  }
  throw new ActionError('discovery', `No authorization server metadata found for issuer '${issuer}': ${tried.join('; ')}. Check 'issuer' (the server's issuer identifier, as its metadata states it), or set 'token-url' instead.`)
}
