/**
 * The waits of the cross-run lock and of GitHub retries, on a fake clock: each sleep is recorded and
 * moves both this process's clock and the GitHub stand-in's forward, so minutes of waiting take
 * milliseconds. A lock is judged expired by what the waiter watched on its own clock, not by GitHub's
 * timestamps. The protocol around it is in test/protocol*.test.ts, the runner-level behaviour in
 * test/rotation.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Settings } from '../src/action/inputs.js'
import { guardedRefresh } from '../src/action/guarded.js'
import { ActionError } from '../src/errors.js'
import type { Api } from '../src/github/api.js'
import { CrossRunLock } from '../src/rotation/lock.js'
import { lockRound, waitForLock, type Round } from '../src/rotation/lock-wait.js'
import { send } from '../src/http.js'
import type { RefreshDeps } from '../src/oauth/refresh.js'
import { GitHubApi } from './support/github-api.js'

const PAT = 'github_pat_lock_0123456789'
const LOCK = 'repo:octo/app:RT_LOCK'
const t = { kind: 'repository', repository: 'octo/app' } as const

let gh: GitHubApi
beforeAll(async () => void (gh = await GitHubApi.start()))
afterAll(async () => gh.close())
beforeEach(() => void gh.reset().token(PAT, 'secrets', 'variables').repo('octo/app'))

/** A clock that only moves when the code sleeps; the stand-in's clock moves with it. */
function fakeClock(random = 0.5) {
  let now = Date.now()
  const slept: number[] = []
  const info: string[] = []
  const deps: RefreshDeps = {
    send,
    mask: () => undefined,
    info: (line) => void info.push(line),
    now: () => now,
    random: () => random,
    sleep: async (ms) => {
      slept.push(ms)
      now += ms
      gh.advance(ms)
    }
  }
  return { deps, slept, info }
}

const held = (holder: string, ttlS: number, agoMs = 0) => gh.setVariable(LOCK, `oauth-refresh-action:lock:v1 ${JSON.stringify({ holder, nonce: 'n', ttl_s: ttlS })}`, agoMs)

