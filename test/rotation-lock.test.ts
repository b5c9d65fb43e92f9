/**
 * The lock variable (src/rotation/lock.ts) on its own, against the GitHub stand-in: what a lock's
 * value says and how a waiter reads what another run wrote, a create or a delete that fails, and
 * whether the post step may still act as the holder of a lock its killed main step left. The waits
 * are in test/lock.test.ts, the protocol in test/protocol*.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ActionError } from '../src/errors.js'
import type { Api } from '../src/github/api.js'
import { CrossRunLock, deleteLock, leftLockStillHeld, MAX_TTL_MS } from '../src/rotation/lock.js'
import { GitHubApi } from './support/github-api.js'
import { standInApi } from './support/stand-in-api.js'

const PAT = 'github_pat_lockunit_0123456789'
const LOCK = 'repo:octo/app:RT_LOCK'
const MARK = 'oauth-refresh-action:lock:v1 '
const t = { kind: 'repository', repository: 'octo/app' } as const

let gh: GitHubApi
beforeAll(async () => void (gh = await GitHubApi.start()))
afterAll(async () => gh.close())
beforeEach(() => void gh.reset().token(PAT, 'secrets', 'variables').repo('octo/app'))

/** An API client whose clock is this runner's, off by `skewMs` from the stand-in's. */
function api(skewMs = 0): Api {
  return standInApi(gh, PAT, () => Date.now() + skewMs)
}
const lock = (ttlMs = 60_000, a = api()) => new CrossRunLock(a, t, 'RT', { holder: 'this run', nonce: 'n0', ttlMs })
const deletes = () => gh.requests.filter((q) => q.method === 'DELETE').length

describe("a lock's value", () => {
  it('states the holder, the nonce and the lifetime in whole seconds, rounded up', () => {
    expect(lock(1_500).value()).toBe(`${MARK}{"holder":"this run","nonce":"n0","ttl_s":2}`)
    expect(lock(60_000).value()).toBe(`${MARK}{"holder":"this run","nonce":"n0","ttl_s":60}`)
  })

  it.each([
    ['a readable claim', { holder: 'run 7', nonce: 'abc', ttl_s: 30 }, { holder: 'run 7', nonce: 'abc', ttlMs: 30_000 }],
    ['a lifetime over four hours, capped', { holder: 'h', nonce: 'n', ttl_s: 1e9 }, { holder: 'h', nonce: 'n', ttlMs: MAX_TTL_MS }],
    ['a lifetime of 0: the own one', { holder: 'h', nonce: 'n', ttl_s: 0 }, { holder: 'h', nonce: 'n', ttlMs: 45_000 }],
    ['a negative lifetime: the own one', { ttl_s: -5 }, { holder: undefined, nonce: undefined, ttlMs: 45_000 }],
    ['a lifetime as text: the own one', { ttl_s: '30' }, { holder: undefined, nonce: undefined, ttlMs: 45_000 }],
    ['a holder and nonce that are not text', { holder: 5, nonce: ['x'], ttl_s: 10 }, { holder: undefined, nonce: undefined, ttlMs: 10_000 }],
    ['JSON null', null, { holder: undefined, nonce: undefined, ttlMs: 45_000 }],
    ['a JSON number', 12, { holder: undefined, nonce: undefined, ttlMs: 45_000 }]
  ])("another run's lock with %s is read as held, for the lifetime it states", async (_, claim, seen) => {
    const value = MARK + JSON.stringify(claim)
    gh.setVariable(LOCK, value)
    expect(await lock(45_000).tryAcquire()).toEqual({ value, ...seen })
  })

  it('a lock whose value is not JSON is held for the waiter’s own lifetime', async () => {
    gh.setVariable(LOCK, `${MARK}{broken`)
    expect(await lock(45_000).tryAcquire()).toEqual({ value: `${MARK}{broken`, holder: undefined, nonce: undefined, ttlMs: 45_000 })
  })

  it('a variable of that name the action did not write is never taken for a lock, nor overwritten', async () => {
    gh.setVariable(LOCK, 'deploy-freeze')
    const e = await lock().tryAcquire().then(() => undefined, (x: unknown) => x)
    expect(e).toBeInstanceOf(ActionError)
    expect(e).toMatchObject({ code: 'foreign_variable' })
    expect((e as ActionError).message).toMatch(/^The repository variable RT_LOCK of octo\/app exists but was not written by this action \(its value does not start with 'oauth-refresh-action:lock:v1'; it starts 'deploy-freeze'\)\./)
    expect(gh.variables.get(LOCK)).toBe('deploy-freeze')
  })
})

