/**
 * The shared access token (src/rotation/shared-token.ts) on its own: it opens only with a refresh
 * token it was sealed for, for the same secret and client; what is opened is checked field by field
 * and masked before anything else sees it; and a run takes it only when it is valid long enough by
 * GitHub's clock, carries the required scopes, and was refreshed for exactly the scope this run asks
 * for (issue 17, case 7: a token narrowed with `scope: read` never serves a run that wants the grant).
 */
import { describe, expect, it } from 'vitest'
import { describeSecret } from '../src/github/targets.js'
import { openShared, sealShared, usable, type ShareContext, type SharedToken } from '../src/rotation/shared-token.js'
import { sealValue } from '../src/rotation/sealed-value.js'

const RT_NEW = 'rt-new-0123456789abcdefghij'
const RT_OLD = 'rt-old-0123456789abcdefghij'
const AT = 'at-shared-0123456789abcdef'
const c: ShareContext = { clientId: 'cid', target: { kind: 'repository', repository: 'octo/app' }, secretName: 'RT' }
const NOW = Date.parse('2026-12-01T12:00:00Z')

const shared = (over: Partial<SharedToken> = {}): SharedToken => ({
  tokens: { accessToken: AT, tokenType: 'Bearer', expiresIn: undefined, refreshToken: undefined, scope: 'read write', warnings: [] },
  granted: { scopes: ['read', 'write'], source: 'response' },
  expiresAt: NOW + 3600_000,
  requested: undefined,
  ...over
})

/** A copy sealed as sealShared seals one, around a payload of the test's choosing. */
const sealRaw = (payload: unknown): string => sealValue(typeof payload === 'string' ? payload : JSON.stringify(payload), RT_NEW, `${describeSecret(c.target, c.secretName)}\nclient_id=${c.clientId}`)
const good = { access_token: AT, token_type: 'Bearer', expires_at: NOW + 1000, scope: 'read', scope_source: 'response', requested: null }

describe('sealing and opening', () => {
  it('opens with either refresh token it was sealed for, masking the access token first', () => {
    const sealed = sealShared(shared({ requested: 'read  write' }), [RT_NEW, RT_OLD, RT_NEW], c)
    expect(sealed).toHaveLength(2)
    for (const rt of [RT_NEW, RT_OLD]) {
      const masked: string[] = []
      const opened = openShared(sealed, rt, c, (s) => void masked.push(s))
      expect(masked).toEqual([AT])
      expect(opened).toEqual({
        tokens: { accessToken: AT, tokenType: 'Bearer', expiresIn: undefined, refreshToken: undefined, scope: 'read write', warnings: [] },
        granted: { scopes: ['read', 'write'], source: 'response' },
        expiresAt: NOW + 3600_000,
        requested: 'read  write'
      })
    }
  })

  it('opens for nobody else: another refresh token, another secret, another client', () => {
    const sealed = sealShared(shared(), [RT_NEW], c)
    const none = (rt: string, ctx: ShareContext) => openShared(sealed, rt, ctx, () => expect.fail('masked what it could not open'))
    expect(none('rt-other-0123456789abcdefghij', c)).toBeUndefined()
    expect(none(RT_NEW, { ...c, secretName: 'OTHER' })).toBeUndefined()
    expect(none(RT_NEW, { ...c, clientId: 'cid2' })).toBeUndefined()
    expect(none(RT_NEW, { ...c, target: { kind: 'repository', repository: 'octo/other' } })).toBeUndefined()
    expect(openShared([], RT_NEW, c, () => undefined)).toBeUndefined()
  })

  it('keeps where the scope list came from, and calls anything else unknown', () => {
    for (const source of ['response', 'requested', 'jwt'] as const) {
      expect(openShared([sealRaw({ ...good, scope_source: source })], RT_NEW, c, () => undefined)?.granted).toEqual({ scopes: ['read'], source })
    }
    expect(openShared([sealRaw({ ...good, scope_source: 'made-up' })], RT_NEW, c, () => undefined)?.granted.source).toBe('unknown')
    expect(openShared([sealRaw(good)], RT_NEW, c, () => undefined)?.requested).toBeUndefined()
  })

  it.each([
    ['not JSON', '{'],
    ['no access token', { ...good, access_token: undefined }],
    ['an empty access token', { ...good, access_token: '' }],
    ['an access token not text', { ...good, access_token: 5 }],
    ['no token type', { ...good, token_type: undefined }],
    ['an expiry as text', { ...good, expires_at: '2026-12-01' }],
    ['no scope', { ...good, scope: undefined }],
    ['a requested scope not text', { ...good, requested: 5 }]
  ])('a payload with %s is not a shared token, and nothing is masked', (_, payload) => {
    const masked: string[] = []
    expect(openShared([sealRaw(payload)], RT_NEW, c, (s) => void masked.push(s))).toBeUndefined()
    expect(masked).toEqual([])
  })
})

describe('usable: may this run take it instead of refreshing?', () => {
  const needs = { minValidityMs: 300_000, requiredScopes: [] as string[], scope: undefined as string | undefined }

  it('only while valid for min-validity by GitHub’s clock, allowing for the second its Date header rounds off', () => {
    expect(usable(shared({ expiresAt: NOW + 301_000 }), NOW, needs)).toBe(true)
    expect(usable(shared({ expiresAt: NOW + 300_999 }), NOW, needs)).toBe(false)
    expect(usable(shared({ expiresAt: NOW + 1000 }), NOW, { ...needs, minValidityMs: 0 })).toBe(true)
    expect(usable(shared({ expiresAt: NOW }), NOW, { ...needs, minValidityMs: 0 })).toBe(false)
  })

  it('only when it carries every required scope', () => {
    expect(usable(shared(), NOW, { ...needs, requiredScopes: ['read', 'write'] })).toBe(true)
    expect(usable(shared(), NOW, { ...needs, requiredScopes: ['read', 'admin'] })).toBe(false)
    expect(usable(shared({ granted: { scopes: [], source: 'unknown' } }), NOW, { ...needs, requiredScopes: ['read'] })).toBe(false)
  })

  it('only when refreshed for exactly the scope this run asks for, in any order; a full grant only for runs asking none', () => {
    expect(usable(shared({ requested: undefined }), NOW, { ...needs, scope: undefined })).toBe(true)
    expect(usable(shared({ requested: 'read' }), NOW, { ...needs, scope: undefined })).toBe(false)
    expect(usable(shared({ requested: undefined }), NOW, { ...needs, scope: 'read' })).toBe(false)
    expect(usable(shared({ requested: 'read write' }), NOW, { ...needs, scope: 'write read' })).toBe(true)
    expect(usable(shared({ requested: 'read write' }), NOW, { ...needs, scope: 'read' })).toBe(false)
    expect(usable(shared({ requested: 'read' }), NOW, { ...needs, scope: 'read write' })).toBe(false)
    expect(usable(shared({ requested: 'read' }), NOW, { ...needs, scope: 'write' })).toBe(false)
    expect(usable(shared({ requested: 'read write' }), NOW, { ...needs, scope: 'read admin' })).toBe(false)
  })
})
