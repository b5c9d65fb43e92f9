/**
 * Issue 17, case by case: each sequence that used to end with the grant revoked, a dead token served
 * or a run that never ended, tried again in-process against the GitHub stand-in and a strict token
 * server (RFC 9700 §4.14.2 reuse detection). Every test ends by asserting the chain is alive or that
 * the documented policy held, and that no spent token reached the token endpoint twice.
 */
import { describe, expect, it } from 'vitest'
import { tokenId } from '../src/rotation/fingerprint.js'
import { openShared } from '../src/rotation/shared-token.js'
import { failure, FIRST, postStep, protocolWorld, REPO, SECRET_KEY, startRun } from './support/protocol.js'

const world = protocolWorld()
const { run, secret, variable } = world
const claimOf = (token: string) => variable(`RT_CLAIM_${tokenId(token)}`)
/** No refresh token reached the token endpoint twice, and the secret holds the one live token. */
function expectChainAlive(): void {
  expect(world.grant.revoked).toBe(false)
  expect(world.grant.presented).toBe(world.grant.refreshes)
  expect(secret()).toBe(world.grant.current)
}
const lockValue = (holder: string, nonce: string, ttlS: number) => `oauth-refresh-action:lock:v1 ${JSON.stringify({ holder, nonce, ttl_s: ttlS })}`

describe('1. GitHub fails during the store', () => {
  const failStore = () => {
    world.tokens.reply((req) => {
      world.gh.fail({ method: 'PUT', path: '/secrets/RT', status: 503, times: 4 }, { method: 'PATCH', path: 'RT_STATE', status: 503, times: 4 })
      return world.grant.handler(req)
    })
  }

  it('the run fails naming the claim; the spent token is never presented again, by a later run or by one that was waiting', async () => {
    await run()
    const spent = secret()
    failStore()
    const a = startRun(world.gh, world.clock, { refreshToken: spent, tokenUrl: `${world.tokens.url}/token`, share: false })
    while (world.grant.presented < 2) await new Promise((res) => setTimeout(res, 5))
    const waiting = startRun(world.gh, world.clock, { refreshToken: spent, tokenUrl: `${world.tokens.url}/token`, share: false })
    const failed = await a.ended
    expect(failure(failed).code).toBe('secret_not_stored')
    expect(failure(failed).message).toContain(`which the provider has spent; the repository variable RT_CLAIM_${tokenId(spent)} of octo/app keeps every run from presenting it again`)
    expect(failed.cleanup.rotated).toBe(world.grant.current)
    expect(failed.cleanup.lock).toBeDefined()
    world.tokens.reply(world.grant.handler)
    // The post step stores the new token (GitHub is back) and releases the lock.
    const post = await postStep(world.gh, world.clock, failed.cleanup)
    expect(post.warnings).toEqual([])
    expect(secret()).toBe(world.grant.current)
    const w = await waiting.ended
    expect(w.error ?? w.outcome?.kind).toBeDefined()
    if (w.error) expect(failure(w).code).toMatch(/^(stale_token|lock_timeout)$/)
    const late = await run({ refreshToken: spent, share: false })
    expect(failure(late).code).toBe('stale_token')
    expect(world.grant.presented).toBe(2)
    expectChainAlive()
    expect((await run()).outcome?.kind).toBe('refreshed')
    expectChainAlive()
  })

  it('when the post step cannot store either, a token stored by hand (the fallback step) is presented normally', async () => {
    await run({ share: false })
    const spent = secret()
    failStore()
    const failed = await run({ share: false })
    expect(failure(failed).code).toBe('secret_not_stored')
    world.tokens.reply(world.grant.handler)
    const rotated = failed.cleanup.rotated!
    world.gh.fail({ method: 'PUT', path: '/secrets/RT', status: 503, times: 4 })
    const post = await postStep(world.gh, world.clock, failed.cleanup)
    expect(post.warnings.join('\n')).toContain('Cleaning up after the main step')
    expect(variable('RT_LOCK')).toBeUndefined()
    expect(secret()).toBe(spent)
    expect(failure(await run({ share: false })).code).toBe('stale_token')
    world.gh.seed(SECRET_KEY, rotated)
    const next = await run({ share: false })
    expect(next.error).toBeUndefined()
    expectChainAlive()
  })
})