describe('waiting for the lock (fake clock)', () => {
  const setup = (ttlMs = 60_000) => {
    const clock = fakeClock()
    const api: Api = { root: new URL(gh.url), token: PAT, timeoutMs: 5000, deps: clock.deps }
    const lock = new CrossRunLock(api, t, 'RT', { holder: 'this run', nonce: 'n0', ttlMs })
    const warnings: string[] = []
    return { ...clock, lock, warnings, opts: { waitMs: 30_000, ownTtlMs: ttlMs, warn: (w: string) => void warnings.push(w) } }
  }
  const nothing = async (): Promise<undefined> => undefined

  it('backs off with equal jitter while another run holds it, and gives up at lock-timeout-seconds', async () => {
    held('octo/app run 1', 600)
    const c = setup(600_000)
    const first = await lockRound(c.lock, nothing, c.opts)
    const e = await waitForLock(c.lock, nothing, first, c.opts, c.deps).then(() => undefined, (err: unknown) => err)
    expect(e).toBeInstanceOf(ActionError)
    expect((e as ActionError).code).toBe('lock_timeout')
    expect((e as ActionError).message).toMatch(/^Waited 30 s for the lock the repository variable RT_LOCK of octo\/app, held by octo\/app run 1 \('lock-timeout-seconds'\)\. Nothing was refreshed/)
    // random() = 0.5: three quarters of each backoff (half fixed, half jittered), 0.5 s doubling to 8 s.
    expect(c.slept.slice(0, 6)).toEqual([375, 750, 1500, 3000, 6000, 6000])
    expect(c.slept.reduce((a, b) => a + b, 0)).toBe(30_000)
    expect(c.info).toEqual([expect.stringMatching(/^Waiting for the lock the repository variable RT_LOCK of octo\/app: held by octo\/app run 1, for at most 600 s more if its holder never releases it\.$/)])
    expect(gh.variables.get(LOCK)).toContain('octo/app run 1')
  })

  it('judges expiry by watching, not by timestamps: a lock created long ago is still watched for its whole lifetime', async () => {
    // Created an hour ago by GitHub's clock: the old rule would have taken it over at once.
    held('octo/app run 2', 5, 3_600_000)
    const c = setup(60_000)
    const first = await lockRound(c.lock, nothing, c.opts)
    const round = await waitForLock(c.lock, nothing, first, c.opts, c.deps)
    expect(round).toEqual({ kind: 'acquired', takenFrom: expect.objectContaining({ holder: 'octo/app run 2', nonce: 'n' }) })
    // 375 + 750 + 1500 ms, then what is left of the 5 s plus a quarter second, then take over.
    expect(c.slept.slice(0, 3)).toEqual([375, 750, 1500])
    const total = c.slept.reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThanOrEqual(5000)
    expect(total).toBeLessThanOrEqual(5000 + 250)
    expect(c.warnings).toEqual([expect.stringMatching(/^The lock the repository variable RT_LOCK of octo\/app, held by octo\/app run 2, stayed unchanged for 5 s, its holder's whole lifetime, without being released/)])
    expect(await c.lock.release()).toBeUndefined()
    expect(gh.variables.has(LOCK)).toBe(false)
  })

  it('a lock whose value changes is watched afresh: a live holder that renews is never taken over', async () => {
    held('octo/app run 2', 5)
    const c = setup(60_000)
    let n = 0
    const poll = async (): Promise<undefined> => {
      // Each round another run holds it: a new value every time.
      if (++n < 6) held(`octo/app run ${10 + n}`, 5)
      return undefined
    }
    const round = await waitForLock(c.lock, poll, await lockRound(c.lock, poll, c.opts), c.opts, c.deps).then(() => 'acquired', (e: unknown) => e)
    expect(round).toBe('acquired')
    expect(c.warnings).toHaveLength(1)
    expect(c.warnings[0]).toContain('held by octo/app run 15')
  })

  it('never honours a lifetime longer than its own: a planted four-hour lock costs one own lifetime', async () => {
    held('planted', 14_400)
    const c = setup(20_000)
    const round = await waitForLock(c.lock, nothing, await lockRound(c.lock, nothing, c.opts), c.opts, c.deps)
    expect(round.kind).toBe('acquired')
    expect(c.slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20_000 + 250)
  })

  it('stops waiting when another run shares a token meanwhile, and gives back a lock it took in that round', async () => {
    held('octo/app run 3', 600)
    const c = setup()
    let polls = 0
    const poll = async () => (++polls >= 3 ? 'shared token' : undefined)
    const first: Round<string> = await lockRound(c.lock, poll, c.opts)
    const round = await waitForLock(c.lock, poll, first, c.opts, c.deps)
    expect(round).toEqual({ kind: 'served', value: 'shared token' })
    expect(c.slept).toEqual([375, 750])
    expect(c.lock.held).toBe(false)
  })

  it('a create whose answer was lost is found to be this run’s own claim, not another run’s lock', async () => {
    gh.fail({ method: 'POST', path: '/variables', status: 502, landed: true })
    const c = setup()
    expect(await lockRound(c.lock, nothing, c.opts)).toEqual({ kind: 'acquired' })
    // The repeat met 409, the read back found this run's value: held, with no wait for itself.
    expect(gh.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['POST /repos/octo/app/actions/variables', 'POST /repos/octo/app/actions/variables', 'GET /repos/octo/app/actions/variables/RT_LOCK'])
    expect(c.slept).toEqual([500])
    expect(c.lock.held).toBe(true)
  })

  it('releases with one DELETE, never repeated (a late repeat could delete a lock another run took since)', async () => {
    const c = setup()
    expect(await lockRound(c.lock, nothing, c.opts)).toEqual({ kind: 'acquired' })
    gh.fail({ method: 'DELETE', status: 502 })
    expect(await c.lock.release()).toMatch(/^The lock the repository variable RT_LOCK of octo\/app could not be released: /)
    expect(gh.requests.filter((q) => q.method === 'DELETE')).toHaveLength(1)
    expect(c.slept).toEqual([])
  })

  it('release() leaves alone a lock that carries another run’s value, even before its own deadline', async () => {
    const c = setup()
    expect(await lockRound(c.lock, nothing, c.opts)).toEqual({ kind: 'acquired' })
    held('another run', 60)
    expect(await c.lock.release()).toBeUndefined()
    expect(gh.variables.get(LOCK)).toContain('another run')
    expect(gh.requests.filter((q) => q.method === 'DELETE')).toHaveLength(0)
  })

  it('waits for a lock whose value cannot be read as long as its own lifetime', async () => {
    gh.setVariable(LOCK, 'oauth-refresh-action:lock:v1 {broken')
    const c = setup(12_000)
    const round = await waitForLock(c.lock, nothing, await lockRound(c.lock, nothing, c.opts), c.opts, c.deps)
    expect(round.kind).toBe('acquired')
    const total = c.slept.reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThanOrEqual(12_000)
    expect(total).toBeLessThanOrEqual(12_000 + 250)
    expect(c.warnings[0]).toContain('held by a run whose claim is unreadable, stayed unchanged for 12 s')
  })
})

describe('the guarded refresh before any token is spent (fake clock)', () => {
  beforeEach(() => {
    vi.stubEnv('GITHUB_STATE', '/dev/null')
    vi.stubEnv('GITHUB_OUTPUT', '/dev/null')
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  })

  it('gives up on an unreachable GitHub API after four attempts with backoff, naming the target', async () => {
    const c = fakeClock(1)
    const s = {
      source: { kind: 'token-url', url: new URL('http://127.0.0.1:9/token') },
      provider: undefined,
      clientId: 'cid',
      clientSecret: 'cs',
      refreshToken: 'rt-0123456789',
      authMethod: undefined,
      basicAuthEncoding: 'auto',
      scope: undefined,
      requiredScopes: [],
      timeoutMs: 5000,
      maxAttempts: 1,
      exportEnv: undefined,
      verifyUrl: undefined,
      revoke: false,
      revocationUrl: undefined,
      reuseWindowMs: 0,
      spendsOnError: false
    } satisfies Settings
    const w = { name: 'HP_REFRESH_TOKEN', githubToken: PAT, target: { kind: 'repository', repository: 'octo/app' }, apiUrl: new URL('http://127.0.0.1:9'), staleTokenGuard: true, lock: true, lockWaitMs: 600_000, shareToken: true, minValidityMs: 300_000 } as const
    const e = await guardedRefresh(s, w, {}, c.deps).then(() => undefined, (err: unknown) => err)
    expect(e).toBeInstanceOf(ActionError)
    expect((e as ActionError).message).toBe(
      'Checking that the repository secret HP_REFRESH_TOKEN of octo/app can be written failed: 127.0.0.1:9 refused the connection. (4 attempts made.) The refresh was not attempted, so the refresh token was not used.'
    )
    // Four calls (the key, the lock, the state, and the lock read back in case its create landed)
    // each back off 1 s, 2 s, 4 s (random() = 1) before their last attempt.
    expect([...c.slept].sort((a, b) => a - b)).toEqual([1000, 1000, 1000, 1000, 2000, 2000, 2000, 2000, 4000, 4000, 4000, 4000])
  })
})
