/**
 * Storing a rotation (src/rotation/store.ts) against the GitHub stand-in, which opens every sealed
 * secret: the write probe, then the secret and the state written together, and what each failure
 * leaves. A failed secret write is an error that says where the new token is; a failed state write
 * is a warning (the claim alone keeps the spent token blocked); the result says what was done.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ActionError } from '../src/errors.js'
import type { Api } from '../src/github/api.js'
import { readPublicKey, type PublicKey } from '../src/github/secrets.js'
import { decodeState, EMPTY_STATE, CLAIM_KEEP_S } from '../src/rotation/state.js'
import { proveWritable, storeRotation, type Rotation } from '../src/rotation/store.js'
import { GitHubApi } from './support/github-api.js'
import { standInApi } from './support/stand-in-api.js'

const PAT = 'github_pat_store_0123456789'
const t = { kind: 'repository', repository: 'octo/app' } as const
const SECRET = 'repo:octo/app:RT'
const STATE = 'repo:octo/app:RT_STATE'
const A = '0123456789ABCDEF'
const B = 'FEDCBA9876543210'
const OLD = 'rt-old-0123456789abcdefghij'
const NEW = 'rt-new-0123456789abcdefghij'

let gh: GitHubApi
let api: Api
let key: PublicKey
beforeAll(async () => {
  gh = await GitHubApi.start()
  api = standInApi(gh, PAT)
})
afterAll(async () => gh.close())
beforeEach(async () => {
  gh.reset().token(PAT, 'secrets', 'variables').repo('octo/app').seed(SECRET, OLD)
  key = await readPublicKey(api, t, 'RT')
})

const NOW_S = 2_000_000_000
const rotation = (over: Partial<Rotation> = {}): Rotation => ({ rotated: NEW, presentedId: A, currentId: B, claimedAtS: NOW_S - 5, nowS: NOW_S, shared: ['sealed'], claimName: `the repository variable RT_CLAIM_${A} of octo/app`, ...over })
const state = () => decodeState(gh.variables.get(STATE)!, 'state')

describe('proveWritable', () => {
  it('writes a throw-away secret with a random name beside the real one, and removes it', async () => {
    const a = await proveWritable(api, t, 'RT', key)
    const b = await proveWritable(api, t, 'RT', key)
    expect(a.name).toMatch(/^RT_PROBE_[0-9A-F]{8}$/)
    expect(b.name).not.toBe(a.name)
    expect(gh.secrets.get(`repo:octo/app:${a.name}`)?.value).toBe('write probe of oauth-refresh-action; safe to delete')
    expect(gh.secrets.get(SECRET)).toEqual({ value: OLD, updates: 0 })
    await a.remove()
    expect(gh.secrets.has(`repo:octo/app:${a.name}`)).toBe(false)
  })

  it('a token that may not write secrets is stopped there, with what the probe is for', async () => {
    gh.token(PAT, 'variables')
    const e = await proveWritable(api, t, 'RT', key).then(() => undefined, (x: unknown) => x)
    expect(e).toBeInstanceOf(ActionError)
    expect((e as ActionError).message).toMatch(/^Writing the repository secret RT_PROBE_[0-9A-F]{8} of octo\/app \(a throw-away secret that proves 'github-token' may write RT before the refresh\) /)
  })
})

describe('storeRotation', () => {
  it('stores the new token and the state together, and says what it did', async () => {
    const r = await storeRotation(api, t, 'RT', key, undefined, EMPTY_STATE, rotation())
    expect(r).toEqual({ secretUpdated: true, secretCreated: false, sharedKept: true, prune: [] })
    expect(gh.secrets.get(SECRET)?.value).toBe(NEW)
    expect(state()).toEqual({ current: B, spent: [{ id: A, at: NOW_S - 5, claim: true }], shared: ['sealed'] })
  })

  it('not rotated: the secret is left alone, the presented token is not spent, nothing shared is nothing kept', async () => {
    const r = await storeRotation(api, t, 'RT', key, undefined, EMPTY_STATE, rotation({ rotated: undefined, currentId: A, shared: [] }))
    expect(r).toEqual({ secretUpdated: false, secretCreated: false, sharedKept: false, prune: [] })
    expect(gh.secrets.get(SECRET)).toEqual({ value: OLD, updates: 0 })
    expect(state()).toEqual({ current: A, spent: [], shared: [] })
  })

  it('a secret that did not exist is reported as created', async () => {
    gh.secrets.delete(SECRET)
    expect(await storeRotation(api, t, 'RT', key, undefined, EMPTY_STATE, rotation())).toMatchObject({ secretUpdated: true, secretCreated: true })
  })

  it('hands back the claims to prune that the state written records as spent for long enough', async () => {
    const prev = { exists: false, current: A, spent: [{ id: B, at: NOW_S - CLAIM_KEEP_S - 1, claim: true }], shared: [] }
    const r = await storeRotation(api, t, 'RT', key, undefined, prev, rotation({ currentId: '1111111111111111' }))
    expect(r.prune).toEqual([{ id: B, again: false }])
    expect(state().spent).toEqual([{ id: B, at: NOW_S - CLAIM_KEEP_S - 1, claim: false }, { id: A, at: NOW_S - 5, claim: true }])
  })

  it('the secret write fails: an error saying the old token is spent, what blocks it, and where the new one is', async () => {
    gh.fail({ method: 'PUT', path: '/secrets/RT', status: 403, body: { message: 'Resource not accessible by integration' }, times: 10 })
    const e = await storeRotation(api, t, 'RT', key, undefined, EMPTY_STATE, rotation()).then(() => undefined, (x: unknown) => x)
    expect(e).toMatchObject({ code: 'secret_not_stored', details: { status: 403 } })
    expect((e as Error).message).toMatch(/^The provider rotated the refresh token, but storing the new one failed: Writing the repository secret RT of octo\/app .+ The repository secret RT of octo\/app still holds the old refresh token, which the provider has spent; the repository variable RT_CLAIM_0123456789ABCDEF of octo\/app keeps every run from presenting it again\. The new one is in this step's masked 'refresh-token' output: the post step tries once more to store it, or store it from a later step \(if: failure\(\)\) before the job ends; a token stored by hand is presented normally by the next run\. Otherwise authorize again\.$/)
    // The state was written all the same: the spent token is recorded.
    expect(state().spent.map((s) => s.id)).toEqual([A])
  })

  it('the secret write cannot reach GitHub: the same error, with the cause', async () => {
    gh.fail({ method: 'PUT', path: '/secrets/RT', status: 503, times: 10 })
    await expect(storeRotation(api, t, 'RT', key, undefined, EMPTY_STATE, rotation())).rejects.toMatchObject({ code: 'secret_not_stored', message: expect.stringContaining('failed: Writing the repository secret RT of octo/app failed: HTTP 503') as string })
  })

  it('the state write fails: a warning (no error), nothing shared, nothing pruned', async () => {
    gh.fail({ method: 'POST', path: '/variables', status: 403, body: { message: 'Resource not accessible by integration' }, times: 10 })
    const prev = { exists: false, current: A, spent: [{ id: B, at: 0, claim: true }], shared: [] }
    const r = await storeRotation(api, t, 'RT', key, undefined, prev, rotation())
    expect(r).toMatchObject({ secretUpdated: true, secretCreated: false, sharedKept: false, prune: [] })
    expect(r.stateError?.code).toBe('state_not_stored')
    expect(r.stateError?.message).toMatch(/^The new refresh token is stored in the repository secret RT of octo\/app, but the rotation state \(the repository variable RT_STATE of octo\/app\) could not be updated: .+ The spent token stays blocked by the repository variable RT_CLAIM_0123456789ABCDEF of octo\/app; no access token is shared until a later run updates the state\.$/)
    expect(gh.secrets.get(SECRET)?.value).toBe(NEW)
    const unrotated = await storeRotation(api, t, 'RT', key, undefined, prev, rotation({ rotated: undefined }))
    expect(unrotated.stateError?.message).toMatch(/^The rotation state \(the repository variable RT_STATE of octo\/app\) could not be updated: /)
  })

  it('a state too large to keep the shared token: stored, but not kept', async () => {
    const r = await storeRotation(api, t, 'RT', key, undefined, EMPTY_STATE, rotation({ shared: ['x'.repeat(60_000)] }))
    expect(r.sharedKept).toBe(false)
    expect(state().shared).toEqual([])
  })
})
