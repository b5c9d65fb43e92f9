/**
 * The two calls after a refresh, through the one request path with a scripted `send`: `verify-url`
 * (RFC 6750 §3 challenges, PagerDuty's scope error, retries) and revocation (RFC 7009 §2.1/§2.2).
 * test/discovery-verify.test.ts has the message wording of each refusal.
 */
import { describe, expect, it } from 'vitest'
import type { HttpRequest, HttpResponse, Send } from '../src/http.js'
import type { RefreshDeps } from '../src/oauth/refresh.js'
import { revocationError, revokeAccessToken } from '../src/oauth/revoke.js'
import { bearerChallenge, scopeRefusal, verifyAccessToken, verifyError } from '../src/oauth/verify.js'

const url = new URL('https://api.example.com/v1/me')
const res = (status: number, headers: Record<string, string> = {}, body = ''): HttpResponse => ({ status, headers, body })

function net(answers: HttpResponse[]) {
  const sent: HttpRequest[] = []
  const masked: string[] = []
  const slept: number[] = []
  const send: Send = async (req) => {
    sent.push(req)
    return answers[Math.min(sent.length - 1, answers.length - 1)]!
  }
  const deps: RefreshDeps = { send, mask: (s) => void masked.push(s), info: () => undefined, now: () => 0, random: () => 0.5, sleep: async (ms) => void slept.push(ms) }
  return { deps, sent, masked, slept }
}

describe('bearerChallenge (RFC 6750 §3)', () => {
  it('reads quoted and bare auth-params, unescapes, lower-cases names, whatever the scheme’s case and leading space', () => {
    expect({ ...bearerChallenge('  bearer realm="a \\"b\\"", Error = invalid_token ,x-y=1') }).toEqual({ realm: 'a "b"', error: 'invalid_token', 'x-y': '1' })
    expect({ ...bearerChallenge('Bearer error="insufficient_scope", scope="a b"') }).toEqual({ error: 'insufficient_scope', scope: 'a b' })
  })
  it('nothing from another scheme, a longer word, or no header', () => {
    for (const v of [undefined, '', 'Basic realm="x"', 'Bearerx error="e"', 'DPoP error="e"']) expect({ ...bearerChallenge(v) }).toEqual({})
  })
  it('a server-chosen name like __proto__ is only a name', () => {
    const p = bearerChallenge('Bearer __proto__="x", constructor=y')
    expect(Object.getPrototypeOf(p)).toBeNull()
    expect(p.constructor).toBe('y')
  })
})

describe('scopeRefusal', () => {
  it('the challenge’s scope, PagerDuty’s required_scopes (with token_scopes when given), or a placeholder', () => {
    expect(scopeRefusal(res(403, { 'www-authenticate': 'Bearer error="insufficient_scope", scope="r"' }))).toEqual({ wanted: 'r' })
    expect(scopeRefusal(res(403, {}, '{"error":{"required_scopes":"a","token_scopes":"b"}}'))).toEqual({ wanted: 'a', held: 'b' })
    expect(scopeRefusal(res(403, {}, '{"error":{"required_scopes":"a","token_scopes":5}}'))).toEqual({ wanted: 'a', held: undefined })
    expect(scopeRefusal(res(403, { 'www-authenticate': 'Bearer error="insufficient_scope"' }))).toEqual({ wanted: '(not named by the API)' })
    expect(scopeRefusal(res(403, { 'www-authenticate': 'Bearer error="insufficient_scope", scope=""' }, '{"error":{"required_scopes":"a"}}'))).toEqual({ wanted: 'a', held: undefined })
  })
  it('nothing for other 403s', () => {
    expect(scopeRefusal(res(403, {}, '{"error":{"required_scopes":""}}'))).toBeUndefined()
    expect(scopeRefusal(res(403, {}, '{"error":"forbidden"}'))).toBeUndefined()
    expect(scopeRefusal(res(403, {}, '{"error":null}'))).toBeUndefined()
    expect(scopeRefusal(res(403, { 'www-authenticate': 'Bearer error="invalid_token", scope="r"' }))).toBeUndefined()
  })
})

