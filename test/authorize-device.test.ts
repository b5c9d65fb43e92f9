/**
 * `authorize --device` (RFC 8628) against node oidc-provider's device flow, on a fake clock: the
 * user enters the code at the verification page (over HTTP) while the command polls; the server
 * answers authorization_pending and, when told, slow_down.
 */
import { expect, it } from 'vitest'
import { CONFIDENTIAL, type AuthorizeServer } from './support/authorize-server.js'
import { authorizeWorld } from './support/authorize-world.js'
import { runCli, type CliWorld } from './support/cli.js'
import type { GitHubApi } from './support/github-api.js'

const PAT = 'github_pat_device_0123456789abcdef'
const KEY = 'env:octo/reports:production:REPORTS_REFRESH_TOKEN'
const DEVICE = 'urn:ietf:params:oauth:grant-type:device_code'

let auth: AuthorizeServer
let gh: GitHubApi
authorizeWorld((a, g) => ([auth, gh] = [a, g]), (g) => g.token(PAT, 'secrets', 'variables', 'environments').repo('octo/reports', 'production'))

/**
 * The command with --device; `userActs` is the poll (counting sleeps from 1) during whose wait the
 * user enters the code shown, or never.
 */
async function device(userActs: number | undefined, world: CliWorld = {}) {
  let lines: string[] = []
  const run = await runCli(
    ['authorize', '--device', '--issuer', auth.issuer, '--client-id', CONFIDENTIAL, '--scope', 'openid offline_access', '--secret-name', 'REPORTS_REFRESH_TOKEN', '--repo', 'octo/reports', '--environment', 'production', '--github-api-url', gh.url],
    {
      env: { OAUTH_CLIENT_SECRET: auth.clientSecret, GH_TOKEN: PAT },
      onSleep: async (_ms, n) => {
        if (n === userActs) await auth.enterUserCode(/enter the code (\S+)/.exec(lines.join('\n'))![1]!)
      },
      ...world
    },
    (err) => (lines = err)
  )
  return run
}

it('polls while authorization_pending, slows down by 5 s on slow_down, and stores the token', async () => {
  auth.slowDown(1)
  const run = await device(3)
  expect(run.code, run.err.join('\n')).toBe(0)
  // First poll after one interval (5 s): slow_down, so 10 s from then on; the second is pending; the user acts during the third wait.
  expect(run.sleeps).toEqual([5000, 10_000, 10_000])
  expect(auth.grants).toEqual([DEVICE, DEVICE, DEVICE])
  expect(run.err).toContainEqual(expect.stringMatching(/^On any device, open http:\/\/127\.0\.0\.1:\d+\/device and enter the code [B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4} \(it expires in 10 minutes; Ctrl-C stops\)\.$/))
  expect(run.err.slice(-2)).toEqual([
    "Stored the refresh token in the secret REPORTS_REFRESH_TOKEN of environment 'production' in octo/reports (created).",
    'Reset the rotation: there were no rotation variables; the next run starts a clean chain.'
  ])
  expect(gh.secrets.get(KEY)!.value).toMatch(/^[A-Za-z0-9_-]{43}$/)
  expect(run.opened).toEqual([])
})

it('the user refuses at the verification page: access_denied, nothing stored', async () => {
  auth.consent = 'deny'
  const run = await device(1)
  expect(run.code).toBe(1)
  expect(run.err.at(-1)).toMatch(/^Error: Polling for the device authorization at 127\.0\.0\.1:\d+ failed: HTTP 400 access_denied \(End-User aborted interaction\)\. The authorization was denied\. Nothing was stored; run the command again\.$/)
  expect(gh.secrets.size + gh.variables.size).toBe(0)
})

it('nobody enters the code: polling ends when it expires (expires_in bounds it), nothing stored', async () => {
  const run = await device(undefined)
  expect(run.code).toBe(1)
  expect(run.err.at(-1)).toBe('Error: The user code expired (after 600 s) before the authorization was completed. Nothing was stored; run the command again.')
  expect(run.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(600_000)
  expect(run.sleeps).toHaveLength(120)
  expect(gh.secrets.size).toBe(0)
})

it('Ctrl-C while polling: interrupted, nothing stored', async () => {
  const ctrlC = new AbortController()
  const run = await device(undefined, { signal: ctrlC.signal, onSleep: (_ms, n) => void (n === 2 && ctrlC.abort()) })
  expect(run.code).toBe(130)
  expect(run.err.at(-1)).toBe('Error: Interrupted (Ctrl-C): nothing was stored, and the secret and its rotation variables are as they were.')
  expect(gh.secrets.size).toBe(0)
})

it('a provider without a device endpoint: said before anything is sent', async () => {
  const run = await runCli(['authorize', '--device', '--provider', 'pagerduty', '--client-id', 'c', '--print'], { env: {} })
  expect(run.code).toBe(2)
  expect(run.err).toEqual(['No client secret (OAUTH_CLIENT_SECRET is not set): the client is public, bound to this command by PKCE.', 'Error: --device-authorization-url is required for --device: the preset pagerduty names no device authorization endpoint (RFC 8628), so the provider may not support the device flow; leave out --device to authorize in a browser.'])
})