describe('2. Two waiters take over one expired lock', () => {
  it('both believe they hold it, only one presents the token; neither release deletes the other’s lock', async () => {
    world.gh.setVariable('repo:octo/app:RT_LOCK', lockValue('killed run', 'k1', 60))
    // One takeover's DELETE lands late, after the other run has created its lock.
    world.gh.fail({ method: 'DELETE', path: 'RT_LOCK', delayMs: 150, times: 1 })
    const [a, b] = await Promise.all([run({ name: 'run A' }), run({ name: 'run B' })])
    for (const r of [a, b]) expect(r.error).toBeUndefined()
    expect([a, b].map((r) => r.outcome?.kind).sort()).toEqual(['refreshed', 'shared'])
    expect(world.grant.presented).toBe(1)
    expectChainAlive()
    expect(variable('RT_LOCK')).toBeUndefined()
    expect([...a.warnings, ...b.warnings].filter((w) => w.includes('stayed unchanged for 60 s'))).toHaveLength(2)
  })

  it('release() deletes only a lock that carries this run’s value', async () => {
    const r = startRun(world.gh, world.clock, { refreshToken: secret(), tokenUrl: `${world.tokens.url}/token` })
    world.tokens.reply((req) => {
      // While the refresh is under way, another run's lock replaces this one's (a late takeover).
      world.gh.setVariable('repo:octo/app:RT_LOCK', lockValue('run C', 'c1', 60))
      return world.grant.handler(req)
    })
    const done = await r.ended
    expect(done.error).toBeUndefined()
    expect(variable('RT_LOCK')).toBe(lockValue('run C', 'c1', 60))
  })
})

describe('3. A read that lags a write', () => {
  it('a state read from before the last rotation does not let the spent token through: the claim stops it', async () => {
    await run({ share: false })
    const spent = FIRST
    world.gh.lag('RT_STATE', 30_000)
    await run({ share: false })
    const queued = await run({ refreshToken: spent, share: false })
    expect(failure(queued).code).toMatch(/^(stale_token|lock_timeout)$/)
    expect(world.grant.presented).toBe(2)
    expectChainAlive()
  })

  it('with sharing on, the queued run waits out the lag and takes the shared token', async () => {
    world.gh.lag('RT_STATE', 5000)
    await run()
    const queued = await run({ refreshToken: FIRST })
    expect(queued.outcome?.kind).toBe('shared')
    expect(world.grant.presented).toBe(1)
  })
})

describe('4. One token, two scopes', () => {
  it('a run whose secret-name scope holds no such secret stops before presenting, and leaves no claim', async () => {
    world.gh.secrets.delete(SECRET_KEY)
    world.gh.org('octo').seed('org:octo:RT', FIRST, { visibility: 'private' })
    const wrongScope = await run({ refreshToken: FIRST })
    expect(failure(wrongScope).code).toBe('secret_missing')
    expect(failure(wrongScope).message).toMatch(/^The repository secret RT of octo\/app does not exist: the repository octo\/app holds no secret by that name.*set 'secret-org'/)
    expect(world.grant.presented).toBe(0)
    expect([...world.gh.variables.keys()].filter((k) => k.includes('CLAIM'))).toEqual([])
    const right = await run({ refreshToken: FIRST, target: { kind: 'organization', org: 'octo' } })
    expect(right.error).toBeUndefined()
    expect(world.gh.secrets.get('org:octo:RT')!.value).toBe(world.grant.current)
  })
})

describe('5. Someone who can write variables but not secrets', () => {
  it('deleting the state while a queued run holds the previous token does not let that run present it', async () => {
    await run({ share: false })
    world.gh.variables.delete('repo:octo/app:RT_STATE')
    const queued = await run({ refreshToken: FIRST, share: false })
    expect(failure(queued).code).toMatch(/^(stale_token|lock_timeout)$/)
    expect(world.grant.presented).toBe(1)
    expectChainAlive()
  })

  it('a planted lock claiming four hours costs one wait of this run’s own lock lifetime, not four hours', async () => {
    world.gh.setVariable('repo:octo/app:RT_LOCK', lockValue('planted', 'p', 14_400))
    const start = world.clock.now
    const r = await run({ ttlMs: 60_000, lockWaitMs: 120_000 })
    expect(r.error).toBeUndefined()
    expect(world.clock.now - start).toBeGreaterThanOrEqual(60_000)
    expect(world.clock.now - start).toBeLessThan(70_000)
    expectChainAlive()
  })
})

