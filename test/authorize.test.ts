/**
 * `authorize` end to end, in-process, against node oidc-provider (PKCE required, device flow on,
 * rotating refresh tokens) and the GitHub API stand-in (which opens each sealed secret with
 * libsodium): the consent driven over HTTP, the secret stored, the rotation reset, and the first
 * scheduled run of the bundled action afterwards. Every failure: one line, a stable code, nothing
 * half-written.
 */
import { describe, expect, it } from 'vitest'
import { ActionError } from '../src/errors.js'
import { authorizationUrl, pkcePair, probeAuthorization } from '../src/oauth/authorization.js'
import { requestGrant } from '../src/oauth/grants.js'
import { buildAuthorizationCodeRequest } from '../src/oauth/token-request.js'
import { send } from '../src/http.js'
import { CONFIDENTIAL, NARROW, PUBLIC, type AuthorizeServer } from './support/authorize-server.js'
import { authorizeWorld } from './support/authorize-world.js'
import { runCli, type CliRun, type CliWorld } from './support/cli.js'
import type { GitHubApi } from './support/github-api.js'
import { annotations, runAction, secretLeaks } from './support/runner.js'

const PAT = 'github_pat_authorize_0123456789abcdef'
const KEY = 'repo:octo/reports:REPORTS_REFRESH_TOKEN'

let auth: AuthorizeServer
let gh: GitHubApi
authorizeWorld((a, g) => ([auth, gh] = [a, g]), (g) => g.token(PAT, 'secrets', 'variables').repo('octo/reports'))

const TO_SECRET = ['--secret-name', 'REPORTS_REFRESH_TOKEN', '--repo', 'octo/reports']
const args = (...more: string[]) => ['authorize', '--issuer', auth.issuer, '--client-id', CONFIDENTIAL, '--scope', 'openid offline_access', ...more]

/** A person who opens the address in a browser and clicks through (or as `tamper` says). */
async function authorize(argv: string[], world: CliWorld = {}, tamper?: (u: URL) => URL): Promise<CliRun & { browsed: Promise<URL | undefined> }> {
  let browsed: Promise<URL | undefined> = Promise.resolve(undefined)
  const run = await runCli([...argv, '--github-api-url', gh.url], {
    env: { OAUTH_CLIENT_SECRET: auth.clientSecret, GH_TOKEN: PAT },
    browser: (url) => void (browsed = auth.browse(url, tamper)),
    ...world
  })
  return { ...run, browsed }
}

/** Nothing of the consent's result anywhere: no secret, no variable but those a test set. */
function nothingStored(variables: string[] = []): void {
  expect([...gh.secrets.keys()]).toEqual([])
  expect([...gh.variables.keys()]).toEqual(variables)
}

/** The one line a failure prints, and its exit status. */
function failedWith(run: CliRun, status: number, text: string): void {
  expect(run.code).toBe(status)
  const errors = run.err.filter((l) => l.startsWith('Error: '))
  expect(errors).toHaveLength(1)
  expect(errors[0]).toContain(text)
  expect(run.err.at(-1)).toBe(errors[0])
}

