/**
 * Issue 4 against the real authorization server: scheduled runs keep a rotating refresh token alive
 * through an environment secret, each run reading what the previous run stored (decrypted by the
 * fake GitHub API with libsodium), with the stale-token guard on.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
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

const scheduledRun = () =>
  runAction(
    {
      issuer: auth.issuer,
      'client-id': auth.clientId,
      'client-secret': auth.clientSecret,
      // What `${{ secrets.REPORTS_REFRESH_TOKEN }}` gives the job: the value the last run stored.
      'refresh-token': gh.secrets.get(KEY)!.value,
      'secret-name': 'REPORTS_REFRESH_TOKEN',
      'secret-environment': 'production',
      'github-token': PAT,
      'stale-token-guard': 'true',
      'verify-url': auth.userinfoUrl,
      'max-attempts': '1'
    },
    { env: { GITHUB_REPOSITORY: 'octo/reports', GITHUB_API_URL: gh.url } }
  )

it('five scheduled rotations in a row, each run reading the refresh token the previous one stored', async () => {
  gh.reset().token(PAT, 'secrets', 'variables', 'environments').repo('octo/reports', 'production').seed(KEY, await auth.seedRefreshToken())
  const seen = new Set<string>()
  for (let n = 1; n <= 5; n++) {
    const before = gh.secrets.get(KEY)!.value
    const run = await scheduledRun()
    expect(run.code, run.stdout).toBe(0)
    expect(annotations(run.stdout)).toEqual([])
    expect(run.outputs['secret-updated']).toBe('true')
    const after = gh.secrets.get(KEY)!.value
    expect(after).toBe(run.outputs['refresh-token'])
    expect(after).not.toBe(before)
    expect(seen.has(after)).toBe(false)
    seen.add(after)
    expect(await auth.userinfoStatus(run.outputs['access-token']!)).toBe(200)
    expect(secretLeaks(run, [auth.clientSecret, PAT, before, after, run.outputs['access-token']!])).toEqual([])
  }

  // A re-run of an old run still holds a used token: the guard stops it before the server sees it,
  // so reuse detection never fires and the chain survives.
  const stale = [...seen][2]!
  const rerun = await runAction(
    { issuer: auth.issuer, 'client-id': auth.clientId, 'client-secret': auth.clientSecret, 'refresh-token': stale, 'secret-name': 'REPORTS_REFRESH_TOKEN', 'secret-environment': 'production', 'github-token': PAT, 'stale-token-guard': 'true' },
    { env: { GITHUB_REPOSITORY: 'octo/reports', GITHUB_API_URL: gh.url } }
  )
  expect(rerun.code).toBe(1)
  expect(annotations(rerun.stdout)).toEqual([
    expect.stringMatching(/^The refresh token given to this run is not the one the secret REPORTS_REFRESH_TOKEN of environment 'production' in octo\/reports was last known to hold: .* The refresh was not attempted, so the refresh token was not used\.$/)
  ])
  expect(rerun.outputs['access-token']).toBeUndefined()
  const next = await scheduledRun()
  expect(next.code, next.stdout).toBe(0)
})
