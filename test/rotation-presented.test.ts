/**
 * What a run does with its claim once the provider has answered, or not (src/rotation/presented.ts):
 * one explicit policy for uncertain outcomes (issue 17). A token the provider cannot have spent is
 * released for the next run; one it may have spent stays claimed as `uncertain`; one it spent is
 * marked `spent`; and the message says, once, what later runs will do. Then which copies of the
 * access token are sealed for sharing, and until when.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ActionError } from '../src/errors.js'
import type { Api } from '../src/github/api.js'
import type { Refreshed } from '../src/oauth/obtained.js'
import { Claim } from '../src/rotation/claims.js'
import { settleClaim, sharedCopies, unreleased } from '../src/rotation/presented.js'
import { openShared, MAX_SHARE_MS, type ShareContext } from '../src/rotation/shared-token.js'
import { GitHubApi } from './support/github-api.js'
import { standInApi } from './support/stand-in-api.js'

const PAT = 'github_pat_presented_0123456789'
const ID = '0123456789ABCDEF'
const KEY = `repo:octo/app:RT_CLAIM_${ID}`
const WHERE = `The repository variable RT_CLAIM_${ID} of octo/app`
const t = { kind: 'repository', repository: 'octo/app' } as const
const RT = 'rt-presented-0123456789abcdef'
const RT_NEW = 'rt-rotated-0123456789abcdefg'
const ctx: ShareContext = { clientId: 'cid', target: t, secretName: 'RT' }

let gh: GitHubApi
let api: Api
beforeAll(async () => {
  gh = await GitHubApi.start()
  api = standInApi(gh, PAT)
})
afterAll(async () => gh.close())
beforeEach(() => void gh.reset().token(PAT, 'secrets', 'variables').repo('octo/app'))

const policy = (over: Partial<{ share: boolean; reuseWindowMs: number; spendsOnError: boolean; scope: string }> = {}) => ({
  share: over.share ?? true,
  refreshToken: RT,
  needs: { scope: over.scope },
  reuseWindowMs: over.reuseWindowMs ?? 0,
  spendsOnError: over.spendsOnError ?? false
})
async function claimed(): Promise<Claim> {
  const c = new Claim(api, t, 'RT', ID, { holder: 'run 1', nonce: 'n1', ttlMs: 60_000 })
  expect(await c.create()).toBe(true)
  return c
}
const failure = () => new ActionError('invalid_grant', 'The token endpoint answered invalid_grant.', { status: 400 })
const statusOf = () => (JSON.parse(gh.variables.get(KEY)!.slice('oauth-refresh-action:claim:v1 '.length)) as { status: string }).status

describe('settleClaim: one policy for every outcome', () => {
  it('not sent, or refused by a provider that does not spend on errors: the claim is deleted and the error is as it was', async () => {
    for (const p of ['unsent', 'refused'] as const) {
      const c = await claimed()
      const e = failure()
      const warnings: string[] = []
      expect(await settleClaim(c, p, policy(), e, { warning: (w) => void warnings.push(w) })).toBe(e)
      expect(gh.variables.has(KEY)).toBe(false)
      expect(warnings).toEqual([])
    }
  })

  it('a claim that cannot be deleted is a warning saying to delete it', async () => {
    const c = await claimed()
    gh.fail({ method: 'DELETE', status: 403, body: { message: 'Resource not accessible by integration' }, times: 10 })
    const warnings: string[] = []
    const e = failure()
    expect(await settleClaim(c, 'refused', policy(), e, { warning: (w) => void warnings.push(w) })).toBe(e)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(new RegExp(`^${WHERE} could not be deleted: .+ The provider did not spend the refresh token, but runs will not present it while that variable exists: delete it\\.$`))
    expect(unreleased(c, { reason: 'plain text' })).toBe(`${WHERE} could not be deleted: plain text The provider did not spend the refresh token, but runs will not present it while that variable exists: delete it.`)
  })

  it('refused by a provider that spends a token on any answer: marked spent, and the message says to authorize again', async () => {
    const c = await claimed()
    const out = await settleClaim(c, 'refused', policy({ spendsOnError: true }), failure(), { warning: () => expect.fail() })
    expect(out).toMatchObject({ code: 'invalid_grant', details: { status: 400 } })
    expect((out as Error).message).toBe(`The token endpoint answered invalid_grant. The provider spends a refresh token on any answer, so the refresh token is taken as spent. ${WHERE} records it: no run will present it again. Authorize again and store the new refresh token in the secret.`)
    expect(statusOf()).toBe('spent')
  })

  it('tokens issued that this run could not use: marked spent', async () => {
    const c = await claimed()
    const out = await settleClaim(c, 'issued', policy(), failure(), { warning: () => expect.fail() })
    expect((out as Error).message).toContain('The provider issued tokens this run could not use, so the refresh token is taken as spent.')
    expect(statusOf()).toBe('spent')
  })

  it('no answer: marked uncertain, never presented again (but once within a reuse window), and the message says how to tell', async () => {
    const cases: [number, string][] = [
      [0, ''],
      [30_000, " except once within the provider's reuse window (30 s)"],
      [Infinity, ' except when the next run tries (the provider accepts a refresh token again)']
    ]
    for (const [reuseWindowMs, window] of cases) {
      gh.variables.delete(KEY)
      const c = await claimed()
      const out = await settleClaim(c, 'uncertain', policy({ reuseWindowMs }), failure(), { warning: () => expect.fail() })
      expect((out as Error).message).toBe(`The token endpoint answered invalid_grant. ${WHERE} records it: no run will present this token again${window}. If the provider shows no refresh at this time, delete that variable and run again; otherwise authorize again and store the new refresh token in the secret.`)
      expect(statusOf()).toBe('uncertain')
    }
  })

  it('a mark that fails still leaves the claim standing, and says so', async () => {
    const c = await claimed()
    gh.fail({ method: 'PATCH', status: 403, body: { message: 'Resource not accessible by integration' }, times: 10 })
    const out = await settleClaim(c, 'uncertain', policy(), failure(), { warning: () => expect.fail() })
    expect((out as Error).message).toContain(`${WHERE}, created before the refresh, stands: no run will present this token again.`)
    expect(statusOf()).toBe('presenting')
  })

  it('an error that is not an ActionError is returned as it was', async () => {
    const c = await claimed()
    const e = new TypeError('bug')
    expect(await settleClaim(c, 'uncertain', policy(), e, { warning: () => expect.fail() })).toBe(e)
  })
})

describe('sharedCopies: what is sealed for other runs, and until when', () => {
  const refreshed = (over: { expiresIn?: number; doubtful?: boolean; rotated?: string; invalid?: ActionError; receivedAt?: number } = {}): Refreshed => ({
    rotated: over.rotated,
    invalid: over.invalid,
    obtained: {
      source: 'refreshed',
      tokens: { accessToken: 'at-shared-0123456789', tokenType: 'Bearer', expiresIn: 'expiresIn' in over ? over.expiresIn : 1800, refreshToken: over.rotated, scope: 'read', warnings: [], lifetimeDoubtful: over.doubtful },
      granted: { scopes: ['read'], source: 'response' },
      expiresAt: undefined,
      receivedAt: over.receivedAt ?? Date.now(),
      attempts: 1,
      host: 'auth.example.test',
      endpoints: undefined
    }
  })
  const open = (copies: string[], rt: string) => openShared(copies, rt, ctx, () => undefined)

  it('rotated: one copy for the new refresh token and one for the one presented, expiring by GitHub’s clock', async () => {
    const c = await claimed()
    const received = Date.now()
    const copies = sharedCopies(refreshed({ rotated: RT_NEW, receivedAt: received }), c, policy({ scope: 'read' }), RT_NEW, ctx)
    expect(copies).toHaveLength(2)
    const a = open(copies, RT_NEW)
    expect(a).toMatchObject({ expiresAt: c.githubTime(received) + 1800_000, requested: 'read' })
    expect(open(copies, RT)).toEqual(a)
  })

  it('not rotated: one copy, for the refresh token presented', async () => {
    const c = await claimed()
    const copies = sharedCopies(refreshed(), c, policy(), RT_NEW, ctx)
    expect(copies).toHaveLength(1)
    expect(open(copies, RT)).toBeDefined()
    expect(open(copies, RT_NEW)).toBeUndefined()
  })

  it('never longer than a day, whatever the provider said', async () => {
    const c = await claimed()
    const received = Date.now()
    const opened = open(sharedCopies(refreshed({ expiresIn: 30 * 86_400, receivedAt: received }), c, policy(), RT_NEW, ctx), RT)
    expect(opened?.expiresAt).toBe(c.githubTime(received) + MAX_SHARE_MS)
  })

  it('none when sharing is off, the response was not usable, or its lifetime is unknown or doubtful', async () => {
    const c = await claimed()
    expect(sharedCopies(refreshed(), c, policy({ share: false }), RT_NEW, ctx)).toEqual([])
    expect(sharedCopies(refreshed({ invalid: new ActionError('not_json', 'x') }), c, policy(), RT_NEW, ctx)).toEqual([])
    expect(sharedCopies(refreshed({ expiresIn: undefined }), c, policy(), RT_NEW, ctx)).toEqual([])
    expect(sharedCopies(refreshed({ doubtful: true }), c, policy(), RT_NEW, ctx)).toEqual([])
    expect(sharedCopies({ rotated: undefined }, c, policy(), RT_NEW, ctx)).toEqual([])
  })
})
