/**
 * The built dist/index.js, run as a child process the way the runner runs it, against a loopback
 * token server: outputs, annotations, the job summary, and that no secret reaches a log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { annotations, runAction, secretLeaks } from './support/runner.js'
import { decodeBasic, MockServer } from './support/token-server.js'

const CLIENT_SECRET = 'cs-Secret+With/Special=chars'
const OLD_RT = 'rt-old-0123456789abcdef'
const NEW_RT = 'pdus+_rt-new-0123456789abcdef'
const ACCESS = 'at-new-0123456789abcdefghij'
const SECRETS = [CLIENT_SECRET, OLD_RT]

let server: MockServer
beforeAll(async () => (server = await MockServer.start()))
afterAll(async () => server.close())

const inputs = (over: Record<string, string> = {}) => ({
  'token-url': `${server.url}/oauth/token`,
  'client-id': 'my client',
  'client-secret': CLIENT_SECRET,
  'refresh-token': OLD_RT,
  ...over
})
const basic = () => Buffer.from(`my+client:${encodeURIComponent(CLIENT_SECRET)}`).toString('base64')

describe('the bundled action', () => {
  it('refreshes, masks and outputs a rotated token (the happy path)', async () => {
    server.reply({ body: { access_token: ACCESS, token_type: 'Bearer', expires_in: 1800, refresh_token: NEW_RT, scope: 'Read' } })
    const before = Date.now()
    const run = await runAction(inputs({ 'required-scopes': 'Read', 'export-env': 'API_TOKEN' }), { env: { RUNNER_DEBUG: '1' } })

    expect(run.code).toBe(0)
    expect(annotations(run.stdout)).toEqual([])
    const { 'expires-at': at, ...rest } = run.outputs
    expect(rest).toEqual({
      'refresh-token': NEW_RT,
      'refresh-token-rotated': 'true',
      'access-token': ACCESS,
      'token-type': 'Bearer',
      'expires-in': '1800',
      scope: 'Read',
      'token-source': 'refreshed',
      // Issue 18's two outputs: every field but the tokens, and no refresh-token lifetime reported.
      'response-fields': '{"token_type":"Bearer","expires_in":1800,"scope":"Read"}',
      'refresh-token-expires-at': ''
    })
    const expiry = Date.parse(at!)
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(expiry).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 1800_000)
    expect(expiry).toBeLessThanOrEqual(Date.now() + 1800_000)
    expect(run.env).toEqual({ API_TOKEN: ACCESS })

    const [req] = server.requests
    expect(req!.headers.authorization).toBe(`Basic ${basic()}`)
    expect(decodeBasic(req!.headers.authorization)).toEqual(['my client', CLIENT_SECRET])
    expect(Object.fromEntries(req!.form)).toEqual({ grant_type: 'refresh_token', refresh_token: OLD_RT })

    expect(run.stdout).toContain('::debug::Refreshing at http://127.0.0.1:')
    expect(secretLeaks(run, [...SECRETS, basic(), ACCESS, NEW_RT])).toEqual([])
    expect(run.summary).toContain('<td>127.0.0.1:')
    expect(run.summary).toContain('<td>Read</td>')
    expect(run.summary).toContain(`<td>${at}</td>`)
    for (const secret of [...SECRETS, ACCESS, NEW_RT, basic()]) expect(run.summary).not.toContain(secret)
  })

  it('outputs the input refresh token when it did not rotate', async () => {
    server.reply({ body: { access_token: ACCESS, token_type: 'bearer' } })
    const run = await runAction(inputs({ scope: 'a b' }))
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ 'refresh-token': OLD_RT, 'refresh-token-rotated': 'false', 'expires-in': '', 'expires-at': '', scope: 'a b' })
    expect(server.requests[0]!.form.get('scope')).toBe('a b')
  })

  it('client_secret_post sends credentials in the body, with + kept intact', async () => {
    server.reply({ body: { access_token: ACCESS, token_type: 'Bearer', refresh_token: NEW_RT } })
    const run = await runAction(inputs({ 'auth-method': 'client_secret_post' }))
    expect(run.code).toBe(0)
    const [req] = server.requests
    expect(req!.headers.authorization).toBeUndefined()
    expect(req!.form.get('client_secret')).toBe(CLIENT_SECRET)
    expect(req!.form.get('client_id')).toBe('my client')
  })

  it('a 401 gives one annotation naming the fix, and no stack trace', async () => {
    server.reply({ status: 401, headers: { 'www-authenticate': 'Basic realm="x"' }, body: { error: 'invalid_client', error_description: 'client authentication failed' } })
    const run = await runAction(inputs(), { env: { RUNNER_DEBUG: '1' } })
    expect(run.code).toBe(1)
    const errors = annotations(run.stdout)
    expect(errors).toHaveLength(1)
    // Issue 19: one piece of advice. Both encodings were tried (the secret has reserved characters), so no 'try raw'.
    expect(errors[0]).toMatch(/^Refreshing the token at 127\.0\.0\.1:\d+ failed: HTTP 401 invalid_client \(client authentication failed\)\. The client credentials were rejected\. Both Basic encodings were tried .*, so 'client-id' or 'client-secret' itself is not what the server expects/)
    expect(errors[0]).not.toContain('basic-auth-encoding')
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /)
    expect(run.outputs).toEqual({})
    expect(secretLeaks(run, [...SECRETS, basic()])).toEqual([])
  })

  it('a dead refresh token names the cause and the fix', async () => {
    server.reply({ status: 400, body: { error: 'invalid_grant', error_description: 'grant request is invalid' } })
    const run = await runAction(inputs())
    expect(annotations(run.stdout)).toEqual([
      expect.stringMatching(/failed: HTTP 400 invalid_grant \(grant request is invalid\)\. The refresh token was rejected: it expired, was revoked, or was already used .* set 'secret-name' so that runs sharing it take turns and never present a spent token\./)
    ])
  })

  it('keeps the rotated refresh token when the scope check then fails', async () => {
    server.reply({ body: { access_token: ACCESS, token_type: 'Bearer', refresh_token: NEW_RT, scope: 'services.read users.read' } })
    const run = await runAction(inputs({ 'required-scopes': 'incidents.read,services.read' }))
    expect(run.code).toBe(1)
    expect(run.outputs).toEqual({ 'refresh-token': NEW_RT, 'refresh-token-rotated': 'true' })
    expect(annotations(run.stdout)).toEqual([
      "The new access token lacks required scopes: missing incidents.read; granted services.read users.read. Authorize the OAuth app for the missing scopes (this usually means a new consent and a new refresh token), or drop them from 'required-scopes'. " +
        "The provider issued a new refresh token before this failure and the old one may no longer work: it is in this step's masked 'refresh-token' output; store it before retrying."
    ])
    expect(secretLeaks(run, [...SECRETS, ACCESS, NEW_RT])).toEqual([])
  })

  it('keeps the rotated refresh token when the response is otherwise invalid', async () => {
    server.reply({ body: { access_token: ACCESS, refresh_token: NEW_RT, expires_in: 'later' } })
    const run = await runAction(inputs())
    expect(run.code).toBe(1)
    expect(run.outputs).toEqual({ 'refresh-token': NEW_RT, 'refresh-token-rotated': 'true' })
    expect(annotations(run.stdout)[0]).toContain("'token_type' must be a non-empty string")
    expect(secretLeaks(run, [...SECRETS, ACCESS, NEW_RT])).toEqual([])
  })

  it('retries a 503 honouring Retry-After, then succeeds', async () => {
    server.reply({ status: 503, headers: { 'retry-after': '0' }, body: 'busy' }, { body: { access_token: ACCESS, token_type: 'Bearer' } })
    const run = await runAction(inputs())
    expect(run.code).toBe(0)
    expect(server.requests).toHaveLength(2)
    expect(run.stdout).toContain('Attempt 1 of 3 failed: Refreshing the token at 127.0.0.1')
    expect(run.summary).toContain('<td>2</td>')
  })

  it('a hung server is bounded by timeout-seconds', async () => {
    server.reply(() => 'hang')
    const run = await runAction(inputs({ 'timeout-seconds': '1', 'max-attempts': '1' }))
    expect(run.code).toBe(1)
    expect(annotations(run.stdout)).toEqual([expect.stringMatching(/^No complete answer from 127\.0\.0\.1:\d+ within 1 s/)])
  })

  it('an input error names the input and still masks the secrets', async () => {
    const run = await runAction(inputs({ 'token-url': 'http://auth.example.com/token' }))
    expect(run.code).toBe(1)
    expect(annotations(run.stdout)).toEqual(["Input 'token-url' must use https (plain http only for localhost, 127.0.0.0/8 and [::1]); got 'http://auth.example.com'."])
    expect(secretLeaks(run, SECRETS)).toEqual([])
  })

  it('a login page instead of a token endpoint is described by type and size, never echoed', async () => {
    server.reply({ headers: { 'content-type': 'text/html' }, body: `<html>Sign in ${OLD_RT}</html>` })
    const run = await runAction(inputs())
    const [error] = annotations(run.stdout)
    expect(error).toMatch(/^Refreshing the token at .* failed: HTTP 200 but the body is not a JSON token response: text\/html, \d+ bytes\. Check that 'token-url'/)
    expect(run.stdout).not.toContain('Sign in')
    expect(secretLeaks(run, SECRETS)).toEqual([])
  })

  it.each([
    ['GITHUB_OUTPUT', {}, 'outputs'],
    ['GITHUB_ENV', { 'export-env': 'API_TOKEN' }, "'export-env'"]
  ])('refuses to run without %s, before any request, rather than print the token', async (variable, more, what) => {
    server.reply({ body: { access_token: ACCESS, token_type: 'Bearer' } })
    const run = await runAction(inputs(more), { env: { [variable]: '' } })
    expect(run.code).toBe(1)
    expect(annotations(run.stdout)).toEqual([
      `${variable} is not set, so ${what} would be printed to the log instead of written to the runner's file. Run this action on a GitHub Actions runner (or one that provides ${variable}); nothing was requested.`
    ])
    expect(server.requests).toHaveLength(0)
  })
})