describe('6. The shared token opens only for those who could read the refresh token', () => {
  it('is sealed under the new and the presented refresh token, not under anything a variables reader or the client secret holder has', async () => {
    await run()
    const state = JSON.parse(variable('RT_STATE')!.slice('oauth-refresh-action:state:v2 '.length)) as { shared: string[] }
    const ctx = { clientId: 'cid', target: REPO, secretName: 'RT' }
    const mask = () => undefined
    expect(openShared(state.shared, world.grant.current!, ctx, mask)?.tokens.accessToken).toMatch(/^at-1-/)
    expect(openShared(state.shared, FIRST, ctx, mask)?.tokens.accessToken).toMatch(/^at-1-/)
    expect(openShared(state.shared, 'cs', ctx, mask)).toBeUndefined()
    expect(openShared(state.shared, 'rt-some-other-token-0123456789', ctx, mask)).toBeUndefined()
    expect(openShared(state.shared, FIRST, { ...ctx, clientId: 'other' }, mask)).toBeUndefined()
  })
})

describe('7. Expiry that lies', () => {
  it('an expires_in that reads as milliseconds is never shared: the next run refreshes', async () => {
    world.grant.expiresIn = 1_799_999
    await run()
    expect(JSON.parse(variable('RT_STATE')!.slice('oauth-refresh-action:state:v2 '.length))).toMatchObject({ shared: [] })
    const next = await run({ refreshToken: FIRST })
    expect(failure(next).code).toBe('stale_token')
    expect((await run()).outcome?.kind).toBe('refreshed')
    expectChainAlive()
  })

  it('a refreshing runner whose world.clock is an hour fast does not make a correct runner take a dead token', async () => {
    await run({ clockSkewMs: 3_600_000 })
    world.clock.now += 31 * 60_000
    world.gh.advance(31 * 60_000)
    const later = await run({ minValidityMs: 0 })
    expect(later.outcome?.kind).toBe('refreshed')
    expectChainAlive()
  })

  it('a token still valid by GitHub’s world.clock is taken, whatever the runner’s world.clock says', async () => {
    await run({ clockSkewMs: -3_600_000 })
    world.clock.now += 10 * 60_000
    world.gh.advance(10 * 60_000)
    const later = await run({ refreshToken: FIRST, minValidityMs: 60_000, clockSkewMs: 3_600_000 })
    expect(later.outcome?.kind).toBe('shared')
    if (later.outcome?.kind === 'shared') expect(later.outcome.shared.expiresAt - (world.clock.now + 3_600_000)).toBeLessThanOrEqual(20 * 60_000 + 1000)
  })

  it('a token narrowed with scope serves only runs asking for that scope', async () => {
    await run({ scope: 'read' })
    const full = await run({ refreshToken: FIRST })
    expect(failure(full).code).toBe('stale_token')
    const same = await run({ refreshToken: FIRST, scope: 'read' })
    expect(same.outcome?.kind).toBe('shared')
  })
})

