/**
 * Issue 11, unit level: the one sanitizer for foreign text, and each class of hostile input it or
 * its neighbours meet. The runner-level proof is test/hostile.test.ts.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { summaryText } from '../src/action/outputs.js'
import { ActionError, foreign } from '../src/errors.js'
import { describeBody, send, type HttpResponse } from '../src/http.js'
import { bearerChallenge, scopeRefusal } from '../src/oauth/verify.js'
import { checkRequiredScopes } from '../src/oauth/scopes.js'
import { responseError } from '../src/oauth/token-error.js'
import { parseBody } from '../src/http.js'
import { actionError } from './support/errors.js'

describe('foreign(): the one way text from outside reaches a log line', () => {
  it.each([
    ['\\n', 'a\n::stop-commands::x', 'a : :stop-commands: :x'],
    ['\\r\\n', 'a\r\n::warning::x', 'a : :warning: :x'],
    ['a lone \\r', 'a\r::save-state name=x::y', 'a : :save-state name=x: :y'],
    ['U+0085', 'a\u0085::error::x', 'a : :error: :x'],
    ['U+2028', 'a\u2028::error::x', 'a : :error: :x'],
    ['U+2029', 'a\u2029::error::x', 'a : :error: :x'],
    ['other controls', 'a\u0000b\u0007c\u001bd\u007fe\u009bf', 'a b c d e f'],
    ['a leading command', '::add-mask::x', ': :add-mask: :x'],
    ['leading spaces then a command', '   ::stop-commands::x', ': :stop-commands: :x'],
    ['the legacy ##[command] anywhere', 'ok ##[add-mask]secret and ###[x]', 'ok # #[add-mask]secret and ## #[x]'],
    ['plain text', 'invalid_grant (expired)', 'invalid_grant (expired)'],
    ['a non-string', 42, '42']
  ])('%s', (_, input, output) => expect(foreign(input)).toBe(output))

  it('caps the length', () => {
    expect(foreign('x'.repeat(500))).toBe(`${'x'.repeat(200)}…`)
    expect(foreign('x'.repeat(500), 10)).toBe(`${'x'.repeat(10)}…`)
  })

  it('never returns text that starts a line or a command, whatever it is given', () => {
    const nasty = ['\n', '\r', '\u2028', '\u2029', '\u0085', ':', '#', '[', ']', ' ', 'a', '%0A']
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 12 }, () => nasty[Math.floor(Math.random() * nasty.length)]).join('')
      const out = foreign(text)
      expect(out).not.toMatch(/[\r\n\u2028\u2029\u0085]/)
      expect(out.trimStart()).not.toMatch(/^::/)
      expect(out).not.toContain('##[')
      expect(out).not.toContain('::')
    }
  })
})

describe('describeBody', () => {
  const res = (body: string, type = 'text/html'): HttpResponse => ({ status: 502, headers: { 'content-type': type }, body })
  it('passes the excerpt and the content type through foreign()', () => {
    expect(describeBody(res('<p>\n::stop-commands::x</p>', 'text/html\u2028::warning::y'))).toBe('text/html : :warning: :y, 26 bytes: "<p> : :stop-commands: :x</p>"')
  })
  it('leaves the body out when asked', () => expect(describeBody(res('secret stuff'), false)).toBe('text/html, 12 bytes'))
})

describe('server-chosen keys are looked up as own properties only', () => {
  const json = (status: number, body: unknown): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('error code %s gets the generic message', (code) => {
    const res = json(400, { error: code })
    const e = responseError(res, parseBody(res), 'auth.example.com')!
    expect(e).toBeInstanceOf(ActionError)
    expect(e.code).toBe('oauth_error')
    expect(e.message).toBe(`Refreshing the token at auth.example.com failed: HTTP 400 ${code}. See the provider's documentation for this error.`)
  })
  it('a challenge naming __proto__ or constructor is just names', () => {
    const c = bearerChallenge('Bearer __proto__="x", constructor="y", error="insufficient_scope", scope="a b"')
    expect(Object.getPrototypeOf(c)).toBeNull()
    expect(Object.entries(c)).toEqual([['__proto__', 'x'], ['constructor', 'y'], ['error', 'insufficient_scope'], ['scope', 'a b']])
    expect(bearerChallenge('Bearer realm="r"').error).toBeUndefined()
    expect(scopeRefusal({ status: 403, headers: { 'www-authenticate': 'Bearer constructor="z"' }, body: '' })).toBeUndefined()
  })
})

describe('scopes from the server in an error', () => {
  it('pass through foreign()', () => {
    expect(actionError(() => checkRequiredScopes(['admin'], { scopes: ['read', '::warning::x', '##[add-mask]y'], source: 'response' }), 'missing_scopes').message).toContain('missing admin; granted read : :warning: :x # #[add-mask]y.')
  })
})

describe('the job summary', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&#60;img src&#61;x onerror&#61;alert(1)&#62;'],
    ['**bold** _em_ `code` [link](http://x) @octocat #1 |pipe|', '&#42;&#42;bold&#42;&#42; &#95;em&#95; &#96;code&#96; &#91;link&#93;(http://x) &#64;octocat &#35;1 &#124;pipe&#124;'],
    ['read:reports write.all', 'read:reports write.all'],
    ['a\n::warning::x', 'a : :warning: :x']
  ])('escapes %j for HTML and Markdown', (input, output) => expect(summaryText(input)).toBe(output))
})

describe('send() cannot crash', () => {
  it('a header with a line break is a clear error before any request, and no timer fires later', async () => {
    let requests = 0
    const server = createServer((_, res) => void (requests++, res.end('{}')))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`)
    try {
      const e = await send({ method: 'GET', url, headers: { authorization: 'Bearer a\nb' } }, { timeoutMs: 50 }).then(() => undefined, (err: unknown) => err)
      expect(e).toBeInstanceOf(ActionError)
      expect((e as ActionError).code).toBe('input')
      expect((e as ActionError).message).toBe(`The authorization header of the request to ${url.host} would hold a line break or another character HTTP forbids, so nothing was sent.`)
      // Past the timeout: an uncaught error from a stray timer would fail this test run.
      await new Promise((r) => setTimeout(r, 120))
      expect(requests).toBe(0)
    } finally {
      server.close()
    }
  })
})
