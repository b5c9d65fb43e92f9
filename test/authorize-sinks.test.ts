/**
 * Where `authorize` puts the refresh token, and what it proves before anyone consents: the GitHub
 * token (GH_TOKEN, GITHUB_TOKEN, `gh auth token`), every permission the store and the reset need,
 * an organization secret's visibility; or a new 0600 file, or stdout with --print. A failure found
 * there comes before the browser opens.
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONFIDENTIAL, type AuthorizeServer } from './support/authorize-server.js'
import { authorizeWorld } from './support/authorize-world.js'
import { runCli, type CliWorld } from './support/cli.js'
import type { GitHubApi, Permission } from './support/github-api.js'

const PAT = 'github_pat_sinks_0123456789abcdef'
let auth: AuthorizeServer
let gh: GitHubApi
authorizeWorld((a, g) => ([auth, gh] = [a, g]), (g) => g.repo('octo/reports').org('octo'))

async function authorize(where: string[], world: CliWorld = {}) {
  return runCli(['authorize', '--issuer', auth.issuer, '--client-id', CONFIDENTIAL, '--scope', 'openid offline_access', ...where], {
    env: { OAUTH_CLIENT_SECRET: auth.clientSecret, GH_TOKEN: PAT, GITHUB_API_URL: gh.url },
    browser: (url) => void auth.browse(url),
    ...world
  })
}
const TO_REPO = ['--secret-name', 'RT', '--repo', 'octo/reports']

describe('a GitHub secret: every permission proven before the browser opens', () => {
  it.each([
    [['variables'] as Permission[], 'github_permission', 'Reading the public key for the repository secret RT of octo/reports failed: HTTP 403 (Resource not accessible by personal access token). the GitHub token (GH_TOKEN, GITHUB_TOKEN or gh auth token) may not do this: it needs the repository permission "Secrets: Read and write" on octo/reports'],
    [['secrets'] as Permission[], 'github_permission', 'Reading the repository variable RT_LOCK of octo/reports failed: HTTP 403']
  ])('without %j: one line, no browser, nothing left', async (permissions, _code, text) => {
    gh.token(PAT, ...permissions)
    const run = await authorize(TO_REPO)
    expect(run.code).toBe(1)
    expect(run.err.at(-1)).toBe(`Error: ${text}${run.err.at(-1)!.slice(`Error: ${text}`.length)}`)
    expect(run.opened).toEqual([])
    expect(gh.secrets.size + gh.variables.size).toBe(0)
  })

  it('a token that may read but not write variables fails at the throw-away variable, and the probe secret is deleted', async () => {
    gh.token(PAT, 'secrets', 'variables').fail({ method: 'POST', path: '/actions/variables', status: 403, body: { message: 'Resource not accessible by personal access token' } })
    const run = await authorize(TO_REPO)
    expect(run.code).toBe(1)
    expect(run.err.at(-1)).toContain('Creating the repository variable RT_PROBE_')
    expect(run.err.at(-1)).toContain('(a throw-away variable that proves the rotation variables can be reset)')
    expect(run.opened).toEqual([])
    expect(gh.secrets.size + gh.variables.size).toBe(0)
  })

  it('a lock held by a run is worth a warning, then removed with the rest', async () => {
    gh.token(PAT, 'secrets', 'variables').setVariable('repo:octo/reports:RT_LOCK', 'held')
    const run = await authorize(TO_REPO)
    expect(run.code, run.err.join('\n')).toBe(0)
    expect(run.err).toContain('Warning: the repository variable RT_LOCK of octo/reports exists: a run may be refreshing now (or a killed run left it). Such a run may store its own refresh token after this command stores the new one; check the next run.')
    expect(gh.variables.size).toBe(0)
  })

  it('an organization secret keeps its visibility; a new one is readable by no repository', async () => {
    gh.token(PAT, 'secrets', 'variables').seed('org:octo:RT', 'old', { visibility: 'selected', selectedRepositoryIds: [1, 2] })
    expect((await authorize(['--secret-name', 'RT', '--org', 'octo'])).code).toBe(0)
    expect(gh.secrets.get('org:octo:RT')).toMatchObject({ visibility: 'selected', selectedRepositoryIds: [1, 2], updates: 1 })
    const fresh = await authorize(['--secret-name', 'NEW_RT', '--org', 'octo'])
    expect(gh.secrets.get('org:octo:NEW_RT')).toMatchObject({ visibility: 'selected', selectedRepositoryIds: [] })
    expect(fresh.err).toContain("It is a new organization secret, readable by no repository yet: choose which may read it in the organization's Settings → Secrets and variables → Actions.")
  })

  it('no GH_TOKEN or GITHUB_TOKEN: `gh auth token` for the API\'s host', async () => {
    gh.token(PAT, 'secrets', 'variables')
    const run = await authorize(TO_REPO, { env: { OAUTH_CLIENT_SECRET: auth.clientSecret, GITHUB_API_URL: gh.url }, gh: () => ({ code: 0, stdout: `${PAT}\n`, stderr: '' }) })
    expect(run.code, run.err.join('\n')).toBe(0)
    expect(run.ghCalls).toEqual([['auth', 'token', '--hostname', new URL(gh.url).host]])
    expect(run.err[0]).toMatch(/^Checking that the GitHub token \(gh auth token \(127\.0\.0\.1:\d+\)\) may write/)
  })

  it.each([
    [undefined, 'No GitHub token: GH_TOKEN and GITHUB_TOKEN are not set, and the GitHub CLI (gh) is not installed.'],
    [{ code: 1, stdout: '', stderr: 'no oauth token found for github.com\n' }, 'and `gh auth token` failed (no oauth token found for github.com). Set GH_TOKEN']
  ])('no token anywhere: %j', async (gh, text) => {
    const run = await runCli(['authorize', '--issuer', auth.issuer, '--client-id', CONFIDENTIAL, ...TO_REPO], { env: {}, gh: gh && (() => gh) })
    expect(run.code).toBe(1)
    expect(run.err.at(-1)).toContain(text)
    expect(run.ghCalls).toEqual([['auth', 'token']])
  })
})

describe('no GitHub secret: a file or stdout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'authorize-out-'))
  it('--out: a new file, mode 0600, holding the token and a newline', async () => {
    const file = join(dir, 'rt.txt')
    const run = await authorize(['--out', file])
    expect(run.code, run.err.join('\n')).toBe(0)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const token = readFileSync(file, 'utf8')
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}\n$/)
    expect(run.err.join('\n')).not.toContain(token.trim())
    expect(run.out).toBe('')
  })
  it('--out never writes over a file: refused before the browser opens', async () => {
    const file = join(dir, 'exists.txt')
    writeFileSync(file, 'mine')
    const run = await authorize(['--out', file])
    expect([run.code, run.err.at(-1), run.opened]).toEqual([2, `Error: --out ${file} exists: give a new path (the command never writes over a file).`, []])
    expect(readFileSync(file, 'utf8')).toBe('mine')
  })
  it('--out with a denied consent: the file made empty beforehand is removed again', async () => {
    auth.consent = 'deny'
    const file = join(dir, 'denied.txt')
    const run = await authorize(['--out', file])
    expect(run.code).toBe(1)
    expect(existsSync(file)).toBe(false)
  })
  it('--print: the token on stdout, nothing else there, and not on stderr', async () => {
    const run = await authorize(['--print'])
    expect(run.code, run.err.join('\n')).toBe(0)
    expect(run.out).toMatch(/^[A-Za-z0-9_-]{43}\n$/)
    expect(run.err.join('\n')).not.toContain(run.out.trim())
    expect(run.err.at(-1)).toBe('Printed the refresh token to standard output (--print).')
  })
  it('--client-secret-stdin: the secret read from stdin, a trailing newline dropped', async () => {
    const run = await authorize(['--print', '--client-secret-stdin'], { env: {}, stdin: `${auth.clientSecret}\n` })
    expect(run.code, run.err.join('\n')).toBe(0)
  })
  it('--client-secret-env names an unset variable: said before anything is sent', async () => {
    const run = await authorize(['--print', '--client-secret-env', 'APP_SECRET'])
    expect([run.code, run.err]).toEqual([2, ['Error: --client-secret-env names APP_SECRET, which is not set or empty.']])
  })
})

describe('a preset, with endpoints overridden (a region, GHES, a test server)', () => {
  it('the preset\'s note is said; its client authentication yields to --auth-method', async () => {
    const run = await runCli(['authorize', '--provider', 'github', '--authorization-url', `${auth.issuer}/auth`, '--token-url', auth.tokenUrl, '--auth-method', 'client_secret_basic', '--client-id', CONFIDENTIAL, '--scope', 'openid offline_access', '--print'], {
      env: { OAUTH_CLIENT_SECRET: auth.clientSecret },
      browser: (url) => void auth.browse(url)
    })
    expect(run.code, run.err.join('\n')).toBe(0)
    expect(run.err[0]).toBe('Note: Expiration of user access tokens must stay enabled (the default); an app that opted out gets no refresh token.')
  })
  it("google: the preset's access_type=offline and prompt=consent go into the authorization request", async () => {
    const run = await runCli(['authorize', '--provider', 'google', '--authorization-url', `${auth.issuer}/auth`, '--token-url', auth.tokenUrl, '--auth-method', 'client_secret_basic', '--client-id', CONFIDENTIAL, '--scope', 'openid offline_access', '--print'], {
      env: { OAUTH_CLIENT_SECRET: auth.clientSecret },
      browser: (url) => void auth.browse(url)
    })
    expect(run.code, run.err.join('\n')).toBe(0)
    expect(Object.fromEntries(new URL(run.opened[0]!).searchParams)).toMatchObject({ access_type: 'offline', prompt: 'consent', code_challenge_method: 'S256' })
  })
  it('okta through --issuer (its server is per tenant): discovery finds the endpoints, the preset adds offline_access', async () => {
    const run = await runCli(['authorize', '--provider', 'okta', '--issuer', auth.issuer, '--client-id', CONFIDENTIAL, '--scope', 'openid', '--print'], {
      env: { OAUTH_CLIENT_SECRET: auth.clientSecret },
      browser: (url) => void auth.browse(url)
    })
    expect(run.code, run.err.join('\n')).toBe(0)
    expect(new URL(run.opened[0]!).origin).toBe(auth.issuer)
    expect(new URL(run.opened[0]!).searchParams.get('scope')).toBe('openid offline_access')
    expect(run.err).toContain("The provider issued a refresh token for the scope 'openid offline_access'.")
  })
  it('a wrong client secret: invalid_client at the code exchange, in the command\'s words', async () => {
    const run = await runCli(['authorize', '--provider', 'github', '--authorization-url', `${auth.issuer}/auth`, '--token-url', auth.tokenUrl, '--auth-method', 'client_secret_basic', '--client-id', CONFIDENTIAL, '--scope', 'openid offline_access', '--print'], {
      env: { OAUTH_CLIENT_SECRET: 'not-the-secret' },
      browser: (url) => void auth.browse(url)
    })
    expect(run.code).toBe(1)
    expect(run.err.at(-1)).toMatch(/^Error: Exchanging the authorization code at 127\.0\.0\.1:\d+ failed: HTTP 401 invalid_client \(.*\)\. The client credentials were rejected\. Check --client-id and the client secret/)
    expect(run.out).toBe('')
  })
})