describe('8. Cancelled at the wrong moment', () => {
  it('killed after the lock was created but before its answer: the saved value lets the post step release it', async () => {
    world.gh.fail({ method: 'POST', path: '/variables', landed: true, hang: true })
    const r = startRun(world.gh, world.clock, { refreshToken: secret(), tokenUrl: `${world.tokens.url}/token` })
    while (variable('RT_LOCK') === undefined) await new Promise((res) => setTimeout(res, 5))
    r.kill()
    expect(r.cleanup().lock).toBe(variable('RT_LOCK'))
    const post = await postStep(world.gh, world.clock, r.cleanup())
    expect(post.info).toContain('Released the repository variable RT_LOCK of octo/app, which the main step left behind.')
    const next = await run({ lockWaitMs: 0 })
    expect(next.error).toBeUndefined()
    expectChainAlive()
  })

  it('killed while the refresh is in flight: the post step marks the claim uncertain and the next run does not present the token', async () => {
    let kill = () => undefined as void
    world.tokens.reply((req) => {
      kill()
      return world.grant.handler(req)
    })
    const r = startRun(world.gh, world.clock, { refreshToken: secret(), tokenUrl: `${world.tokens.url}/token` })
    kill = r.kill
    while (world.grant.presented === 0) await new Promise((res) => setTimeout(res, 5))
    expect(r.cleanup().claim).toMatchObject({ presented: true })
    expect(r.cleanup().claim?.outcome).toBeUndefined()
    const post = await postStep(world.gh, world.clock, r.cleanup())
    expect(post.warnings[0]).toMatch(/^The main step was stopped while its refresh request was in flight/)
    expect(claimOf(FIRST)).toContain('"status":"uncertain"')
    world.tokens.reply(world.grant.handler)
    const next = await run({ refreshToken: FIRST })
    expect(failure(next).code).toBe('outcome_unknown')
    expect(failure(next).message).toMatch(/^The refresh token given to this run was presented at \S+ by run [0-9a-f]{6}, which got no answer from the provider\./)
    expect(failure(next).message).toContain(`delete the repository variable RT_CLAIM_${tokenId(FIRST)} of octo/app and run again; otherwise authorize again`)
    expect(world.grant.presented).toBe(1)
  })

  it('killed with no post step (the runner died): the next run takes the lock over after watching it, and stops on the orphaned claim', async () => {
    let kill = () => undefined as void
    world.tokens.reply((req) => {
      kill()
      return world.grant.handler(req)
    })
    const r = startRun(world.gh, world.clock, { refreshToken: secret(), tokenUrl: `${world.tokens.url}/token` })
    kill = r.kill
    while (world.grant.presented === 0) await new Promise((res) => setTimeout(res, 5))
    world.tokens.reply(world.grant.handler)
    const next = await run({ refreshToken: FIRST })
    expect(failure(next).code).toBe('outcome_unknown')
    expect(failure(next).message).toContain('which was stopped before it said what came of it')
    expect(world.grant.presented).toBe(1)
  })

  it('within the provider’s reuse window, one later run presents the token once more, and the chain lives', async () => {
    world.grant.graceMs = 30 * 60_000
    let kill = () => undefined as void
    world.tokens.reply((req) => {
      kill()
      return world.grant.handler(req)
    })
    const r = startRun(world.gh, world.clock, { refreshToken: secret(), tokenUrl: `${world.tokens.url}/token`, reuseWindowMs: 30 * 60_000 })
    kill = r.kill
    while (world.grant.presented === 0) await new Promise((res) => setTimeout(res, 5))
    world.tokens.reply(world.grant.handler)
    await postStep(world.gh, world.clock, r.cleanup())
    const again = await run({ refreshToken: FIRST, reuseWindowMs: 30 * 60_000 })
    expect(again.error).toBeUndefined()
    expect(variable(`RT_CLAIM_${tokenId(FIRST)}_AGAIN`)).toBeDefined()
    expect(world.grant.presented).toBe(2)
    expect(world.grant.revoked).toBe(false)
    expect(secret()).toBe(world.grant.current)
    const third = await run({ refreshToken: FIRST, reuseWindowMs: 30 * 60_000, share: false })
    expect(failure(third).code).toMatch(/^(stale_token|outcome_unknown)$/)
    expect(world.grant.presented).toBe(2)
  })
})

describe('9. A wait that never ends', () => {
  it('a lock that keeps looking expired while every takeover loses: bounded by lock-timeout-seconds, a sleep in every round', async () => {
    world.gh.setVariable('repo:octo/app:RT_LOCK', lockValue('ghost', 'g', 1))
    world.gh.fail({ method: 'POST', path: '/variables', status: 409, body: { message: 'Already exists' }, times: 10_000 }, { method: 'DELETE', path: 'RT_LOCK', status: 204, times: 10_000 })
    const start = world.clock.now
    const r = await run({ lockWaitMs: 30_000 })
    expect(failure(r).code).toBe('lock_timeout')
    expect(world.clock.now - start).toBeGreaterThanOrEqual(30_000)
    expect(world.clock.slept.every((ms) => ms >= 50)).toBe(true)
    expect(world.gh.requests.length).toBeLessThan(200)
    expect(world.grant.presented).toBe(0)
  })
})
