/**
 * The branches of one rotation (src/rotation/rotate.ts) that the case-by-case tests do not take:
 * what each early failure leaves (the claim released, nothing presented), what the step saves for
 * its post step at the end, the warnings of a store that half worked, and a token the provider did
 * not rotate. In-process against the GitHub stand-in and a strict token server.
 */
import { describe, expect, it } from 'vitest'
import { tokenId } from '../src/rotation/fingerprint.js'
import { encodeState } from '../src/rotation/state.js'
import { failure, FIRST, protocolWorld } from './support/protocol.js'

const world = protocolWorld()
const { run, secret, variable } = world
const CLAIM = `RT_CLAIM_${tokenId(FIRST)}`
const statusOf = (name: string) => (JSON.parse(variable(name)!.slice('oauth-refresh-action:claim:v1 '.length)) as { status: string }).status

describe('a rotation that works', () => {
  it('says where it stored the token, and leaves nothing for the post step', async () => {
    const r = await run()
    expect(r.outcome?.kind).toBe('refreshed')
    expect(r.info).toContain('Stored the new refresh token in the repository secret RT of octo/app.')
    expect(r.warnings).toEqual([])
    expect(r.cleanup).toEqual({})
    expect(secret()).toBe(world.grant.current)
    expect(variable('RT_LOCK')).toBeUndefined()
    expect([...world.gh.secrets.keys()].filter((k) => k.includes('_PROBE_'))).toEqual([])
  })
})

