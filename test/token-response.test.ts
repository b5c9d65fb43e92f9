import { describe, expect, it } from 'vitest'
import type { HttpResponse } from '../src/http.js'
import { describeBody, parseBody } from '../src/http.js'
import { responseError } from '../src/oauth/token-error.js'
import { secretsIn } from '../src/oauth/response-fields.js'
import { rotatedRefreshToken, validateTokenResponse } from '../src/oauth/token-response.js'
import { actionError } from './support/errors.js'

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body)
})
const where = 'auth.example.com'
const good = { access_token: 'at-123', token_type: 'Bearer', expires_in: 3600 }

describe('parseBody', () => {
  it('reads a JSON object', () => expect(parseBody(json(200, good))).toEqual(good))
  it('reads a form-encoded body (GitHub without Accept: JSON)', () => {
    const res = { status: 200, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: 'access_token=ghu_x&token_type=bearer&refresh_token=ghr_y' }
    expect(parseBody(res)).toEqual({ access_token: 'ghu_x', token_type: 'bearer', refresh_token: 'ghr_y' })
  })
  it.each([
    ['an array', '[1]'],
    ['HTML', '<html>login</html>'],
    ['truncated JSON', '{"access_token":"abc'],
    ['empty', '']
  ])('returns undefined for %s', (_, body) => expect(parseBody(json(200, body))).toBeUndefined())
})

describe('secretsIn / rotatedRefreshToken', () => {
  it('finds every credential field', () => {
    expect(secretsIn({ ...good, refresh_token: 'rt', id_token: 'idt', scope: 'x' })).toEqual(['at-123', 'rt', 'idt'])
  })
  it('finds credentials in error bodies too', () => expect(secretsIn({ error: 'x', access_token: 'leak' })).toEqual(['leak']))
  it.each([
    [{ refresh_token: 'new' }, 'new'],
    [{ refresh_token: '' }, undefined],
    [{ refresh_token: null }, undefined],
    [{}, undefined]
  ])('rotated token of %j is %s', (fields, expected) => expect(rotatedRefreshToken(fields)).toBe(expected))
})

