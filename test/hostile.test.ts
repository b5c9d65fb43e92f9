/**
 * Issue 11, runner level: the built action against hostile servers. Every place where text from the
 * network can reach the log carries `\n::stop-commands::…`, `\r::warning::…`, `::save-state …` and
 * the legacy `##[…]`; the runner obeys a command at the start of any line (after leading spaces) and
 * `##[command]` anywhere. No foreign text may start a line, and every token after it stays masked.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { GitHubApi } from './support/github-api.js'
import { annotations, runAction, secretLeaks, type RunResult } from './support/runner.js'
import { MockServer } from './support/token-server.js'

const EVIL = '\n::stop-commands::pwn\r::warning::forged\u2028::save-state name=isPost::true\u0085##[add-mask]x ::error::forged2'
const SECRET = 'cs-hostile-0123456789'
const RT = 'rt-hostile-0123456789abcdef'
const NEW_RT = 'rt-next-hostile-0123456789abcdef'
const ACCESS = 'at-hostile-0123456789abcdef'
const PAT = 'github_pat_hostile_0123456789abcdef'
const OURS = /^::(add-mask|debug|error|warning|notice)::/

let server: MockServer
let gh: GitHubApi
beforeAll(async () => {
  ;[server, gh] = await Promise.all([MockServer.start(), GitHubApi.start()])
})
afterAll(async () => Promise.all([server.close(), gh.close()]))
beforeEach(() => {
  gh.reset().token(PAT, 'secrets', 'variables').repo('octo/app').seed('repo:octo/app:RT', RT)
})

const inputs = (over: Record<string, string> = {}) => ({ 'token-url': `${server.url}/token`, 'client-id': 'cid', 'client-secret': SECRET, 'refresh-token': RT, 'max-attempts': '2', ...over })

/**
 * What the runner would obey in this output: no line may start (after spaces) with a command other
 * than those the action itself writes, no forged annotation may appear, and `##[` nowhere.
 */
