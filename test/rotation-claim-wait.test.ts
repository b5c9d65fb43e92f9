/**
 * A run whose token is already claimed (src/rotation/claim-wait.ts), on a fake clock against the
 * GitHub stand-in: it never presents the token, except by claiming it afresh when the claimant
 * deleted its claim (the provider did not spend it) or once through `_AGAIN` inside the provider's
 * reuse window. It takes a shared token when one appears, stops on a spent token, and waits with
 * jittered, capped backoff no longer than it may.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Api } from '../src/github/api.js'
import { send } from '../src/http.js'
import type { RefreshDeps } from '../src/oauth/refresh.js'
import { claimTaken, type ClaimWait } from '../src/rotation/claim-wait.js'
import { readClaimVariable, type ClaimSeen } from '../src/rotation/claims.js'
import type { SharedToken } from '../src/rotation/shared-token.js'
import { GitHubApi } from './support/github-api.js'

const PAT = 'github_pat_claimwait_0123456789'
const ID = '0123456789ABCDEF'
const KEY = `repo:octo/app:RT_CLAIM_${ID}`
const t = { kind: 'repository', repository: 'octo/app' } as const
const MARK = 'oauth-refresh-action:claim:v1 '
const other = (over: Record<string, unknown> = {}) => MARK + JSON.stringify({ holder: 'run 2', nonce: 'n2', ttl_s: 60, status: 'presenting', ...over })
const SHARED = { tokens: { accessToken: 'at' } } as unknown as SharedToken

let gh: GitHubApi
beforeAll(async () => void (gh = await GitHubApi.start()))
afterAll(async () => gh.close())
beforeEach(() => void gh.reset().token(PAT, 'secrets', 'variables').repo('octo/app'))

function setup(over: Partial<ClaimWait> & { shareOnPoll?: number; spentOnPoll?: number } = {}) {
  let now = 1_000_000
  const slept: number[] = []
  let polls = 0
  const deps: RefreshDeps = { send, mask: () => undefined, info: () => undefined, now: () => now, random: () => 0.5, sleep: async (ms) => {
    slept.push(ms)
    now += ms
    gh.advance(ms)
  } }
  const api: Api = { root: new URL(gh.url), token: PAT, timeoutMs: 5000, deps }
  const w: ClaimWait = {
    api, target: t, secretName: 'RT', id: ID, claimant: { holder: 'run 1', nonce: 'n1', ttlMs: 60_000 },
    poll: async () => (++polls === over.shareOnPoll ? SHARED : undefined),
    spent: () => polls === over.spentOnPoll,
    sharing: true, reuseWindowMs: 0, orphanNonce: undefined, until: now + 600_000, deps,
    ...over
  }
  return { w, slept, polls: () => polls, now: () => now }
}
const seen = async (): Promise<ClaimSeen> => (await readClaimVariable(setup().w.api, t, `RT_CLAIM_${ID}`))!

describe('waiting on another run’s claim', () => {
  it('takes the shared token when one appears, after jittered backoff that doubles', async () => {
    gh.setVariable(KEY, other())
    const s = setup({ shareOnPoll: 4 })
    expect(await claimTaken(await seen(), s.w)).toEqual({ kind: 'served', shared: SHARED })
    expect(s.slept).toEqual([375, 750, 1500])
  })

  it('caps the backoff at 8 s (6 s with this jitter), and never sleeps under 50 ms or past `until`', async () => {
    gh.setVariable(KEY, other({ ttl_s: 3600 }))
    const s = setup({ shareOnPoll: 8, claimant: { holder: 'run 1', nonce: 'n1', ttlMs: 3_600_000 } })
    await claimTaken(await seen(), s.w)
    expect(s.slept).toEqual([375, 750, 1500, 3000, 6000, 6000, 6000])
    const u = setup({ claimant: { holder: 'run 1', nonce: 'n1', ttlMs: 3_600_000 } })
    const w = { ...u.w, until: u.now() + 1000 }
    await expect(claimTaken(await seen(), w)).rejects.toMatchObject({ code: 'lock_timeout' })
    expect(u.slept).toEqual([375, 625])
    const v = setup({ claimant: { holder: 'run 1', nonce: 'n1', ttlMs: 3_600_000 } })
    await expect(claimTaken(await seen(), { ...v.w, until: v.now() + 10 })).rejects.toMatchObject({ code: 'lock_timeout' })
    expect(v.slept).toEqual([50])
  })

  it('stops at once on a spent token, whether the claim or the state says so', async () => {
    gh.setVariable(KEY, other({ status: 'spent' }))
    const s = setup()
    await expect(claimTaken(await seen(), s.w)).rejects.toMatchObject({ code: 'stale_token' })
    expect(s.slept).toEqual([])
    gh.setVariable(KEY, other())
    const u = setup({ spentOnPoll: 2 })
    await expect(claimTaken(await seen(), u.w)).rejects.toMatchObject({ code: 'stale_token', message: expect.stringContaining("No shared access token valid for 'min-validity'") as string })
    expect(u.slept).toEqual([375])
  })

  it('claims the token afresh when its claimant deleted the claim (the provider did not spend it)', async () => {
    gh.setVariable(KEY, other())
    const s = setup()
    const first = await seen()
    gh.variables.delete(KEY)
    const r = await claimTaken(first, s.w)
    expect(r.kind).toBe('claimed')
    expect(r.kind === 'claimed' && r.claim.name).toBe(`RT_CLAIM_${ID}`)
    expect(gh.variables.get(KEY)).toContain('"nonce":"n1"')
  })

  it('a claim deleted and taken by a third run at once: that run’s claim is watched, not taken', async () => {
    gh.setVariable(KEY, other())
    const s = setup({ shareOnPoll: 3 })
    const first = await seen()
    gh.variables.delete(KEY)
    gh.fail({ method: 'POST', path: '/variables', status: 409, body: { message: 'Already exists' } })
    gh.setVariable(KEY, other({ holder: 'run 3', nonce: 'n3' }))
    expect((await claimTaken(first, s.w)).kind).toBe('served')
    expect(gh.variables.get(KEY)).toContain('run 3')
  })
})

describe('a claimant that ended without an outcome', () => {
  it('said uncertain: stops and says so, unless inside a reuse window, where it presents once more through _AGAIN', async () => {
    gh.setVariable(KEY, other({ status: 'uncertain' }))
    const s = setup()
    await expect(claimTaken(await seen(), s.w)).rejects.toMatchObject({ code: 'outcome_unknown' })
    expect(gh.variables.has(`${KEY}_AGAIN`)).toBe(false)
    const inside = setup({ reuseWindowMs: 60_000 })
    const r = await claimTaken(await seen(), inside.w)
    expect(r.kind === 'claimed' && r.claim.name).toBe(`RT_CLAIM_${ID}_AGAIN`)
    // Only once: the _AGAIN claim now exists, and it is another run's.
    await expect(claimTaken(await seen(), setup({ reuseWindowMs: 60_000, claimant: { holder: 'run 5', nonce: 'n5', ttlMs: 60_000 } }).w)).rejects.toMatchObject({ code: 'outcome_unknown' })
  })

  it('a reuse window counts from the claim’s creation by GitHub’s clock', async () => {
    gh.setVariable(KEY, other({ status: 'uncertain' }), 90_000)
    await expect(claimTaken(await seen(), setup({ reuseWindowMs: 60_000 }).w)).rejects.toMatchObject({ code: 'outcome_unknown' })
    expect(gh.variables.has(`${KEY}_AGAIN`)).toBe(false)
    const unknownAge = { ...(await seen()), createdAt: undefined }
    await expect(claimTaken(unknownAge, setup({ reuseWindowMs: 3_600_000 }).w)).rejects.toMatchObject({ code: 'outcome_unknown' })
    const serverLess = { ...(await seen()), serverNow: undefined }
    expect((await claimTaken(serverLess, setup({ reuseWindowMs: 3_600_000 }).w)).kind).toBe('claimed')
  })

  it('its lock was taken over (the orphan nonce): ended, without waiting', async () => {
    gh.setVariable(KEY, other())
    const s = setup({ orphanNonce: 'n2' })
    await expect(claimTaken(await seen(), s.w)).rejects.toMatchObject({ code: 'outcome_unknown' })
    expect(s.slept).toEqual([])
    const u = setup({ orphanNonce: 'n9', shareOnPoll: 2 })
    expect((await claimTaken(await seen(), u.w)).kind).toBe('served')
  })

  it('its claim stayed unchanged for its lifetime (the shorter of its own and this run’s), watched on this runner’s clock', async () => {
    gh.setVariable(KEY, other({ ttl_s: 5 }))
    const s = setup()
    await expect(claimTaken(await seen(), s.w)).rejects.toMatchObject({ code: 'outcome_unknown' })
    const total = s.slept.reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThanOrEqual(5000)
    expect(total).toBeLessThan(5000 + 6000)
    gh.setVariable(KEY, other({ ttl_s: 3600 }))
    const u = setup({ claimant: { holder: 'run 1', nonce: 'n1', ttlMs: 4000 } })
    await expect(claimTaken(await seen(), u.w)).rejects.toMatchObject({ code: 'outcome_unknown' })
    expect(u.slept.reduce((a, b) => a + b, 0)).toBeLessThan(4000 + 3000)
  })

  it('a claim whose value changes is watched afresh', async () => {
    gh.setVariable(KEY, other({ ttl_s: 3 }))
    const s = setup()
    const first = await seen()
    let round = 0
    const w: ClaimWait = { ...s.w, poll: async () => {
      round++
      // The claimant renews its claim while working, then shares.
      if (round <= 4) gh.setVariable(KEY, other({ ttl_s: 3, beat: round }))
      return round === 6 ? SHARED : undefined
    } }
    expect((await claimTaken(first, w)).kind).toBe('served')
  })
})