describe('responseError', () => {
  const err = (res: HttpResponse) => responseError(res, parseBody(res), where)

  it('is undefined for a good 200', () => expect(err(json(200, good))).toBeUndefined())

  it.each([
    [400, 'invalid_grant', 'invalid_grant', "set 'secret-name' so that runs sharing it take turns"],
    [401, 'invalid_client', 'invalid_client', 'auth-method: client_secret_post'],
    [400, 'invalid_scope', 'invalid_scope', 'never widen'],
    [400, 'unauthorized_client', 'unauthorized_client', 'Enable refresh tokens'],
    [400, 'unsupported_grant_type', 'unsupported_grant_type', 'token endpoint'],
    [400, 'invalid_request', 'invalid_request', 'malformed'],
    [400, 'custom_provider_code', 'oauth_error', "provider's documentation"]
  ])('HTTP %i error=%s → code %s', (status, error, code, hint) => {
    const e = err(json(status, { error, error_description: 'told by server' }))!
    expect(e.code).toBe(code)
    expect(e.details).toMatchObject({ status, oauthError: error, description: 'told by server', retryable: false })
    expect(e.message).toContain(`Refreshing the token at ${where} failed: HTTP ${status} ${error} (told by server).`)
    expect(e.message).toContain(hint)
  })

  it('a bare 401 reads as rejected client credentials', () => {
    const e = err({ status: 401, headers: { 'www-authenticate': 'Basic' }, body: '' })!
    expect(e.code).toBe('invalid_client')
    expect(e.message).toMatch(/^Refreshing the token at auth\.example\.com failed: HTTP 401 Unauthorized\. The client credentials were rejected/)
  })

  it.each([429, 500, 502, 503, 504])('HTTP %i is retryable and keeps Retry-After', (status) => {
    const e = err({ status, headers: { 'content-type': 'text/html', 'retry-after': '7' }, body: '<h1>busy</h1>' })!
    expect(e.code).toBe('http_status')
    expect(e.details).toMatchObject({ status, retryable: true, retryAfter: '7' })
    expect(e.message).toContain(`HTTP ${status}. text/html, 13 bytes: "<h1>busy</h1>"`)
  })

  it.each([400, 403, 404, 405])('HTTP %i without an OAuth body is not retryable', (status) => {
    expect(err({ status, headers: {}, body: 'nope' })!.details.retryable).toBe(false)
  })

  it('a redirect is an error naming the target without its query', () => {
    const e = err({ status: 302, headers: { location: 'https://evil.example.net/token?code=abc' }, body: '' })!
    expect(e.code).toBe('redirect')
    expect(e.message).toContain('HTTP 302 redirect to https://evil.example.net/token.')
    expect(e.message).not.toContain('code=abc')
  })

  it('a 200 that is not JSON names type and size, never an excerpt (it may be credentials in another shape)', () => {
    const e = err({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>\n  <title>Sign in</title>\n</html>' })!
    expect(e.code).toBe('not_json')
    expect(e.message).toContain('but the body is not a JSON token response: text/html, 39 bytes. Check')
    expect(e.message).not.toContain('Sign in')
  })
})

describe('describeBody', () => {
  it('cuts token-like runs out of excerpts', () => {
    const text = describeBody({ status: 502, headers: {}, body: '{"access_token":"eyJhbGciOiJSUzI1NiJ9abcdefghijklmnop' })
    expect(text).toBe('no content type, 53 bytes: "{"access_token":"[redacted]"')
  })
  it('shortens long bodies', () => {
    expect(describeBody({ status: 500, headers: {}, body: 'x '.repeat(200) })).toMatch(/…"$/)
  })
})

describe('validateTokenResponse (RFC 6749 §5.1)', () => {
  it('accepts a complete response', () => {
    expect(validateTokenResponse({ ...good, refresh_token: 'rt', scope: 'a b' }, where)).toEqual({
      accessToken: 'at-123', tokenType: 'Bearer', expiresIn: 3600, refreshToken: 'rt', scope: 'a b', warnings: [], lifetimeDoubtful: false
    })
  })
  it('accepts a numeric string expires_in and null optional fields', () => {
    const t = validateTokenResponse({ ...good, expires_in: '1800', refresh_token: null, scope: null }, where)
    expect(t).toMatchObject({ expiresIn: 1800, refreshToken: undefined, scope: undefined })
  })
  it.each([
    [{ token_type: 'Bearer' }, "'access_token' must be a non-empty string"],
    [{ ...good, access_token: '' }, "'access_token' must be a non-empty string"],
    [{ ...good, access_token: 42 }, "'access_token' must be a non-empty string"],
    [{ access_token: 'x' }, "'token_type' must be a non-empty string"],
    [{ ...good, expires_in: -1 }, "'expires_in' must be a non-negative whole number of seconds; got -1"],
    [{ ...good, expires_in: 'soon' }, `'expires_in' must be a non-negative whole number of seconds; got "soon"`],
    [{ ...good, expires_in: '1.5' }, `'expires_in' must be a non-negative whole number of seconds; got "1.5"`],
    [{ ...good, refresh_token: '' }, "'refresh_token' must be a non-empty string"],
    [{ ...good, refresh_token: 7 }, "'refresh_token' must be a non-empty string"],
    [{ ...good, access_token: 'a b' }, "'access_token' holds whitespace, a line break or a character outside visible ASCII, which no token may (RFC 6749 Appendix A, RFC 6750 §2.1)"],
    [{ ...good, access_token: 'é' }, "'access_token' holds whitespace, a line break or a character outside visible ASCII, which no token may (RFC 6749 Appendix A, RFC 6750 §2.1)"],
    [{ ...good, token_type: 'Bearer\r\n::warning::x' }, "'token_type' holds whitespace, a line break or a character outside visible ASCII, which no token may (RFC 6749 Appendix A, RFC 6750 §2.1)"],
    [{ ...good, refresh_token: 'rt\u2028' }, "'refresh_token' holds a line break or a character outside printable ASCII, which no refresh token may (RFC 6749 Appendix A.17)"],
    [{ ...good, refresh_token: ' rt' }, "'refresh_token' begins or ends with a space, which an input of the next run cannot carry (the runner trims inputs)"],
    [{ ...good, scope: ['a'] }, "'scope', when present, must be a string"]
  ])('rejects %j', (fields, problem) => {
    expect(actionError(() => validateTokenResponse(fields, where), 'invalid_response').message).toContain(`The token endpoint at ${where} answered HTTP 200 but the response is invalid: ${problem} (RFC 6749 §5.1).`)
  })
  it('takes a refresh token with an inner space (RFC 6749 Appendix A.17 allows it; it only travels in a form body)', () => {
    expect(validateTokenResponse({ ...good, refresh_token: 'rt with space' }, where).refreshToken).toBe('rt with space')
    expect(rotatedRefreshToken({ refresh_token: 'rt with space' })).toBe('rt with space')
    expect(rotatedRefreshToken({ refresh_token: 'rt\n' })).toBeUndefined()
  })
  it('never shows the value of a credential field', () => {
    expect(actionError(() => validateTokenResponse({ access_token: 'secret-value', token_type: 5 }, where), 'invalid_response').message).not.toContain('secret-value')
  })
  it('warns about a non-Bearer type', () => {
    expect(validateTokenResponse({ ...good, token_type: 'mac' }, where).warnings).toEqual([
      "The token type is 'mac', not Bearer (RFC 6750); send it the way the API documents for that type."
    ])
  })
  it("warns when expires_in reads as a common lifetime in milliseconds (HP's 1799999)", () => {
    expect(validateTokenResponse({ ...good, expires_in: 1799999 }, where).warnings).toEqual([
      "'expires_in' is 1799999 s (20.8 days); read as milliseconds it is 30.0 minutes, a common token lifetime, so the provider may mean milliseconds. 'expires-at' assumes seconds, as RFC 6749 §5.1 says."
    ])
    expect(validateTokenResponse({ ...good, expires_in: 3600000 }, where).warnings).toHaveLength(1)
  })
  it.each([864000, 2592000, 31536000])('says nothing of a long-lived token that is no lifetime in milliseconds (%i s: Authlib gives 10 days)', (expiresIn) => {
    expect(validateTokenResponse({ ...good, expires_in: expiresIn }, where)).toMatchObject({ expiresIn, warnings: [] })
  })
  it.each([1e300, 1e21, Number.MAX_VALUE])('takes an absurd expires_in (%d) as unknown, with a warning', (expiresIn) => {
    const t = validateTokenResponse({ ...good, expires_in: expiresIn }, where)
    expect(t.expiresIn).toBeUndefined()
    expect(t.warnings).toEqual([expect.stringMatching(/^'expires_in' is \S+, more than ten years: taken as unknown, so 'expires-in' and 'expires-at' are empty\.$/)])
  })
  it('does not warn for a 24-hour token (PagerDuty)', () => {
    expect(validateTokenResponse({ ...good, expires_in: 86400 }, where).warnings).toEqual([])
  })
})
