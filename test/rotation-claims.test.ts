/**
 * The claim variable (src/rotation/claims.ts), the barrier that keeps a refresh token from being
 * presented twice, on its own against the GitHub stand-in: one create wins; a create whose answer
 * was lost is this run's own claim only when the read-back carries its nonce; another run's claim
 * is read as it stands, however malformed, and never taken for this run's; only the creator marks
 * or deletes it; and the times it records are GitHub's. The protocol is in test/protocol*.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Api } from '../src/github/api.js'
import { Claim, claimVariable, nonceOf, pruneClaim, readClaimVariable, withStatus } from '../src/rotation/claims.js'
import { GitHubApi } from './support/github-api.js'
import { standInApi } from './support/stand-in-api.js'

const PAT = 'github_pat_claims_0123456789'
const ID = '0123456789ABCDEF'
const KEY = `repo:octo/app:RT_CLAIM_${ID}`
const MARK = 'oauth-refresh-action:claim:v1 '
const t = { kind: 'repository', repository: 'octo/app' } as const
const by = { holder: 'run 1', nonce: 'nonce-1', ttlMs: 59_500 }

let gh: GitHubApi
let local = 0
let api: Api
beforeAll(async () => {
  gh = await GitHubApi.start()
  api = standInApi(gh, PAT, () => local)
})
afterAll(async () => gh.close())
beforeEach(() => {
  gh.reset().token(PAT, 'secrets', 'variables').repo('octo/app')
  // This runner's clock is an hour behind GitHub's.
  local = gh.now() - 3600_000
})

const claim = (who = by, again = false) => new Claim(api, t, 'RT', ID, who, again)

describe('creating the claim', () => {
  it('names the variable after the token id, and says who presents it, for how long, and how it went', () => {
    expect(claimVariable('RT', ID)).toBe(`RT_CLAIM_${ID}`)
    expect(claimVariable('RT', ID, true)).toBe(`RT_CLAIM_${ID}_AGAIN`)
    expect(claim().value()).toBe(`${MARK}{"holder":"run 1","nonce":"nonce-1","ttl_s":60,"status":"presenting"}`)
    expect(claim().value('spent')).toBe(`${MARK}{"holder":"run 1","nonce":"nonce-1","ttl_s":60,"status":"spent"}`)
    expect(claim().where).toBe(`the repository variable RT_CLAIM_${ID} of octo/app`)
  })

  it('one create wins; the other run reads the claim that stands and does not own it', async () => {
    const mine = claim()
    expect(await mine.create()).toBe(true)
    expect(mine.owned).toBe(true)
    const theirs = claim({ holder: 'run 2', nonce: 'nonce-2', ttlMs: 30_000 })
    const seen = await theirs.create()
    expect(seen).toMatchObject({ holder: 'run 1', nonce: 'nonce-1', status: 'presenting', ttlMs: 60_000, value: mine.value() })
    expect(theirs.owned).toBe(false)
    // Not the owner: marks and deletes nothing.
    await theirs.mark('spent')
    await theirs.release()
    expect(gh.variables.get(KEY)).toBe(mine.value())
    expect(gh.writes.filter((w) => w.method !== 'POST')).toEqual([])
  })

  it('records when it was claimed by GitHub’s clock, and moves it on by this runner’s', async () => {
    const c = claim()
    expect(await c.create()).toBe(true)
    const server = gh.now()
    expect(Math.abs(c.claimedAtS - Math.floor(server / 1000))).toBeLessThanOrEqual(1)
    expect(c.githubTime(local + 5000) - c.githubTime(local)).toBe(5000)
    expect(Math.abs(c.githubTime(local) - server)).toBeLessThanOrEqual(1000)
    // A claim never created: its times are this runner's own.
    const never = claim()
    expect(never.githubTime(1234)).toBe(1234)
    expect(never.claimedAtS).toBe(Math.floor(local / 1000))
  })

  it('a create whose answer was lost, repeated into 409, is this run’s own when the read-back carries its nonce', async () => {
    gh.fail({ method: 'POST', path: '/variables', status: 502, landed: true })
    const c = claim()
    expect(await c.create()).toBe(true)
    expect(c.owned).toBe(true)
    expect(Math.abs(c.githubTime(local) - gh.now())).toBeLessThanOrEqual(1000)
    await c.mark('uncertain')
    expect(gh.variables.get(KEY)).toBe(c.value('uncertain'))
    await c.release()
    expect(gh.variables.has(KEY)).toBe(false)
  })

  it('a create that fails with the claim absent or another run’s is an error, and owns nothing', async () => {
    gh.fail({ method: 'POST', path: '/variables', status: 503, times: 10 })
    const c = claim()
    await expect(c.create()).rejects.toMatchObject({ code: 'github_api' })
    expect(c.owned).toBe(false)
    gh.clearFaults().setVariable(KEY, `${MARK}{"holder":"run 2","nonce":"nonce-2"}`)
    gh.fail({ method: 'POST', path: '/variables', status: 503, times: 10 })
    await expect(c.create()).rejects.toMatchObject({ code: 'github_api' })
    expect(c.owned).toBe(false)
  })

  it('a 409 whose claim cannot be read yet (a lagging read) is someone else’s: nothing is known of it', async () => {
    gh.fail({ method: 'POST', path: '/variables', status: 409, body: { message: 'Already exists' } })
    const c = claim()
    expect(await c.create()).toEqual({ value: undefined, holder: undefined, nonce: undefined, status: undefined, ttlMs: undefined, createdAt: undefined, serverNow: undefined })
    expect(c.owned).toBe(false)
  })
})

describe('reading a claim', () => {
  const read = async (value: string) => {
    gh.setVariable(KEY, value, 2000)
    return readClaimVariable(api, t, `RT_CLAIM_${ID}`)
  }

  it('none: undefined', async () => {
    expect(await readClaimVariable(api, t, `RT_CLAIM_${ID}`)).toBeUndefined()
  })

  it('what it states, with GitHub’s times', async () => {
    const seen = await read(`${MARK}{"holder":"h","nonce":"n","ttl_s":30,"status":"uncertain"}`)
    expect(seen).toMatchObject({ holder: 'h', nonce: 'n', ttlMs: 30_000, status: 'uncertain' })
    expect(gh.now() - seen!.createdAt!).toBeGreaterThanOrEqual(1000)
    expect(seen!.serverNow).toBeGreaterThan(seen!.createdAt! - 1000)
    for (const status of ['presenting', 'spent'] as const) expect((await read(`${MARK}{"status":"${status}"}`))?.status).toBe(status)
  })

  it.each([
    ['not JSON', '{'],
    ['JSON null', 'null'],
    ['a status it does not know', '{"status":"done","ttl_s":-1}'],
    ['fields of the wrong types', '{"holder":1,"nonce":2,"ttl_s":"30","status":3}'],
    ['a lifetime of 0', '{"ttl_s":0}']
  ])('%s: a claim all the same, of an unknown run with an unknown outcome', async (_, rest) => {
    const seen = await read(MARK + rest)
    expect(seen).toMatchObject({ value: MARK + rest, holder: undefined, nonce: undefined, status: undefined, ttlMs: undefined })
  })

  it('a variable of that name the action did not write is refused, never taken for a claim', async () => {
    gh.setVariable(KEY, 'hello')
    await expect(readClaimVariable(api, t, `RT_CLAIM_${ID}`)).rejects.toMatchObject({
      code: 'foreign_variable',
      message: `The repository variable RT_CLAIM_${ID} of octo/app exists but was not written by this action (it starts 'hello'). The action uses that name to mark a refresh token as presented and never overwrites a variable it did not write: rename that variable, or choose another 'secret-name'. Nothing was refreshed.`
    })
    const c = claim()
    await expect(c.create()).rejects.toMatchObject({ code: 'foreign_variable' })
    expect(gh.variables.get(KEY)).toBe('hello')
  })
})

describe('helpers of the post step and the pruning', () => {
  it('nonceOf and withStatus', () => {
    const v = claim().value()
    expect(nonceOf(v)).toBe('nonce-1')
    expect(nonceOf(`${MARK}{"nonce":5}`)).toBeUndefined()
    expect(nonceOf(`${MARK}{`)).toBeUndefined()
    expect(withStatus(v, 'spent')).toBe(claim().value('spent'))
  })

  it('pruneClaim deletes the claim, and its _AGAIN claim only when told', async () => {
    gh.setVariable(KEY, `${MARK}{}`).setVariable(`${KEY}_AGAIN`, `${MARK}{}`)
    await pruneClaim(api, t, 'RT', ID)
    expect([gh.variables.has(KEY), gh.variables.has(`${KEY}_AGAIN`)]).toEqual([false, true])
    gh.setVariable(KEY, `${MARK}{}`)
    await pruneClaim(api, t, 'RT', ID, true)
    expect([gh.variables.has(KEY), gh.variables.has(`${KEY}_AGAIN`)]).toEqual([false, false])
  })
})
