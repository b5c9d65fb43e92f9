import type { Settings } from './inputs.js'

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH'
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
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
export function basicCredentials(clientId: string, clientSecret: string, encoding: 'form' | 'raw'): string {
  const enc = encoding === 'form' ? formEncode : (v: string) => v
  return Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`, 'utf8').toString('base64')
}

/** The refresh request of RFC 6749 §6, with client authentication per `auth-method`. */
export function buildRefreshRequest(s: Settings): HttpRequest {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: s.refreshToken })
  if (s.scope) form.set('scope', s.scope)
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json'
  }
  if (s.authMethod === 'client_secret_basic') {
    headers.authorization = `Basic ${basicCredentials(s.clientId, s.clientSecret, s.basicAuthEncoding)}`
  } else {
    // RFC 6749 §2.3.1 (body credentials) and §3.2.1 (a public client still identifies itself).
    form.set('client_id', s.clientId)
    if (s.authMethod === 'client_secret_post') form.set('client_secret', s.clientSecret)
  }
  return { method: 'POST', url: s.tokenUrl, headers, body: form.toString() }
}