function expectNoInjection(r: RunResult): void {
  for (const line of r.stdout.split(/\r\n|\n|\r/)) {
    const start = line.trimStart()
    if (start.startsWith('::')) expect(start, line).toMatch(OURS)
    expect(start).not.toMatch(/^::(warning|error)::forged/)
    expect(line).not.toContain('##[')
    expect(line).not.toMatch(/(^|\s)::(stop-commands|save-state|set-output|add-path|set-env)/)
  }
  expect(r.stderr).not.toMatch(/at \S+ \(|ReferenceError|TypeError|Unexpected error|Invalid time value/)
}

describe('hostile token endpoint', () => {
  it('a retried 503 and a hostile non-JSON body reach the log as one sanitized line each; the tokens after stay masked', async () => {
    server.reply(
      { status: 503, headers: { 'retry-after': '0' }, body: { error: `temporarily_unavailable${EVIL}`, error_description: `down${EVIL}` } },
      { status: 200, body: { access_token: ACCESS, token_type: 'Bearer', expires_in: 60, refresh_token: NEW_RT } }
    )
    const r = await runAction(inputs())
    expect(r.code, r.stdout).toBe(0)
    expect(r.stdout).toMatch(/^Attempt 1 of 2 failed: Refreshing the token at 127\.0\.0\.1:\d+ failed: HTTP 503 temporarily_unavailable : : ?stop-commands: :pwn/m)
    expectNoInjection(r)
    expect(secretLeaks(r, [SECRET, RT, NEW_RT, ACCESS])).toEqual([])
  })

  it.each([
    ['an OAuth error body', { status: 400, body: { error: 'invalid_request', error_description: `bad${EVIL}` } }],
    ['an error code that is a prototype key', { status: 400, body: { error: '__proto__', error_description: 'x' } }],
    ['the error code constructor', { status: 400, body: { error: 'constructor' } }],
    ['a non-JSON 502 body', { status: 502, body: `<html>${EVIL}</html>` }],
    ['a redirect whose Location carries commands', { status: 302, headers: { location: 'https://evil.example.com/a::stop-commands::x/##[add-mask]y?q=1' } }],
    ['a hostile content type', { status: 500, headers: { 'content-type': 'text/html; x=::stop-commands::pwn ##[add-mask]y' }, body: 'oops' }]
  ])('%s fails with one sanitized ::error', async (_, reply) => {
    server.reply(reply)
    const r = await runAction(inputs({ 'max-attempts': '1' }))
    expect(r.code).toBe(1)
    expect(annotations(r.stdout)).toHaveLength(1)
    expect(annotations(r.stdout)[0]).not.toMatch(/[\r\n\u2028\u0085]/)
    expectNoInjection(r)
    expect(secretLeaks(r, [SECRET, RT])).toEqual([])
  })

  it('an unparseable 2xx body is never echoed', async () => {
    server.reply({ status: 200, headers: { 'content-type': 'text/plain' }, body: `access_token ${ACCESS}\nrefresh_token ${NEW_RT}` })
    const r = await runAction(inputs({ 'max-attempts': '1' }))
    expect(r.code).toBe(1)
    expect(annotations(r.stdout)).toEqual([expect.stringMatching(/failed: HTTP 200 but the body is not a JSON token response: text\/plain, \d+ bytes\. Check that 'token-url'/)])
    expect(r.stdout).not.toContain('access_token')
    expect(r.stdout).not.toContain(ACCESS)
  })

  it('a token_type with a line break fails clearly, and the valid rotated refresh token is still kept and stored', async () => {
    server.reply({ status: 200, body: { access_token: ACCESS, token_type: 'Bearer\n::warning::forged', expires_in: 60, refresh_token: NEW_RT } })
    const r = await runAction(inputs({ 'secret-name': 'RT', 'github-token': PAT }), { env: { GITHUB_REPOSITORY: 'octo/app', GITHUB_API_URL: gh.url } })
    expect(r.code).toBe(1)
    expect(annotations(r.stdout)).toEqual([
      expect.stringMatching(/^The token endpoint at 127\.0\.0\.1:\d+ answered HTTP 200 but the response is invalid: 'token_type' holds whitespace, a line break or a character outside visible ASCII, which no token may .* it is stored in the repository secret RT of octo\/app\.$/)
    ])
    expect(r.outputs).toMatchObject({ 'refresh-token': NEW_RT, 'refresh-token-rotated': 'true', 'secret-updated': 'true' })
    expect(gh.secrets.get('repo:octo/app:RT')!.value).toBe(NEW_RT)
    expectNoInjection(r)
  })

  it.each([
    ['an access token with a space', { access_token: 'at with space', token_type: 'Bearer' }, "'access_token' holds whitespace"],
    ['a refresh token with a line break', { access_token: ACCESS, token_type: 'Bearer', refresh_token: 'rt\nx' }, "'refresh_token' holds a line break or a character outside printable ASCII"],
    ['a refresh token with an outer space', { access_token: ACCESS, token_type: 'Bearer', refresh_token: 'rt ' }, "'refresh_token' begins or ends with a space, which an input of the next run cannot carry"],
    ['a fractional expires_in', { access_token: ACCESS, token_type: 'Bearer', expires_in: 3600.5 }, "'expires_in' must be a non-negative whole number of seconds; got 3600.5"]
  ])('%s is refused, the rotated token never taken from it', async (_, body, problem) => {
    server.reply({ status: 200, body })
    const r = await runAction(inputs({ 'max-attempts': '1' }))
    expect(r.code).toBe(1)
    expect(annotations(r.stdout)[0]).toContain(problem)
    expect(r.outputs['refresh-token-rotated']).toBeUndefined()
  })

  it('an absurd expires_in (1e300) is a warning and unknown, never a crash after the outputs', async () => {
    server.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: `{"access_token":"${ACCESS}","token_type":"Bearer","expires_in":1e300}` })
    const r = await runAction(inputs())
    expect(r.code, r.stdout).toBe(0)
    expect(annotations(r.stdout, 'warning')).toEqual(["'expires_in' is 1e+300, more than ten years: taken as unknown, so 'expires-in' and 'expires-at' are empty."])
    expect(r.outputs).toMatchObject({ 'access-token': ACCESS, 'expires-in': '', 'expires-at': '' })
    expectNoInjection(r)
  })
})