describe('verifyError', () => {
  it('any 2xx passes; 199 and 300 do not', () => {
    for (const s of [200, 204, 299]) expect(verifyError(res(s), url, '')).toBeUndefined()
    for (const s of [199, 300]) expect(verifyError(res(s), url, '')?.code).toBe('verify_failed')
  })
  it('401 without a challenge, or with an error but no description', () => {
    expect(verifyError(res(401), url, '')!.message).toMatch(/^The API at api\.example\.com\/v1\/me \('verify-url'\) refused the new access token: HTTP 401\. The token endpoint issued it/)
    expect(verifyError(res(401, { 'www-authenticate': 'Bearer error="invalid_token"' }), url, '')!.message).toContain('HTTP 401 invalid_token. ')
    expect(verifyError(res(401), url, '')!.details).toEqual({ status: 401 })
  })
  it('a scope refusal names what the token has: the API’s word, else the grant, else unknown', () => {
    const challenge = { 'www-authenticate': 'Bearer error="insufficient_scope", scope="r"' }
    expect(verifyError(res(403, challenge), url, 'a b')).toMatchObject({ code: 'insufficient_scope', details: { status: 403 }, message: expect.stringContaining('It wants: r; the token has: a b. ') as string })
    expect(verifyError(res(403, challenge), url, '')!.message).toContain('the token has: (unknown). ')
  })
  it('anything else: retryable only when the one rule says so, with its Retry-After; a 403 adds the permission hint', () => {
    expect(verifyError(res(503, { 'retry-after': '3' }), url, '')!.details).toEqual({ status: 503, retryable: true, retryAfter: '3' })
    expect(verifyError(res(404), url, '')!.details).toEqual({ status: 404, retryable: false, retryAfter: undefined })
    expect(verifyError(res(404), url, '')!.message).not.toContain('The token is valid but not allowed')
  })
})

describe('verifyAccessToken', () => {
  it('GETs verify-url with the new token as Bearer, retries what may succeed, and returns the status', async () => {
    const n = net([res(503), res(204)])
    expect(await verifyAccessToken(url, 'at-0123456789', 'r', { maxAttempts: 3, timeoutMs: 1000 }, n.deps)).toBe(204)
    expect(n.sent).toHaveLength(2)
    expect(n.sent[0]).toMatchObject({ method: 'GET', url, headers: { authorization: 'Bearer at-0123456789', accept: 'application/json' } })
    expect(n.slept).toEqual([500])
  })
  it('throws the refusal of the last attempt', async () => {
    await expect(verifyAccessToken(url, 'at', '', { maxAttempts: 3, timeoutMs: 1000 }, net([res(401)]).deps)).rejects.toMatchObject({ code: 'token_refused' })
  })
})

describe('revocation (RFC 7009)', () => {
  const rurl = new URL('https://auth.example.com/revoke')
  it('200 is revoked; anything else an error naming the host, the status and the error code', () => {
    expect(revocationError(res(200), rurl)).toBeUndefined()
    const e = revocationError(res(400, { 'content-type': 'application/json' }, '{"error":"unsupported_token_type"}'), rurl)!
    expect(e).toMatchObject({ code: 'revocation', details: { status: 400, retryable: false, retryAfter: undefined } })
    expect(e.message).toMatch(/^auth\.example\.com answered HTTP 400 unsupported_token_type to the revocation request: /)
    expect(revocationError(res(204), rurl)!.message).toMatch(/^auth\.example\.com answered HTTP 204 to the revocation request: /)
    expect(revocationError(res(503, { 'retry-after': '1' }, '{"error":5}'), rurl)!.details).toEqual({ status: 503, retryable: true, retryAfter: '1' })
    expect(revocationError(res(503, {}, 'not json'), rurl)!.message).toMatch(/^auth\.example\.com answered HTTP 503 to/)
  })

  it('sends the access token with its hint, authenticated as the refresh was, masks the credentials, and retries', async () => {
    const n = net([res(503), res(200)])
    await revokeAccessToken(rurl, { clientId: 'cid', clientSecret: 'cs-0123456789', authMethod: 'client_secret_post', basicAuthEncoding: 'form' }, 'at-0123456789', { maxAttempts: 2, timeoutMs: 1000 }, n.deps)
    expect(n.sent).toHaveLength(2)
    expect(new URLSearchParams(n.sent[0]!.body)).toEqual(new URLSearchParams({ token: 'at-0123456789', token_type_hint: 'access_token', client_id: 'cid', client_secret: 'cs-0123456789' }))
    expect(n.masked).toEqual(expect.arrayContaining(['cs-0123456789', 'at-0123456789']))
    await expect(revokeAccessToken(rurl, { clientId: 'cid', clientSecret: 'cs', authMethod: 'client_secret_basic', basicAuthEncoding: 'form' }, 'at', { maxAttempts: 1, timeoutMs: 1000 }, net([res(401)]).deps)).rejects.toMatchObject({ code: 'revocation' })
  })
})
