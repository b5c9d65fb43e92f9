import type { HttpRequest } from '../http.js'

/** Client authentication at the token endpoint, by RFC 8414's names. */
export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const
export type AuthMethod = (typeof AUTH_METHODS)[number]
export type BasicAuthEncoding = 'form' | 'raw'
/** `auto` tries `form`, then `raw` once after invalid_client (refresh.ts). */
export type EncodingChoice = BasicAuthEncoding | 'auto'
/** The refresh request's body: RFC 6749 §6 says form; a few providers (Notion) want JSON. */
export type RequestFormat = 'form' | 'json'

/** How the client authenticates at the token and revocation endpoints (RFC 6749 §2.3.1). */
export interface ClientAuth {
  readonly clientId: string
  readonly clientSecret: string
  readonly authMethod: AuthMethod
  readonly basicAuthEncoding: BasicAuthEncoding
}

/**
 * application/x-www-form-urlencoded encoding of one value (RFC 6749 Appendix B): UTF-8, space as
 * `+`, everything but unreserved characters percent-encoded. URLSearchParams does exactly this;
 * PagerDuty's `pdus+_…` tokens are why it matters (a raw `+` would arrive as a space).
 */
export function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2)
}

/**
 * RFC 6749 §2.3.1: Basic credentials are the form-encoded id and secret joined by a colon, then
 * base64. `raw` skips the form encoding for servers that never decode it.
 */
export function basicCredentials(clientId: string, clientSecret: string, encoding: BasicAuthEncoding): string {
  const enc = encoding === 'form' ? formEncode : (v: string) => v
  return Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`, 'utf8').toString('base64')
}

/**
 * What a token endpoint wants beyond RFC 6749 §6: a JSON body instead of a form (Notion), headers
 * (Notion-Version) and parameters (the preset's and `extra-params`). Parameters never replace the
 * grant's own or the client's credentials: the inputs refuse those names (inputs.ts).
 */
export interface RequestShape {
  readonly format?: RequestFormat
  readonly params?: Readonly<Record<string, string>>
  readonly headers?: Readonly<Record<string, string>>
}

/** A POST with client authentication per `auth-method`; the same for every endpoint. */
function authenticatedPost(url: URL, client: ClientAuth, fields: Record<string, string>, shape: RequestShape = {}): HttpRequest {
  const json = shape.format === 'json'
  const body: Record<string, string> = { ...fields, ...shape.params }
  const headers: Record<string, string> = {
    ...shape.headers,
    'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
    accept: 'application/json'
  }
  if (client.authMethod === 'client_secret_basic') {
    headers.authorization = `Basic ${basicCredentials(client.clientId, client.clientSecret, client.basicAuthEncoding)}`
  } else {
    // RFC 6749 §2.3.1 (body credentials) and §3.2.1 (a public client still identifies itself).
    body.client_id = client.clientId
    if (client.authMethod === 'client_secret_post') body.client_secret = client.clientSecret
  }
  return { method: 'POST', url, headers, body: json ? JSON.stringify(body) : new URLSearchParams(body).toString() }
}

/** The refresh request of RFC 6749 §6. */
export function buildRefreshRequest(url: URL, client: ClientAuth, refreshToken: string, scope: string | undefined, shape?: RequestShape): HttpRequest {
  return authenticatedPost(url, client, { grant_type: 'refresh_token', refresh_token: refreshToken, ...(scope ? { scope } : {}) }, shape)
}

/**
 * RFC 6749 §4.1.3: the authorization code, with the redirect URI of the authorization request and,
 * with PKCE, the code verifier (RFC 7636 §4.5). Authenticated as the refresh is, so the token the
 * action refreshes later was issued to the same client in the same way.
 */
export function buildAuthorizationCodeRequest(url: URL, client: ClientAuth, code: string, redirectUri: string, codeVerifier: string | undefined, shape?: RequestShape): HttpRequest {
  return authenticatedPost(url, client, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...(codeVerifier ? { code_verifier: codeVerifier } : {}) }, shape)
}

/** RFC 8628 §3.4: the grant type of a device access token request. */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

/**
 * RFC 8628 §3.1: the device authorization request. Client authentication as at the token endpoint
 * (RFC 6749 §2.3.1); `client_id` always, since some servers (GitHub) want it even beside Basic.
 */
export function buildDeviceAuthorizationRequest(url: URL, client: ClientAuth, scope: string | undefined): HttpRequest {
  return authenticatedPost(url, client, { client_id: client.clientId, ...(scope ? { scope } : {}) })
}

/** RFC 8628 §3.4: one poll of the token endpoint for a device code. */
export function buildDeviceCodeRequest(url: URL, client: ClientAuth, deviceCode: string, shape?: RequestShape): HttpRequest {
  return authenticatedPost(url, client, { grant_type: DEVICE_CODE_GRANT, device_code: deviceCode }, shape)
}

/** RFC 7009 §2.1: revoke an access token, authenticated as the refresh was. */
export function buildRevocationRequest(url: URL, client: ClientAuth, accessToken: string): HttpRequest {
  return authenticatedPost(url, client, { token: accessToken, token_type_hint: 'access_token' })
}

/** The parameters of a request body, whichever format it was sent in (for masking). */
export function bodyParams(req: HttpRequest): Map<string, string> {
  const text = req.body ?? ''
  if (!String(req.headers['content-type']).startsWith('application/json')) return new Map(new URLSearchParams(text))
  const parsed = JSON.parse(text) as Record<string, string>
  return new Map(Object.entries(parsed))
}