describe('failures before the token is presented: nothing sent, the claim released', () => {
  it('the secret does not exist where secret-name says', async () => {
    world.gh.secrets.delete('repo:octo/app:RT')
    const r = await run({ refreshToken: FIRST })
    expect(failure(r).code).toBe('secret_missing')
    expect(world.grant.presented).toBe(0)
    expect(variable(CLAIM)).toBeUndefined()
    expect(variable('RT_LOCK')).toBeUndefined()
  })

  it('the token may not write secrets: the probe says so, and the refresh was not attempted', async () => {
    world.gh.fail({ method: 'PUT', path: '/secrets/RT_PROBE_', status: 403, body: { message: 'Resource not accessible by personal access token' }, times: 10 })
    const r = await run()
    expect(failure(r).message).toMatch(/^Writing the repository secret RT_PROBE_[0-9A-F]{8} of octo\/app \(a throw-away secret .+ The refresh was not attempted, so the refresh token was not used\.$/)
    expect(world.grant.presented).toBe(0)
    expect(variable(CLAIM)).toBeUndefined()
  })

  it('GitHub does not answer whether the secret exists: the message says what was being checked', async () => {
    world.gh.fail({ method: 'GET', path: '/secrets/RT', status: 500, hang: true, times: 10 })
    const r = await run({ timeoutMs: 200, maxAttempts: 1 })
    expect(failure(r).message).toMatch(/^Checking that the repository secret RT of octo\/app can be written failed: .+ The refresh was not attempted, so the refresh token was not used\.$/)
    expect(world.grant.presented).toBe(0)
  })

  it('a lock held too briefly to store what a refresh returns: stops before presenting', async () => {
    const r = await run({ ttlMs: 25_000 })
    expect(failure(r)).toMatchObject({ code: 'lock_timeout', message: "GitHub's answers took so long that this run's hold on the repository variable RT_LOCK of octo/app would end before a refresh could be stored. Nothing was refreshed, so the refresh token was not used. Run again." })
    expect(world.grant.presented).toBe(0)
    expect(variable(CLAIM)).toBeUndefined()
  })

  it('a token the state records as spent is not presented; with the guard off, a claimed one is, with a warning', async () => {
    world.gh.setVariable('repo:octo/app:RT_STATE', encodeState({ current: undefined, spent: [{ id: tokenId(FIRST), at: 1, claim: false }], shared: [] }))
    expect(failure(await run()).code).toBe('stale_token')
    world.gh.variables.delete('repo:octo/app:RT_STATE')
    world.gh.setVariable(`repo:octo/app:${CLAIM}`, 'oauth-refresh-action:claim:v1 {"holder":"run 0","nonce":"n0","status":"presenting"}')
    const r = await run({ guard: false })
    expect(r.outcome?.kind).toBe('refreshed')
    expect(r.warnings).toContain(`The repository variable ${CLAIM} of octo/app says another run presented this refresh token; 'stale-token-guard: false' presents it again all the same.`)
  })
})

describe('a store that half worked', () => {
  it('the state could not be written: a warning, and the claim records the token as spent', async () => {
    world.tokens.reply((req) => {
      world.gh.fail({ method: 'POST', path: '/variables', status: 403, body: { message: 'Resource not accessible by integration' }, times: 10 })
      return world.grant.handler(req)
    })
    const r = await run()
    expect(r.outcome?.kind).toBe('refreshed')
    expect(secret()).toBe(world.grant.current)
    expect(r.warnings.some((w) => w.startsWith('The new refresh token is stored in the repository secret RT of octo/app, but the rotation state'))).toBe(true)
    expect(statusOf(CLAIM)).toBe('spent')
  })

  it('the secret could not be written: the lock is kept for the post step, with the token, and the claim says spent', async () => {
    world.tokens.reply((req) => {
      world.gh.fail({ method: 'PUT', path: '/secrets/RT', status: 403, body: { message: 'Resource not accessible by integration' }, times: 10 })
      return world.grant.handler(req)
    })
    const r = await run()
    expect(failure(r).code).toBe('secret_not_stored')
    expect(r.info).toContain('Kept the repository variable RT_LOCK of octo/app for the post step, which tries once more to store the new refresh token.')
    expect(variable('RT_LOCK')).toBeDefined()
    expect(r.cleanup.rotated).toBe(world.grant.current)
    expect(r.cleanup.lock).toBe(variable('RT_LOCK'))
    expect(statusOf(CLAIM)).toBe('spent')
  })

  it('the probe could not be deleted: a warning, and its name stays for the post step', async () => {
    world.gh.fail({ method: 'DELETE', path: '/secrets/RT_PROBE_', status: 403, body: { message: 'Resource not accessible by integration' }, times: 10 })
    const r = await run()
    expect(r.outcome?.kind).toBe('refreshed')
    expect(r.warnings.some((w) => /^The write probe could not be deleted: .+ The post step tries again\.$/.test(w))).toBe(true)
    expect(r.cleanup.probe).toMatch(/^RT_PROBE_[0-9A-F]{8}$/)
  })
})

describe('a token the provider did not rotate', () => {
  it('is not written back; the state is not rewritten when it already names it; the claim goes', async () => {
    world.gh.setVariable('repo:octo/app:RT_STATE', encodeState({ current: tokenId(FIRST), spent: [], shared: [] }))
    world.tokens.reply({ body: { access_token: 'at-not-rotated-0123456789', token_type: 'Bearer' } })
    const before = world.gh.variables.get('repo:octo/app:RT_STATE')
    const r = await run()
    expect(r.outcome?.kind).toBe('refreshed')
    expect(secret()).toBe(FIRST)
    expect(world.gh.secrets.get('repo:octo/app:RT')?.updates).toBe(0)
    expect(world.gh.variables.get('repo:octo/app:RT_STATE')).toBe(before)
    expect(variable(CLAIM)).toBeUndefined()
    expect(r.info.some((l) => l.startsWith('Stored'))).toBe(false)
  })

  it('with a lifetime to share: the state records the shared token, and the claim goes after', async () => {
    world.tokens.reply({ body: { access_token: 'at-not-rotated-0123456789', token_type: 'Bearer', expires_in: 3600 } })
    const r = await run()
    expect(r.outcome?.kind).toBe('refreshed')
    expect(secret()).toBe(FIRST)
    expect(variable('RT_STATE')).toContain('"current":"' + tokenId(FIRST) + '"')
    expect(variable(CLAIM)).toBeUndefined()
  })
})
