import { describe, expect, it } from 'vitest'
import { ActionError } from '../src/errors.js'
import { MAX_DELAY_MS, parseRetryAfter, retryDelayMs } from '../src/retry.js'
import { checkRequiredScopes, grantedScopes, jwtScopes, parseScopes } from '../src/oauth/scopes.js'
import { actionError } from './support/errors.js'

const jwt = (claims: object) => `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`

describe('parseScopes', () => {
  it.each([
    ['', []],
    ['read', ['read']],
    ['a b\tc', ['a', 'b', 'c']],
    ['a,b, c', ['a', 'b', 'c']],
    ['a a b', ['a', 'b']]
  ])('%j → %j', (input, scopes) => expect(parseScopes(input)).toEqual(scopes))
})

describe('jwtScopes', () => {
  it.each([
    [jwt({ scope: 'a b' }), ['a', 'b']],
    [jwt({ scp: ['x', 'y'] }), ['x', 'y']],
    [jwt({ scp: 'x y' }), ['x', 'y']],
    [jwt({ sub: 'no scope' }), undefined],
    ['opaque-token', undefined],
    ['a.!!!.c', undefined]
  ])('%s → %j', (token, scopes) => expect(jwtScopes(token)).toEqual(scopes))
})

describe('grantedScopes', () => {
  it('prefers the response', () => expect(grantedScopes('a b', 'a', jwt({ scope: 'z' }))).toEqual({ scopes: ['a', 'b'], source: 'response' }))
  it('then the request (RFC 6749 §5.1)', () => expect(grantedScopes(undefined, 'a', jwt({ scope: 'z' }))).toEqual({ scopes: ['a'], source: 'requested' }))
  it('then the JWT claim', () => expect(grantedScopes(undefined, undefined, jwt({ scope: 'z' }))).toEqual({ scopes: ['z'], source: 'jwt' }))
  it('else unknown', () => expect(grantedScopes(undefined, undefined, 'opaque')).toEqual({ scopes: [], source: 'unknown' }))
})

describe('checkRequiredScopes', () => {
  it('passes when all are granted', () => expect(() => checkRequiredScopes(['a'], { scopes: ['a', 'b'], source: 'response' })).not.toThrow())
  it('passes when none are required, even if unknown', () => expect(() => checkRequiredScopes([], { scopes: [], source: 'unknown' })).not.toThrow())
  it('lists missing and granted scopes', () => {
    expect(() => checkRequiredScopes(['incidents.read', 'services.read'], { scopes: ['services.read', 'users.read'], source: 'response' })).toThrow(
      'The new access token lacks required scopes: missing incidents.read; granted services.read users.read.'
    )
  })
  it('fails saying so when scopes cannot be known', () => {
    expect(actionError(() => checkRequiredScopes(['a'], { scopes: [], source: 'unknown' }), 'unknown_scopes').message).toMatch(/^The granted scopes cannot be known/)
  })
})

describe('retry delays', () => {
  const now = Date.parse('2026-11-24T10:00:00Z')
  const failure = (retryAfter?: string) => new ActionError('http_status', 'HTTP 503.', { status: 503, retryable: true, retryAfter })

  it.each([
    [undefined, undefined],
    ['5', 5000],
    [' 0 ', 0],
    ['Tue, 24 Nov 2026 10:00:12 GMT', 12000],
    ['Tue, 24 Nov 2026 09:00:00 GMT', 0],
    ['soon', undefined]
  ])('Retry-After %j → %j ms', (value, ms) => expect(parseRetryAfter(value, now)).toBe(ms))

  it('grows exponentially under full jitter', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, failure(), now, () => 1))).toEqual([1000, 2000, 4000, 8000])
    expect(retryDelayMs(3, failure(), now, () => 0.5)).toBe(2000)
    expect(retryDelayMs(20, failure(), now, () => 1)).toBe(MAX_DELAY_MS)
  })
  it("obeys the server's Retry-After instead", () => expect(retryDelayMs(1, failure('3'), now, () => 1)).toBe(3000))
  it('refuses a Retry-After beyond the cap, saying when to come back', () => {
    expect(actionError(() => retryDelayMs(1, failure('3600'), now), 'retry_after_too_long').message).toBe('HTTP 503. The server asked to wait 3600 s before trying again (Retry-After), longer than this action waits (30 s). Re-run the job later.')
  })
})
