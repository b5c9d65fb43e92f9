/**
 * Issues 4 and 10 against a real authorization server (node oidc-provider: every refresh rotates,
 * a reused refresh token revokes the grant): scheduled runs keep a rotating refresh token alive
 * through an environment secret, each run reading what the previous run stored (decrypted by the
 * fake GitHub API with libsodium); runs that overlap or start stale share one refresh.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { GitHubApi } from './support/github-api.js'
import { startAuthServer, type AuthServer } from './support/oidc-server.js'
import { annotations, runAction, secretLeaks } from './support/runner.js'

const PAT = 'github_pat_integration_0123456789'
const KEY = 'env:octo/reports:production:REPORTS_REFRESH_TOKEN'

let auth: AuthServer
let gh: GitHubApi
beforeAll(async () => {
  ;[auth, gh] = await Promise.all([startAuthServer(), GitHubApi.start()])
})
afterAll(async () => Promise.all([auth.close(), gh.close()]))
beforeEach(async () => {
  gh.reset().token(PAT, 'secrets', 'variables', 'environments').repo('octo/reports', 'production').seed(KEY, await auth.seedRefreshToken())
})

/** A scheduled run with the default safety settings: it reads what `${{ secrets.REPORTS_REFRESH_TOKEN }}` gives the job now. */
const scheduledRun = (over: Record<string, string> = {}) =>
  runAction(
    {
      issuer: auth.issuer,
      'client-id': auth.clientId,
      'client-secret': auth.clientSecret,
      'refresh-token': gh.secrets.get(KEY)!.value,
      'secret-name': 'REPORTS_REFRESH_TOKEN',
      'secret-environment': 'production',
      'github-token': PAT,
      'verify-url': auth.userinfoUrl,
      'max-attempts': '1',
      ...over
    },
    { env: { GITHUB_REPOSITORY: 'octo/reports', GITHUB_API_URL: gh.url } }
  )

it('five scheduled rotations in a row, each run reading the refresh token the previous one stored', async () => {
  const seen = new Set<string>()
  for (let n = 1; n <= 5; n++) {
    const before = gh.secrets.get(KEY)!.value
    // The access token lives 30 minutes: asking for a day of validity makes every run refresh.
    const run = await scheduledRun({ 'min-validity': '86400' })
    expect(run.code, run.stdout).toBe(0)
    expect(annotations(run.stdout)).toEqual([])
    expect(run.outputs).toMatchObject({ 'secret-updated': 'true', 'token-source': 'refreshed' })
    const after = gh.secrets.get(KEY)!.value
    expect(after).toBe(run.outputs['refresh-token'])
    expect(after).not.toBe(before)
    expect(seen.has(after)).toBe(false)
    seen.add(after)
    expect(await auth.userinfoStatus(run.outputs['access-token']!)).toBe(200)
    expect(secretLeaks(run, [auth.clientSecret, PAT, before, after, run.outputs['access-token']!])).toEqual([])
  }
  expect(auth.refreshRequests()).toBe(5)

  // A re-run of the last run still holds the token that run spent. With the defaults it takes the
  // access token the last run shared (sealed for the token it presented, too), and the server never
  // sees the used token, so reuse detection never fires.
  const stale = [...seen][3]!
  const rerun = await scheduledRun({ 'refresh-token': stale })
  expect(rerun.code, rerun.stdout).toBe(0)
  expect(rerun.outputs['token-source']).toBe('shared')
  expect(await auth.userinfoStatus(rerun.outputs['access-token']!)).toBe(200)
  // Without sharing, or holding a token older still (the shared token does not open for it), the run
  // stops before the server sees the token.
  for (const over of [{ 'refresh-token': stale, 'share-token': 'false' }, { 'refresh-token': [...seen][2]! }] as Record<string, string>[]) {
    const guarded = await scheduledRun(over)
    expect(guarded.code).toBe(1)
    expect(annotations(guarded.stdout)).toEqual([expect.stringMatching(/^The refresh token given to this run was already presented by another run, and the provider rotated it/)])
  }
  expect(auth.refreshRequests()).toBe(5)
  const next = await scheduledRun({ 'min-validity': '86400' })
  expect(next.code, next.stdout).toBe(0)
  expect(auth.refreshRequests()).toBe(6)
})

it('four runs started at the same moment with the same token: one refresh, four working tokens, the chain alive', async () => {
  const first = gh.secrets.get(KEY)!.value
  const before = auth.refreshRequests()
  const runs = await Promise.all([1, 2, 3, 4].map(() => scheduledRun()))
  for (const run of runs) {
    expect(run.code, run.stdout).toBe(0)
    expect(await auth.userinfoStatus(run.outputs['access-token']!)).toBe(200)
    expect(secretLeaks(run, [auth.clientSecret, PAT, first, run.outputs['access-token']!])).toEqual([])
  }
  expect(auth.refreshRequests() - before).toBe(1)
  expect(runs.map((r) => r.outputs['token-source']).sort()).toEqual(['refreshed', 'shared', 'shared', 'shared'])
  // The secret holds the newest live refresh token: the next refresh with it works.
  expect(gh.secrets.get(KEY)!.value).not.toBe(first)
  const next = await scheduledRun({ 'min-validity': '86400' })
  expect(next.code, next.stdout).toBe(0)
  expect(auth.refreshRequests() - before).toBe(2)
  expect([...gh.variables.keys()].filter((k) => k.endsWith('_LOCK'))).toEqual([])
})