describe('hostile GitHub API', () => {
  it('a message with commands in a retried answer and in a final one is one sanitized line', async () => {
    gh.fail({ method: 'GET', path: '/public-key', status: 502, headers: { 'retry-after': '0' }, body: { message: `busy${EVIL}` } }, { method: 'POST', path: '/variables', status: 422, body: { message: `nope${EVIL}` } })
    server.reply({ status: 200, body: { access_token: ACCESS, token_type: 'Bearer', expires_in: 60, refresh_token: NEW_RT } })
    const r = await runAction(inputs({ 'secret-name': 'RT', 'github-token': PAT }), { env: { GITHUB_REPOSITORY: 'octo/app', GITHUB_API_URL: gh.url } })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^GitHub API attempt 1 of 4 failed: GET \/repos\/octo\/app\/actions\/secrets\/public-key answered HTTP 502 \(busy : : ?stop-commands: :pwn/m)
    expect(annotations(r.stdout)).toEqual([expect.stringMatching(/^Creating the repository variable RT_LOCK of octo\/app failed: HTTP 422 \(nope : : ?stop-commands: :pwn/)])
    expect(server.requests).toHaveLength(0)
    expectNoInjection(r)
    expect(secretLeaks(r, [SECRET, RT, PAT])).toEqual([])
  })

  it('a lock holder name with commands is printed sanitized while this run waits', async () => {
    gh.setVariable('repo:octo/app:RT_LOCK', `oauth-refresh-action:lock:v1 ${JSON.stringify({ holder: `evil${EVIL}`, nonce: 'n', ttl_s: 600 })}`)
    const r = await runAction(inputs({ 'secret-name': 'RT', 'github-token': PAT, 'lock-timeout-seconds': '0' }), { env: { GITHUB_REPOSITORY: 'octo/app', GITHUB_API_URL: gh.url } })
    expect(r.code).toBe(1)
    expect(annotations(r.stdout)[0]).toMatch(/held by evil : : ?stop-commands: :pwn/)
    expectNoInjection(r)
  })

  it('a selected-repository list that never ends stops at the documented bound', async () => {
    gh.org('octo-org').seed('org:octo-org:RT', RT, { visibility: 'selected', selectedRepositoryIds: Array.from({ length: 100 * 100 + 5 }, (_, i) => i + 1) })
    const r = await runAction(inputs({ 'secret-name': 'RT', 'github-token': PAT, 'secret-org': 'octo-org' }), { env: { GITHUB_API_URL: gh.url } })
    expect(r.code).toBe(1)
    expect(annotations(r.stdout)[0]).toMatch(/^Listing the repositories that may read the organization secret RT of octo-org did not end within 100 pages \(10000 repositories\) or 60 s/)
    expect(gh.requests.filter((q) => q.path.includes('/repositories?')).length).toBe(100)
    expect(server.requests).toHaveLength(0)
  })
})

describe('a runner with odd proxy settings', () => {
  it('a malformed HTTPS_PROXY is one clear error, not a stack trace', async () => {
    const r = await runAction(inputs({ 'token-url': 'https://auth.example.com/token' }), { env: { HTTPS_PROXY: 'proxy host:8080' } })
    expect(r.code).toBe(1)
    expect(annotations(r.stdout)).toEqual([
      "The runner's proxy settings (HTTPS_PROXY, HTTP_PROXY) for auth.example.com are not a URL, so nothing was sent. Fix them on the runner, or add the host to NO_PROXY."
    ])
    expectNoInjection(r)
  })
})

describe('hostile saved state and odd inputs', () => {
  const post = (state: Record<string, string>, over: Record<string, string> = {}) =>
    runAction(inputs(over), { env: { STATE_isPost: 'true', ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])) } })

  it.each([
    ['a revocation URL over plain http to another host', { url: 'http://evil.example.com/revoke', authMethod: 'client_secret_basic', accessToken: ACCESS }],
    ['an unknown auth method', { url: `http://127.0.0.1:1/revoke`, authMethod: 'private_key_jwt', basicAuthEncoding: 'form', accessToken: ACCESS }],
    ['an unknown Basic encoding', { url: `http://127.0.0.1:1/revoke`, authMethod: 'client_secret_basic', basicAuthEncoding: 'rot13', accessToken: ACCESS }],
    ['no access token', { url: `http://127.0.0.1:1/revoke`, authMethod: 'client_secret_basic' }]
  ])('the post step refuses %s, sending nothing', async (_, state) => {
    server.reply({ status: 200, body: {} })
    const r = await post({ revoke: JSON.stringify(state) })
    expect(r.code).toBe(0)
    expect(annotations(r.stdout, 'warning')).toEqual(['The saved state for revocation is unreadable; the access token was not revoked and stays valid until it expires.'])
    expect(server.requests).toHaveLength(0)
  })

  it('the post step sanitizes a hostile revocation error and reads none of the inputs it does not need', async () => {
    server.reply({ status: 400, body: { error: `invalid_request${EVIL}` } })
    const r = await post({ revoke: JSON.stringify({ url: `${server.url}/revoke`, authMethod: 'client_secret_basic', basicAuthEncoding: 'form', accessToken: ACCESS }) }, { 'token-url': 'not a url', 'export-env': 'PATH' })
    expect(r.code).toBe(0)
    expect(annotations(r.stdout, 'warning')).toEqual([expect.stringMatching(/^The access token was not revoked: 127\.0\.0\.1:\d+ answered HTTP 400 invalid_request : : ?stop-commands: :pwn/)])
    expectNoInjection(r)
    expect(secretLeaks(r, [SECRET, ACCESS])).toEqual([])
  })

  it.each([
    ['github-token (a tab)', { 'secret-name': 'RT', 'github-token': `${PAT}\tx` }, "Input 'github-token' holds whitespace, a line break"],
    ['github-token (inner newline)', { 'secret-name': 'RT', 'github-token': 'ghp_a\nb' }, "Input 'github-token' holds whitespace, a line break"],
    ['client-secret', { 'client-secret': 'a\nb' }, "Input 'client-secret' holds a line break or another control character"],
    ['export-env PATH', { 'export-env': 'PATH' }, "Input 'export-env' may not be 'PATH'"],
    ['export-env NODE_OPTIONS', { 'export-env': 'node_options' }, "Input 'export-env' may not be 'node_options'"],
    ['export-env GITHUB_TOKEN', { 'export-env': 'GITHUB_TOKEN' }, "Input 'export-env' may not be 'GITHUB_TOKEN'"],
    ['secret-repository', { 'secret-name': 'RT', 'github-token': PAT, 'secret-repository': 'octo/a b' }, "Input 'secret-repository' must be owner/repo"],
    ['secret-org', { 'secret-name': 'RT', 'github-token': PAT, 'secret-org': '-octo' }, "Input 'secret-org' must be an organization login"],
    ['secret-environment', { 'secret-name': 'RT', 'github-token': PAT, 'secret-environment': 'prod\n::warning::x' }, "Input 'secret-environment' must be an environment name"]
  ])('%s: a clear input error before any request', async (_, over, message) => {
    server.reply({ status: 200, body: {} })
    const r = await runAction(inputs(over), { env: { GITHUB_REPOSITORY: 'octo/app', GITHUB_API_URL: gh.url } })
    expect(r.code).toBe(1)
    expect(annotations(r.stdout)).toEqual([expect.stringContaining(message)])
    expect(server.requests).toHaveLength(0)
    expect(gh.requests).toHaveLength(0)
    expectNoInjection(r)
  })
})