describe('the authorization code flow', () => {
  it('stores the refresh token, resets the rotation, and the next scheduled run rotates normally', async () => {
    // What a lost chain leaves behind: state, a lock, claims (and an unrelated variable, kept).
    for (const name of ['REPORTS_REFRESH_TOKEN_STATE', 'REPORTS_REFRESH_TOKEN_LOCK', 'REPORTS_REFRESH_TOKEN_CLAIM_0123456789ABCDEF', 'REPORTS_REFRESH_TOKEN_CLAIM_0123456789ABCDEF_AGAIN', 'OTHER']) gh.setVariable(`repo:octo/reports:${name}`, 'x')
    gh.seed(KEY, 'the-dead-refresh-token')
    const run = await authorize(args(...TO_SECRET))
    expect(run.code, run.err.join('\n')).toBe(0)

    // The address was printed and opened; PKCE S256, the state, a loopback redirect (RFC 8252 §7.3).
    const url = new URL(run.opened[0]!)
    expect(run.err).toContain(`  ${url.href}`)
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'code', client_id: CONFIDENTIAL, code_challenge_method: 'S256', scope: 'openid offline_access', prompt: 'consent' })
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)

    const stored = gh.secrets.get(KEY)!
    expect(stored.updates).toBe(1)
    expect(stored.value).not.toBe('the-dead-refresh-token')
    expect([...gh.variables.keys()]).toEqual(['repo:octo/reports:OTHER'])
    expect(auth.grants).toEqual(['authorization_code'])
    expect(run.err.slice(-3)).toEqual([
      "The provider issued a refresh token for the scope 'openid offline_access'.",
      'Stored the refresh token in the repository secret REPORTS_REFRESH_TOKEN of octo/reports (updated).',
      'Reset the rotation: deleted REPORTS_REFRESH_TOKEN_STATE, REPORTS_REFRESH_TOKEN_LOCK, REPORTS_REFRESH_TOKEN_CLAIM_0123456789ABCDEF, REPORTS_REFRESH_TOKEN_CLAIM_0123456789ABCDEF_AGAIN; the next run starts a clean chain.'
    ])
    expect(run.out).toBe('')
    expect(run.err.join('\n')).not.toContain(stored.value)
    // The permission probes ran inside critically() and left nothing behind; then the store did.
    expect(run.critical).toBe(2)
    expect(gh.writes.map((w) => `${w.method} ${w.path.replace(/_PROBE_[0-9A-F]{8}/, '_PROBE_*')}`).slice(0, 4).sort()).toEqual([
      'DELETE /repos/octo/reports/actions/secrets/REPORTS_REFRESH_TOKEN_PROBE_*',
      'DELETE /repos/octo/reports/actions/variables/REPORTS_REFRESH_TOKEN_PROBE_*',
      'POST /repos/octo/reports/actions/variables',
      'PUT /repos/octo/reports/actions/secrets/REPORTS_REFRESH_TOKEN_PROBE_*'
    ])

    const scheduled = await runAction(
      { issuer: auth.issuer, 'client-id': CONFIDENTIAL, 'client-secret': auth.clientSecret, 'refresh-token': stored.value, 'secret-name': 'REPORTS_REFRESH_TOKEN', 'github-token': PAT, 'min-validity': '86400' },
      { env: { GITHUB_REPOSITORY: 'octo/reports', GITHUB_API_URL: gh.url } }
    )
    expect(scheduled.code, scheduled.stdout).toBe(0)
    expect(annotations(scheduled.stdout)).toEqual([])
    expect(scheduled.outputs).toMatchObject({ 'refresh-token-rotated': 'true', 'secret-updated': 'true', 'token-source': 'refreshed' })
    expect(gh.secrets.get(KEY)!.value).toBe(scheduled.outputs['refresh-token'])
    expect(await auth.userinfoStatus(scheduled.outputs['access-token']!)).toBe(200)
    expect(secretLeaks(scheduled, [stored.value, scheduled.outputs['refresh-token']!])).toEqual([])
  })

  it('a public client: no secret, PKCE binds the code to this command', async () => {
    const run = await authorize(['authorize', '--issuer', auth.issuer, '--client-id', PUBLIC, '--scope', 'openid offline_access', ...TO_SECRET], { env: { GH_TOKEN: PAT } })
    expect(run.code, run.err.join('\n')).toBe(0)
    expect(run.err[0]).toBe('No client secret (OAUTH_CLIENT_SECRET is not set): the client is public, bound to this command by PKCE.')
    expect(gh.secrets.get(KEY)!.value).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('an answer with another state is refused: no code exchanged, nothing stored', async () => {
    const run = await authorize(args(...TO_SECRET), {}, (u) => {
      u.searchParams.set('state', 'forged')
      return u
    })
    failedWith(run, 1, 'carries a state that is not the one this command sent, so it is refused (RFC 6749 §10.12')
    expect(auth.grants).toEqual([])
    nothingStored()
  })

  it('a denied consent: access_denied, nothing stored', async () => {
    auth.consent = 'deny'
    const run = await authorize(args(...TO_SECRET))
    failedWith(run, 1, 'Authorization was denied at 127.0.0.1')
    expect(run.err.at(-1)).toContain('access_denied (End-User aborted interaction). Nothing was stored')
    nothingStored()
  })

  it('a redirect URI the provider refuses: said before a browser opens', async () => {
    const run = await authorize(['authorize', '--issuer', auth.issuer, '--client-id', NARROW, '--scope', 'openid offline_access', ...TO_SECRET])
    failedWith(run, 1, 'refused the request before any login: HTTP 400')
    expect(run.err.at(-1)).toMatch(/redirect_uri did not match any of the client's registered redirect_uris.*register http:\/\/127\.0\.0\.1:\d+\/callback for this client/)
    expect(run.opened).toEqual([])
    nothingStored()
  })

  it('a scope without offline access: no refresh token, said how to get one, nothing stored', async () => {
    const run = await authorize(['authorize', '--issuer', auth.issuer, '--client-id', CONFIDENTIAL, '--scope', 'openid', ...TO_SECRET])
    failedWith(run, 1, 'issued an access token but no refresh token, so there is nothing to store.')
    expect(run.err.at(-1)).toContain('the scope offline_access (OpenID Connect servers')
    expect(run.err.at(-1)).toContain('Google: --param access_type=offline --param prompt=consent')
    nothingStored()
  })

  it('Ctrl-C while waiting for the browser: interrupted, exit status 130, nothing stored', async () => {
    const ctrlC = new AbortController()
    const run = await authorize(args(...TO_SECRET), { signal: ctrlC.signal, browser: () => ctrlC.abort() })
    failedWith(run, 130, 'Interrupted (Ctrl-C): nothing was stored')
    nothingStored()
  })

  it('nobody comes back: authorization_timeout names the redirect URI to register', async () => {
    const run = await authorize(args('--timeout', '10', ...TO_SECRET), { browser: () => {} })
    failedWith(run, 1, 'Nothing came back to http://127.0.0.1:')
    nothingStored()
  }, 20_000)
})

describe('PKCE, enforced by the server', () => {
  const redirectUri = 'http://127.0.0.1:9/callback'
  const endpoint = () => new URL(`${auth.issuer}/auth`)
  const net = { send, now: Date.now, sleep: async () => {}, info: () => {} }
  it('an authorization request without a challenge is refused', async () => {
    const url = authorizationUrl({ endpoint: endpoint(), clientId: CONFIDENTIAL, redirectUri, scope: 'openid', state: 'st', codeChallenge: undefined, params: {} })
    await expect(probeAuthorization(url, redirectUri, { state: 'st' }, 5000, net)).rejects.toMatchObject({ code: 'authorization_refused', message: expect.stringContaining('invalid_request (Authorization Server policy requires PKCE to be used for this request)') })
  })
  it('a code exchanged with another verifier is refused (invalid_grant)', async () => {
    const sent = pkcePair()
    const url = authorizationUrl({ endpoint: endpoint(), clientId: CONFIDENTIAL, redirectUri, scope: 'openid', state: 'st', codeChallenge: sent.challenge, params: {} })
    // The browser stops at the redirect; port 9 (discard) has no listener, so only the URL matters.
    const landed = await auth.browse(url.href, (u) => new URL(`${auth.issuer}/unused?${u.searchParams.toString()}`)).catch(() => undefined)
    const code = landed?.searchParams.get('code')
    expect(code).toBeTruthy()
    const client = { clientId: CONFIDENTIAL, clientSecret: auth.clientSecret, authMethod: 'client_secret_basic', basicAuthEncoding: 'form' } as const
    const e = await requestGrant(buildAuthorizationCodeRequest(new URL(auth.tokenUrl), client, code!, redirectUri, pkcePair().verifier), 'authorization_code', { maxAttempts: 1, timeoutMs: 5000 }, net).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ActionError)
    expect(e).toMatchObject({ code: 'invalid_grant', message: expect.stringContaining('PKCE code verifier') })
  })
})
