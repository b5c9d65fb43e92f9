/**
 * The post step's part of the protocol (src/rotation/leftovers.ts), from what a killed main step
 * saved, against the GitHub stand-in: it stores a rotated token and releases the lock only while the
 * lock is still that step's and young; it settles only that step's own claim, by how far the step
 * got; it deletes only that step's probe; and one part failing does not stop the others.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Api } from '../src/github/api.js'
import { Claim } from '../src/rotation/claims.js'
import type { Cleanup } from '../src/rotation/cleanup.js'
import { tokenId } from '../src/rotation/fingerprint.js'
import { finishLeftovers } from '../src/rotation/leftovers.js'
import { decodeState } from '../src/rotation/state.js'
import { GitHubApi } from './support/github-api.js'
import { standInApi } from './support/stand-in-api.js'

const PAT = 'github_pat_leftovers_0123456789'
const t = { kind: 'repository', repository: 'octo/app' } as const
const OLD = 'rt-old-0123456789abcdefghij'
const NEW = 'rt-new-0123456789abcdefghij'
const A = tokenId(OLD)
const SECRET = 'repo:octo/app:RT'
const LOCK_KEY = 'repo:octo/app:RT_LOCK'
const CLAIM_KEY = `repo:octo/app:RT_CLAIM_${A}`
const LOCK = 'oauth-refresh-action:lock:v1 {"holder":"run 1","nonce":"n1","ttl_s":60}'

let gh: GitHubApi
let api: Api
beforeAll(async () => {
  gh = await GitHubApi.start()
  api = standInApi(gh, PAT)
})
afterAll(async () => gh.close())
beforeEach(() => void gh.reset().token(PAT, 'secrets', 'variables').repo('octo/app').seed(SECRET, OLD))

const claimValue = (nonce = 'n1', status = 'presenting') => new Claim(api, t, 'RT', A, { holder: 'run 1', nonce, ttlMs: 60_000 }).value(status as 'presenting')
const statusOf = () => (JSON.parse(gh.variables.get(CLAIM_KEY)!.slice('oauth-refresh-action:claim:v1 '.length)) as { status: string }).status
async function post(left: Cleanup) {
  const info: string[] = []
  const warnings: string[] = []
  await finishLeftovers(api, t, 'RT', left, { info: (l) => void info.push(l), warning: (l) => void warnings.push(l) })
  return { info, warnings }
}

describe('a rotated token the main step could not store', () => {
  it('is stored, recorded and the lock released while the lock is still the step’s and young', async () => {
    gh.setVariable(LOCK_KEY, LOCK, 5_000).setVariable(CLAIM_KEY, claimValue())
    const { info, warnings } = await post({ lock: LOCK, rotated: NEW, claim: { name: `RT_CLAIM_${A}`, value: claimValue(), presented: true, outcome: 'spent' } })
    expect(warnings).toEqual([])
    expect(gh.secrets.get(SECRET)?.value).toBe(NEW)
    const state = decodeState(gh.variables.get('repo:octo/app:RT_STATE')!, 'state')
    expect(state.current).toBe(tokenId(NEW))
    expect(state.spent.map((e) => [e.id, e.claim])).toEqual([[A, true]])
    expect(gh.variables.has(LOCK_KEY)).toBe(false)
    expect(statusOf()).toBe('spent')
    expect(info).toEqual([
      'Stored in the repository secret RT of octo/app the refresh token the provider rotated before the main step stopped.',
      'Released the repository variable RT_LOCK of octo/app, which the main step left behind.'
    ])
  })

  it('is not written when the lock is another run’s, or too old to be sure: a warning says where the token is', async () => {
    const warning = "The main step was stopped after the provider rotated the refresh token and before it was stored, and the repository variable RT_LOCK of octo/app is no longer this job's, so the post step did not write the token (it could be older than one another run stored). It is in the main step's masked 'refresh-token' output; if the next run fails with invalid_grant, authorize again."
    const other = 'oauth-refresh-action:lock:v1 {"holder":"run 2","nonce":"n2","ttl_s":60}'
    for (const [value, agoMs] of [[other, 0], [LOCK, 55_000]] as const) {
      gh.setVariable(LOCK_KEY, value, agoMs)
      const { info, warnings } = await post({ lock: LOCK, rotated: NEW })
      expect(warnings).toEqual([warning])
      expect(info).toEqual([])
      expect(gh.secrets.get(SECRET)).toEqual({ value: OLD, updates: 0 })
      expect(gh.variables.get(LOCK_KEY)).toBe(value)
    }
    gh.variables.delete(LOCK_KEY)
    expect((await post({ rotated: NEW })).warnings).toEqual([warning])
  })

  it('a state that cannot be written is a warning; the token is stored all the same', async () => {
    gh.setVariable(LOCK_KEY, LOCK)
    gh.fail({ method: 'POST', path: '/variables', status: 403, body: { message: 'Resource not accessible by integration' }, times: 10 })
    const { warnings } = await post({ lock: LOCK, rotated: NEW })
    expect(gh.secrets.get(SECRET)?.value).toBe(NEW)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^The new refresh token is stored in the repository secret RT of octo\/app, but the rotation state /)
  })
})

describe("the main step's claim", () => {
  const left = (over: Partial<NonNullable<Cleanup['claim']>> = {}): Cleanup => ({ claim: { name: `RT_CLAIM_${A}`, value: claimValue(), presented: true, ...over } })

  it('deleted when the token was never sent, or the provider did not spend it', async () => {
    gh.setVariable(CLAIM_KEY, claimValue())
    expect((await post(left({ presented: false }))).info).toEqual([`Deleted the repository variable RT_CLAIM_${A} of octo/app: the main step stopped before it presented the refresh token, so the next run may present it.`])
    expect(gh.variables.has(CLAIM_KEY)).toBe(false)
    gh.setVariable(CLAIM_KEY, claimValue())
    expect((await post(left({ outcome: 'unspent' }))).info).toEqual([`Deleted the repository variable RT_CLAIM_${A} of octo/app: the main step stopped after the provider answered without spending the refresh token, so the next run may present it.`])
    expect(gh.variables.has(CLAIM_KEY)).toBe(false)
  })

  it('marked uncertain, loudly, when the step was stopped with the refresh in flight', async () => {
    gh.setVariable(CLAIM_KEY, claimValue())
    const { warnings } = await post(left())
    expect(statusOf()).toBe('uncertain')
    expect(warnings).toEqual([`The main step was stopped while its refresh request was in flight: the provider may have rotated the refresh token, and this job never saw the answer. The repository variable RT_CLAIM_${A} of octo/app now records that; no run will present this token again (RFC 9700 §4.14.2: a spent token presented again can revoke the whole grant), except once within a reuse window the provider documents. If the provider shows no refresh at this time, delete that variable and run again; otherwise authorize again.`])
  })

  it('left as it is once it records an outcome', async () => {
    for (const status of ['uncertain', 'spent']) {
      gh.setVariable(CLAIM_KEY, claimValue('n1', status))
      const { info, warnings } = await post(left())
      expect([info, warnings]).toEqual([[], []])
      expect(statusOf()).toBe(status)
      expect((await post(left({ outcome: 'spent' }))).warnings).toEqual([])
      expect(statusOf()).toBe(status)
    }
    expect(gh.writes).toEqual([])
  })

  it('marked spent when the provider rotated the token and the step could not record it', async () => {
    gh.setVariable(CLAIM_KEY, claimValue())
    expect(await post(left({ outcome: 'spent' }))).toEqual({ info: [], warnings: [] })
    expect(statusOf()).toBe('spent')
  })

  it("never touches another run's claim, or one that is gone", async () => {
    gh.setVariable(CLAIM_KEY, claimValue('n2'))
    await post(left({ presented: false }))
    await post(left())
    expect(gh.variables.get(CLAIM_KEY)).toBe(claimValue('n2'))
    gh.setVariable(CLAIM_KEY, 'oauth-refresh-action:claim:v1 {"status":"presenting"}')
    await post(left({ presented: false }))
    expect(gh.variables.has(CLAIM_KEY)).toBe(true)
    gh.variables.delete(CLAIM_KEY)
    expect(await post(left())).toEqual({ info: [], warnings: [] })
    expect(gh.writes).toEqual([])
  })
})

describe('the probe, and failures', () => {
  it('deletes only a probe of this secret, by the name the main step saved', async () => {
    for (const name of ['RT_PROBE_0A1B2C3D', 'OTHER_PROBE_0A1B2C3D', 'RT_PROBE_0a1b2c3d', 'RT_PROBE_0A1B2C3D9', 'RT']) gh.seed(`repo:octo/app:${name}`, 'x')
    for (const probe of ['OTHER_PROBE_0A1B2C3D', 'RT_PROBE_0a1b2c3d', 'RT_PROBE_0A1B2C3D9', 'RT']) await post({ probe })
    expect(gh.writes).toEqual([])
    await post({ probe: 'RT_PROBE_0A1B2C3D' })
    expect(gh.secrets.has('repo:octo/app:RT_PROBE_0A1B2C3D')).toBe(false)
    expect(gh.secrets.has('repo:octo/app:OTHER_PROBE_0A1B2C3D')).toBe(true)
  })

  it('one part failing is a warning, and the others still run', async () => {
    gh.setVariable(LOCK_KEY, LOCK).setVariable(CLAIM_KEY, claimValue()).seed('repo:octo/app:RT_PROBE_0A1B2C3D', 'x')
    gh.fail({ method: 'PATCH', status: 403, body: { message: 'Resource not accessible by integration' }, times: 10 })
    const { info, warnings } = await post({ lock: LOCK, probe: 'RT_PROBE_0A1B2C3D', claim: { name: `RT_CLAIM_${A}`, value: claimValue(), presented: true } })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^Cleaning up after the main step: Updating the repository variable RT_CLAIM_/)
    expect(info).toEqual(['Released the repository variable RT_LOCK of octo/app, which the main step left behind.'])
    expect(gh.variables.has(LOCK_KEY)).toBe(false)
    expect(gh.secrets.has('repo:octo/app:RT_PROBE_0A1B2C3D')).toBe(false)
  })
})
