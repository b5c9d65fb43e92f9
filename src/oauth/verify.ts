import { ActionError, foreign } from '../errors.js'
import { describeBody, header, parseBody, type HttpResponse } from '../http.js'
import { exchange, retryWait, type NetDeps } from '../retry.js'
import type { Limits } from './refresh.js'

/** The auth-params of a `WWW-Authenticate: Bearer …` challenge (RFC 6750 §3), lower-cased names. */
export function bearerChallenge(value: string | undefined): Record<string, string> {
  // Server-chosen names: no prototype, so `constructor` or `__proto__` are just names.
  const params = Object.create(null) as Record<string, string>
  if (!value || !/^\s*Bearer\b/i.test(value)) return params
  for (const m of value.replace(/^\s*Bearer\s*/i, '').matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!
  }
  return params
}

/** What a 403 says about scopes: RFC 6750's challenge, or PagerDuty's `{"error":{required_scopes, token_scopes}}`. */
export function scopeRefusal(res: HttpResponse): { wanted: string; held?: string } | undefined {
  const challenge = bearerChallenge(header(res, 'www-authenticate'))
  if (challenge.error === 'insufficient_scope' && challenge.scope) return { wanted: challenge.scope }
  const error = parseBody(res)?.error
  if (typeof error === 'object' && error !== null) {
    const { required_scopes: wanted, token_scopes: held } = error as Record<string, unknown>
    if (typeof wanted === 'string' && wanted) return { wanted, held: typeof held === 'string' ? held : undefined }
  }
  if (challenge.error === 'insufficient_scope') return { wanted: '(not named by the API)' }
  return undefined
}

/**
 * The error a verification response stands for, or undefined for 2xx. `granted` is what the token
 * response said the token holds, shown when the API does not say.
 */
export function verifyError(res: HttpResponse, url: URL, granted: string): ActionError | undefined {
  const { status } = res
  if (status >= 200 && status < 300) return undefined
  const at = `The API at ${url.host}${url.pathname} ('verify-url')`
  if (status === 401) {
    const c = bearerChallenge(header(res, 'www-authenticate'))
    const said = c.error ? ` ${foreign(c.error, 60)}${c.error_description ? ` (${foreign(c.error_description)})` : ''}` : ''
    return new ActionError('token_refused', `${at} refused the new access token: HTTP 401${said}. The token endpoint issued it but this API does not accept it: check that 'verify-url' belongs to the same provider and region as the token endpoint, and that the API takes this token type.`, { status })
  }
  const scopes = status === 403 ? scopeRefusal(res) : undefined
  if (scopes) {
    return new ActionError(
      'insufficient_scope',
      `${at} refused the new access token for missing scopes: HTTP 403. It wants: ${foreign(scopes.wanted)}; the token has: ${foreign(scopes.held ?? (granted || '(unknown)'))}. ` +
        "Re-authorize the app with those scopes (a new consent, which gives a new refresh token to store), and list them in 'required-scopes' to catch this at refresh time.",
      { status }
    )
  }
  const retryable = retryWait(res, Date.now()) !== undefined
  return new ActionError('verify_failed', `${at} answered HTTP ${status} to the new access token: ${describeBody(res)}.${status === 403 ? " The token is valid but not allowed this request: check the app's scopes and the account's permissions." : ''}`, {
    status,
    retryable,
    retryAfter: header(res, 'retry-after')
  })
}

/** GET verify-url with the new token; throws the verifyError of the last attempt. */
export async function verifyAccessToken(url: URL, accessToken: string, granted: string, limits: Limits, deps: NetDeps): Promise<number> {
  const { value } = await exchange(
    {
      req: { method: 'GET', url, headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } },
      attempts: limits.maxAttempts,
      timeoutMs: limits.timeoutMs,
      classify: (res) => {
        const failure = verifyError(res, url, granted)
        if (failure) throw failure
        return res.status
      }
    },
    deps
  )
  return value
}
