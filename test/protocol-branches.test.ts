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

describe('what the end of a run reports', () => {
  const NOT_ATTEMPTED = 'The refresh was not attempted'

  it('errors that already say nothing was sent are not said twice', async () => {
    world.gh.secrets.delete('repo:octo/app:RT')
    expect(failure(await run({ refreshToken: FIRST })).message).not.toContain(NOT_ATTEMPTED)
    world.gh.seed('repo:octo/app:RT', FIRST)
    world.gh.setVariable('repo:octo/app:RT_STATE', encodeState({ current: undefined, spent: [{ id: tokenId(FIRST), at: 1, claim: false }], shared: [] }))
    expect(failure(await run()).message).not.toContain(NOT_ATTEMPTED)
    world.gh.variables.delete('repo:octo/app:RT_STATE')
    world.gh.setVariable(`repo:octo/app:${CLAIM}`, 'oauth-refresh-action:claim:v1 {"holder":"run 0","nonce":"n0","status":"uncertain"}')
    const unknown = failure(await run())
    expect(unknown.code).toBe('outcome_unknown')
    expect(unknown.message).not.toContain(NOT_ATTEMPTED)
  })

  it('an organization secret that does not exist is refused before anything is claimed', async () => {
    world.gh.org('octo')
    const r = await run({ target: { kind: 'organization', org: 'octo' } })
    expect(failure(r).code).toBe('secret_missing')
    expect(world.grant.presented).toBe(0)
    expect([...world.gh.variables.keys()].filter((k) => k.includes('_CLAIM_'))).toEqual([])
  })

  it('a lock that cannot be released is a warning; the run still succeeds', async () => {
    world.tokens.reply((req) => {
      world.gh.fail({ method: 'DELETE', path: '/variables/RT_LOCK', status: 502 })
      return world.grant.handler(req)
    })
    const r = await run()
    expect(r.outcome?.kind).toBe('refreshed')
    expect(r.warnings.some((w) => w.startsWith('The lock the repository variable RT_LOCK of octo/app could not be released: '))).toBe(true)
  })

  it('an old claim that cannot be pruned is a warning naming what it blocks', async () => {
    const old = '1111111111111111'
    world.gh.setVariable('repo:octo/app:RT_STATE', encodeState({ current: tokenId(FIRST), spent: [{ id: old, at: 1, claim: true }], shared: [] }))
    world.gh.setVariable(`repo:octo/app:RT_CLAIM_${old}`, 'oauth-refresh-action:claim:v1 {}')
    world.gh.fail({ method: 'DELETE', path: `/variables/RT_CLAIM_${old}`, status: 403, body: { message: 'Resource not accessible by integration' }, times: 10 })
    const r = await run()
    expect(r.outcome?.kind).toBe('refreshed')
    expect(r.warnings.some((w) => /^An old claim of the repository secret RT of octo\/app could not be deleted: .+ It blocks only a token spent long ago; delete it when convenient\.$/.test(w))).toBe(true)
  })

  it('a claim on a token the provider did not spend that cannot be deleted: a warning to delete it', async () => {
    world.tokens.reply({ body: { access_token: 'at-not-rotated-0123456789', token_type: 'Bearer', expires_in: 3600 } })
    world.gh.fail({ method: 'DELETE', path: `/variables/${CLAIM}`, status: 403, body: { message: 'Resource not accessible by integration' }, times: 10 })
    const r = await run()
    expect(r.outcome?.kind).toBe('refreshed')
    expect(r.warnings.some((w) => w.startsWith(`The repository variable ${CLAIM} of octo/app could not be deleted: `) && w.endsWith('delete it.'))).toBe(true)
    expect(r.cleanup.claim).toBeDefined()
  })

  it('an access token too large for a variable is not shared, and the run says so', async () => {
    world.tokens.reply({ body: { access_token: `at-${'x'.repeat(60_000)}`, token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt-second-0123456789abcdefghij' } })
    const r = await run()
    expect(r.outcome?.kind).toBe('refreshed')
    expect(r.warnings).toContain('The access token is too large to share through a GitHub variable (48 KB); other runs will refresh for themselves.')
    expect(secret()).toBe('rt-second-0123456789abcdefghij')
  })
})