describe('taking, taking over and giving back', () => {
  it('a create that keeps failing is an error, not a lock: neither when the lock is free nor when another run holds it', async () => {
    gh.fail({ method: 'POST', path: '/variables', status: 503, times: 10 })
    const l = lock()
    await expect(l.tryAcquire()).rejects.toMatchObject({ code: 'github_api' })
    expect(l.held).toBe(false)
    gh.clearFaults().setVariable(LOCK, `${MARK}{"holder":"other","nonce":"o","ttl_s":60}`)
    gh.fail({ method: 'POST', path: '/variables', status: 503, times: 10 })
    await expect(l.tryAcquire()).rejects.toMatchObject({ code: 'github_api' })
    expect(l.held).toBe(false)
  })

  it('the deadline counts from before the create was sent', async () => {
    const l = lock(30_000)
    const before = Date.now()
    expect(await l.tryAcquire()).toBe(true)
    expect(l.deadline).toBeGreaterThanOrEqual(before + 30_000)
    expect(l.deadline).toBeLessThanOrEqual(Date.now() + 30_000)
  })

  it('takeOver: one DELETE, never repeated, then the create; false when another run created it first', async () => {
    gh.setVariable(LOCK, `${MARK}{"holder":"dead run","ttl_s":60}`)
    gh.fail({ method: 'DELETE', status: 502 })
    const l = lock()
    await expect(l.takeOver()).rejects.toMatchObject({ code: 'github_api' })
    expect(deletes()).toBe(1)
    expect(l.held).toBe(false)
    // Another waiter's create lands between this run's DELETE and its POST: the POST meets 409.
    gh.fail({ method: 'POST', path: '/variables', status: 409, body: { message: 'Already exists' } })
    const racing = lock()
    expect(await racing.takeOver()).toBe(false)
    expect(racing.held).toBe(false)
    gh.variables.delete(LOCK)
    expect(await lock().takeOver()).toBe(true)
  })

  it('a release that fails is a warning naming how long others wait, in whole seconds', async () => {
    const l = lock(12_500)
    expect(await l.tryAcquire()).toBe(true)
    gh.fail({ method: 'DELETE', status: 502 })
    expect(await l.release()).toBe(`The lock the repository variable RT_LOCK of octo/app could not be released: Deleting the repository variable RT_LOCK of octo/app failed: HTTP 502. GitHub failed on its side (5xx answers are retried up to 4 times); run again later. Another run takes it over after watching it for 13 s; delete it to let other runs go on sooner.`)
    expect(l.held).toBe(false)
    expect(await l.release()).toBeUndefined()
  })

  it('deleteLock (the post step): one DELETE, never repeated', async () => {
    gh.setVariable(LOCK, `${MARK}{}`)
    gh.fail({ method: 'DELETE', status: 502 })
    await expect(deleteLock(api(), t, 'RT')).rejects.toMatchObject({ code: 'github_api' })
    expect(deletes()).toBe(1)
    expect(gh.variables.has(LOCK)).toBe(true)
  })
})

describe('leftLockStillHeld: may the post step still act as the holder?', () => {
  const ours = `${MARK}{"holder":"this run","nonce":"n0","ttl_s":60}`

  it('yes while the lock carries its value and is young enough by GitHub’s clock', async () => {
    gh.setVariable(LOCK, ours, 5_000)
    expect(await leftLockStillHeld(api(), t, 'RT', ours)).toBe(true)
    gh.setVariable(LOCK, ours, 45_000)
    expect(await leftLockStillHeld(api(), t, 'RT', ours)).toBe(true)
  })

  it('no within ten seconds of its end, or after it (a waiter may be taking it over)', async () => {
    gh.setVariable(LOCK, ours, 53_000)
    expect(await leftLockStillHeld(api(), t, 'RT', ours)).toBe(false)
    gh.setVariable(LOCK, ours, 120_000)
    expect(await leftLockStillHeld(api(), t, 'RT', ours)).toBe(false)
  })

  it("judged by GitHub's clock, not by a runner's clock that is off", async () => {
    gh.setVariable(LOCK, ours, 5_000)
    expect(await leftLockStillHeld(api(3_600_000), t, 'RT', ours)).toBe(true)
    gh.setVariable(LOCK, ours, 53_000)
    expect(await leftLockStillHeld(api(-3_600_000), t, 'RT', ours)).toBe(false)
  })

  it('no when the lock is gone, carries another value, or the saved value is not a lock', async () => {
    expect(await leftLockStillHeld(api(), t, 'RT', ours)).toBe(false)
    gh.setVariable(LOCK, `${MARK}{"holder":"other","ttl_s":60}`)
    expect(await leftLockStillHeld(api(), t, 'RT', ours)).toBe(false)
    gh.setVariable(LOCK, '{"ttl_s":60}')
    expect(await leftLockStillHeld(api(), t, 'RT', '{"ttl_s":60}')).toBe(false)
  })
})
