/**
 * Issue 18 and 19, unit level: errors read the provider's way, and one piece of advice per failure
 * that fits the provider in use and what was tried.
 */
import { describe, expect, it } from 'vitest'
import { ActionError } from '../src/errors.js'
import { parseBody, type HttpResponse } from '../src/http.js'
import { PROVIDERS } from '../src/oauth/providers/index.js'
import type { Provider } from '../src/oauth/providers/types.js'
import { clientAdvice, responseError, type ClientAttempt } from '../src/oauth/token-error.js'

const json = (status: number, body: unknown): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const where = 'auth.example.com'
const read = (res: HttpResponse, provider?: Provider, client?: ClientAttempt): ActionError => {
  const e = responseError(res, parseBody(res), where, { provider, client })
  expect(e).toBeInstanceOf(ActionError)
  return e!
}

describe('invalid_client: one piece of advice that fits what was tried (issue 19)', () => {
  const reserved = { authMethod: 'client_secret_basic', otherDiffers: true } as const
  it.each<[string, ClientAttempt, RegExp, RegExp[]]>([
    ['Basic, both encodings refused', { ...reserved, tried: ['form', 'raw'], otherDiffers: false }, /Both Basic encodings were tried .* or it wants 'auth-method: client_secret_post'\.$/, [/basic-auth-encoding/]],
    ['Basic form only, raw differs', { ...reserved, tried: ['form'] }, /try 'basic-auth-encoding: raw'\.$/, [/Both Basic/, /auth-method/]],
    ['Basic raw chosen, form differs', { ...reserved, tried: ['raw'] }, /try 'basic-auth-encoding: form'\.$/, [/Both Basic/]],
    ['Basic, no reserved characters', { authMethod: 'client_secret_basic', tried: ['form'], otherDiffers: false }, /may want 'auth-method: client_secret_post'\.$/, [/basic-auth-encoding/]],
    ['post', { authMethod: 'client_secret_post' }, /may want 'auth-method: client_secret_basic'\.$/, [/basic-auth-encoding/]],
    ['a method the preset documents', { authMethod: 'client_secret_post', methodFromPreset: true }, /^Check 'client-id' and 'client-secret' \(an expired client secret looks the same\)\.$/, [/auth-method/]],
    ['both encodings, preset method', { ...reserved, tried: ['form', 'raw'], methodFromPreset: true }, /itself is not what the server expects \(an expired secret looks the same\)\.$/, [/auth-method/]],
    ['a public client', { authMethod: 'none' }, /^Check 'client-id'\.$/, [/secret/]]
  ])('%s', (_, attempt, says, never) => {
    const advice = clientAdvice(attempt)
    expect(advice).toMatch(says)
    for (const n of never) expect(advice).not.toMatch(n)
  })

  it('no provider is named unless it is the one in use: HP TechPulse only with its preset', () => {
    const body = json(401, { error: 'invalid_client' })
    expect(read(body).message).not.toContain('HP')
    expect(read(body, PROVIDERS.pagerduty, { authMethod: 'client_secret_post', methodFromPreset: true }).message).not.toContain('HP')
    const hp = read(body, PROVIDERS['hp-techpulse'], { authMethod: 'client_secret_basic', tried: ['form', 'raw'], methodFromPreset: true })
    expect(hp.code).toBe('invalid_client')
    expect(hp.message).toBe(`Refreshing the token at ${where} failed: HTTP 401 invalid_client. ${PROVIDERS['hp-techpulse'].hints!.invalid_client}`)
    expect(hp.message).not.toContain('Both Basic encodings')
  })

  it('a bare 401 gets the same advice as an invalid_client body', () => {
    const bare = read({ status: 401, headers: {}, body: '' }, undefined, { authMethod: 'client_secret_post' })
    expect(bare.code).toBe('invalid_client')
    expect(bare.message).toBe(`Refreshing the token at ${where} failed: HTTP 401 Unauthorized. The client credentials were rejected. ${clientAdvice({ authMethod: 'client_secret_post' })}`)
  })
})

describe("a provider's own codes and words", () => {
  const fake: Provider = {
    id: 'fake',
    name: 'Fake',
    docs: [],
    rotation: 'always',
    reuseWindowS: 0,
    authorize: { url: 'https://fake.example/authorize', pkce: 'unknown' },
    readError: (_, f) => (f.ok === false ? { error: typeof f.error === 'string' ? f.error : 'not_ok', subcode: typeof f.detail === 'string' ? f.detail : undefined } : undefined),
    codes: { dead_token: 'invalid_grant' },
    hints: { dead_token: 'Fake says: reinstall.', 'sub-1': 'Fake sub-code advice.', invalid_scope: 'Fake scope advice.' }
  }
  it.each([
    ['its code mapped to ours, with its hint', { ok: false, error: 'dead_token' }, 'invalid_grant', 'dead_token. Fake says: reinstall.'],
    ['a sub-code hint wins over the code', { ok: false, error: 'dead_token', detail: 'sub-1' }, 'invalid_grant', 'dead_token. Fake sub-code advice.'],
    ['a hint by our code', { ok: false, error: 'invalid_scope' }, 'invalid_scope', 'invalid_scope. Fake scope advice.'],
    ['no error field at all', { ok: false }, 'oauth_error', "not_ok. See Fake's documentation for this error."],
    ['an unknown code', { ok: false, error: 'weird' }, 'oauth_error', "weird. See Fake's documentation for this error."]
  ])('%s', (_, body, code, tail) => {
    const e = read(json(200, body), fake)
    expect(e.code).toBe(code)
    expect(e.message).toBe(`Refreshing the token at ${where} failed: HTTP 200 ${tail}`)
    expect(e.details.oauthError).toBe(tail.split('.')[0])
  })

  it('its reader replaces RFC 6749 §5.2: an `error` field its reader does not report is a success to validate', () => {
    expect(responseError(json(200, { ok: true, error: 'leftover', access_token: 'x' }), parseBody(json(200, { ok: true, error: 'leftover' })), where, { provider: fake })).toBeUndefined()
  })

  it.each(['constructor', '__proto__', 'hasOwnProperty'])('a server-chosen %s is no code or hint of its table', (error) => {
    const e = read(json(400, { ok: false, error }), fake)
    expect(e.code).toBe('oauth_error')
  })

  it('invalid_grant at a provider that never revokes a used token says no concurrent run caused it', () => {
    const never = { ...fake, name: 'Never', rotation: 'never', reuseWindowS: 'unlimited', hints: {} } as const
    const e = read(json(400, { ok: false, error: 'invalid_grant' }), never)
    expect(e.message).toContain('(Never does not rotate refresh tokens, so no concurrent run caused this)')
    expect(e.message).not.toContain('RFC 9700')
    expect(read(json(400, { ok: false, error: 'invalid_grant' }), fake).message).toContain('the chain is lost')
  })
})
