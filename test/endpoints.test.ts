/**
 * Issue 5 through the bundled action, run as a runner would: discovery, presets (through a loopback
 * proxy that records where the action tried to go), verify-url, and revocation in the post step.
 */
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { annotations, runAction, secretLeaks, type RunResult } from './support/runner.js'
import { MockServer, type SeenRequest } from './support/token-server.js'

const SECRET = 'cs-endpoints-secret'
const OLD_RT = 'rt-endpoints-old-0123456789'
const NEW_RT = 'rt-endpoints-new-0123456789'
const ACCESS = 'at-endpoints-0123456789abcdef'
const tokens = { access_token: ACCESS, token_type: 'Bearer', expires_in: 1800, refresh_token: NEW_RT, scope: 'read' }

let server: MockServer
beforeAll(async () => (server = await MockServer.start()))
afterAll(async () => server.close())

const creds = { 'client-id': 'cid', 'client-secret': SECRET, 'refresh-token': OLD_RT }
const paths = () => server.requests.map((r) => `${r.method} ${r.url}`)
/** Runs the post step the way the runner does: the main step's saved state as STATE_* variables. */
const postStep = (inputs: Record<string, string>, main: RunResult) =>
  runAction(inputs, { env: Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v])) })

describe('issuer discovery', () => {
  const metadata = (issuer: string) => ({
    issuer,
    token_endpoint: `${server.url}/token`,
    revocation_endpoint: `${server.url}/revoke`,
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_post']
  })

  it('falls back to OpenID Connect discovery, picks the auth method, and the post step revokes', async () => {
    const issuer = `${server.url}/tenant-1`
    server.reply((req) => {
      if (req.url === '/.well-known/oauth-authorization-server/tenant-1') return { status: 404, body: 'not here' }
      if (req.url === '/tenant-1/.well-known/openid-configuration') return { body: metadata(issuer) }
      if (req.url === '/token') return { body: tokens }
      if (req.url === '/revoke') return { status: 200, body: '' }
      return { status: 500, body: `unexpected ${req.url}` }
    })
    const inputs = { issuer, ...creds, revoke: 'true' }
    const main = await runAction(inputs)
    expect(main.code, main.stdout).toBe(0)
    expect(paths()).toEqual(['GET /.well-known/oauth-authorization-server/tenant-1', 'GET /tenant-1/.well-known/openid-configuration', 'POST /token'])
    const token = server.requests[2]!
    expect(token.headers.authorization).toBeUndefined()
    expect(token.form.get('client_secret')).toBe(SECRET)
    expect(main.state.isPost).toBe('true')
    expect(main.state.revoke).toBeDefined()
    expect(secretLeaks(main, [SECRET, OLD_RT, ACCESS, NEW_RT])).toEqual([])

    const post = await postStep(inputs, main)
    expect(post.code).toBe(0)
    expect(annotations(post.stdout, 'warning')).toEqual([])
    const revocation = server.requests.at(-1)!
    expect(revocation.url).toBe('/revoke')
    expect(Object.fromEntries(revocation.form)).toEqual({ token: ACCESS, token_type_hint: 'access_token', client_id: 'cid', client_secret: SECRET })
    expect(post.stdout).toContain(`Revoked the access token at 127.0.0.1:`)
    // The post step reads only the inputs revocation needs: the refresh token is not among them.
    expect(secretLeaks(post, [SECRET, ACCESS])).toEqual([])
    expect(post.stdout + post.stderr).not.toContain(OLD_RT)
  })

  it('refuses metadata whose issuer differs, before any token request', async () => {
    const issuer = server.url
    server.reply((req) => (req.url === '/.well-known/oauth-authorization-server' ? { body: metadata('https://evil.example.com') } : { status: 500, body: 'no' }))
    const run = await runAction({ issuer, ...creds })
    expect(run.code).toBe(1)
    expect(annotations(run.stdout)).toEqual([
      `The authorization server metadata at ${issuer}/.well-known/oauth-authorization-server is not usable: its issuer is "https://evil.example.com", not the '${issuer}' given in 'issuer' (RFC 8414 §3.3 requires them to be identical; a trailing slash counts). Check 'issuer', or set 'token-url' instead.`
    ])
    expect(paths()).toEqual(['GET /.well-known/oauth-authorization-server'])
  })

  it('a client secret with metadata listing only none: RFC 8414’s default, Basic, with a warning', async () => {
    const issuer = server.url
    server.reply((req) =>
      req.url === '/.well-known/oauth-authorization-server' ? { body: { ...metadata(issuer), token_endpoint_auth_methods_supported: ['none'] } } : req.url === '/token' ? { body: tokens } : { status: 500, body: 'no' }
    )
    const run = await runAction({ issuer, ...creds })
    expect(run.code, run.stdout).toBe(0)
    expect(server.requests.at(-1)!.headers.authorization).toMatch(/^Basic /)
    expect(annotations(run.stdout, 'warning')).toEqual([
      `The metadata of 127.0.0.1:${new URL(issuer).port} lists no client authentication that fits a client secret (it lists none), so the action uses client_secret_basic, RFC 8414's default. Set 'auth-method' to choose another of client_secret_basic, client_secret_post, none.`
    ])
  })

  it.each([
    ['discovery that lists only secret-based methods', (issuer: string) => ({ issuer, token_endpoint: `${server.url}/token`, token_endpoint_auth_methods_supported: ['client_secret_basic'] })],
    ['discovery that lists none', (issuer: string) => ({ issuer, token_endpoint: `${server.url}/token`, token_endpoint_auth_methods_supported: ['none'] })]
  ])('a public client needs no auth-method: %s', async (_, meta) => {
    const issuer = server.url
    server.reply((req) => (req.url === '/.well-known/oauth-authorization-server' ? { body: meta(issuer) } : req.url === '/token' ? { body: tokens } : { status: 500, body: 'no' }))
    const run = await runAction({ issuer, 'client-id': 'cid', 'refresh-token': OLD_RT })
    expect(run.code, run.stdout).toBe(0)
    const token = server.requests.at(-1)!
    expect(token.headers.authorization).toBeUndefined()
    expect(Object.fromEntries(token.form)).toEqual({ grant_type: 'refresh_token', refresh_token: OLD_RT, client_id: 'cid' })
  })

  it('a public client refused as invalid_client is told the secret may be missing', async () => {
    server.reply({ status: 401, body: { error: 'invalid_client' } })
    const run = await runAction({ 'token-url': `${server.url}/token`, 'client-id': 'cid', 'refresh-token': OLD_RT })
    expect(run.code).toBe(1)
    expect(annotations(run.stdout)[0]).toMatch(/No 'client-secret' was given, so the client was sent as a public one \(auth-method none\); if it is confidential, check that the secret exists and reaches this workflow/)
  })

  it('names both URLs when neither has metadata', async () => {
    server.reply({ status: 404, body: 'nothing' })
    const run = await runAction({ issuer: server.url, ...creds })
    expect(annotations(run.stdout)[0]).toBe(
      `No authorization server metadata found for issuer '${server.url}': ${server.url}/.well-known/oauth-authorization-server answered HTTP 404; ${server.url}/.well-known/openid-configuration answered HTTP 404. Check 'issuer' (the server's issuer identifier, as its metadata states it), or set 'token-url' instead.`
    )
  })
})

describe('provider presets', () => {
  let proxy: Server
  let connects: string[]
  beforeAll(async () => {
    // Records each CONNECT target and refuses it: nothing leaves the machine.
    proxy = createServer((socket) => {
      socket.once('data', (d) => {
        connects.push(d.toString().split('\r\n')[0]!)
        socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
      })
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  })
  afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())))

  it.each([
    ['hp-techpulse', 'daas.api.hp.com:443'],
    ['hp-techpulse-eu', 'eu.daas.api.hp.com:443'],
    ['pagerduty', 'identity.pagerduty.com:443'],
    ['github', 'github.com:443']
  ])('%s goes to %s', async (provider, target) => {
    connects = []
    const run = await runAction({ provider, ...creds, 'max-attempts': '1' }, { env: { HTTPS_PROXY: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` } })
    expect(connects).toEqual([`CONNECT ${target} HTTP/1.1`])
    expect(run.code).toBe(1)
    expect(annotations(run.stdout)).toEqual([
      `The proxy from HTTPS_PROXY could not open a connection to ${target.replace(':443', '')} (statusCode=502). Check the runner's proxy settings and that the proxy allows this host, or add the host to NO_PROXY. Nothing reached ${target.replace(':443', '')}, so the refresh token was not used: run again once it is reachable.`
    ])
  })

  it('an explicit token-url wins over the preset, whose auth method still applies', async () => {
    server.reply({ body: tokens })
    const run = await runAction({ provider: 'pagerduty', 'token-url': `${server.url}/token`, ...creds })
    expect(run.code, run.stdout).toBe(0)
    expect(server.requests[0]!.form.get('client_secret')).toBe(SECRET)
  })

  it("HP's millisecond-looking expires_in gets the preset's note", async () => {
    server.reply({ body: { ...tokens, expires_in: 1799999 } })
    const run = await runAction({ provider: 'hp-techpulse', 'token-url': `${server.url}/token`, ...creds })
    // Issue 18: the documented 30 minutes cap it, where it used to give a 20-day 'expires-at'.
    expect(annotations(run.stdout, 'warning')).toEqual([
      "'expires_in' is 1799999, longer than the 30 minutes HP TechPulse documents for its access tokens (HP's own sample response says 1799999 for a 30-minute token: the value reads as milliseconds): 'expires-in' and 'expires-at' use 30 minutes."
    ])
    expect(run.outputs['expires-in']).toBe('1800')
  })
})

describe('verify-url', () => {
  const routes = (api: (req: SeenRequest) => { status?: number; headers?: Record<string, string>; body?: unknown }) => (req: SeenRequest) => (req.url === '/token' ? { body: tokens } : api(req))

  it('passes when the API accepts the token, sending it as a Bearer token', async () => {
    server.reply(routes(() => ({ body: { id: 'me' } })))
    const run = await runAction({ 'token-url': `${server.url}/token`, ...creds, 'verify-url': `${server.url}/api/me` })
    expect(run.code, run.stdout).toBe(0)
    const api = server.requests[1]!
    expect([api.method, api.url, api.headers.authorization, api.headers.accept]).toEqual(['GET', '/api/me', `Bearer ${ACCESS}`, 'application/json'])
    expect(run.stdout).toContain('Verified the new access token: 127.0.0.1:')
    expect(secretLeaks(run, [SECRET, OLD_RT, ACCESS, NEW_RT])).toEqual([])
  })

  it('a PagerDuty-style 403 fails with the scopes, and the rotated refresh token is still output', async () => {
    server.reply(routes(() => ({ status: 403, body: { error: { message: 'token missing required scopes', required_scopes: 'incidents.read', token_scopes: 'openid services.read' } } })))
    const run = await runAction({ 'token-url': `${server.url}/token`, ...creds, 'verify-url': `${server.url}/incidents` })
    expect(run.code).toBe(1)
    expect(run.outputs).toEqual({ 'refresh-token': NEW_RT, 'refresh-token-rotated': 'true' })
    expect(annotations(run.stdout)).toEqual([expect.stringMatching(/refused the new access token for missing scopes: HTTP 403\. It wants: incidents\.read; the token has: openid services\.read\. .* store it before retrying\.$/)])
    expect(secretLeaks(run, [SECRET, OLD_RT, ACCESS, NEW_RT])).toEqual([])
  })

  it('a 401 says the API refused the token', async () => {
    server.reply(routes(() => ({ status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, body: '' })))
    const run = await runAction({ 'token-url': `${server.url}/token`, ...creds, 'verify-url': `${server.url}/me` })
    expect(annotations(run.stdout)[0]).toMatch(/^The API at 127\.0\.0\.1:\d+\/me \('verify-url'\) refused the new access token: HTTP 401 invalid_token\./)
  })
})

describe('revoke', () => {
  it('a failed revocation is a warning, never a failed job', async () => {
    server.reply((req) => (req.url === '/token' ? { body: tokens } : { status: 400, body: { error: 'unsupported_token_type' } }))
    const inputs = { 'token-url': `${server.url}/token`, ...creds, revoke: 'true', 'revocation-url': `${server.url}/revoke` }
    const main = await runAction(inputs)
    const post = await postStep(inputs, main)
    expect(post.code).toBe(0)
    expect(annotations(post.stdout)).toEqual([])
    expect(annotations(post.stdout, 'warning')).toEqual([expect.stringMatching(/^The access token was not revoked: 127\.0\.0\.1:\d+ answered HTTP 400 unsupported_token_type to the revocation request: .* It stays valid until it expires; the job's result is unchanged\.$/)])
    expect(secretLeaks(post, [SECRET, ACCESS])).toEqual([])
  })

  it('without a known revocation endpoint, says so and saves no token', async () => {
    server.reply({ body: tokens })
    const main = await runAction({ 'token-url': `${server.url}/token`, ...creds, revoke: 'true' })
    expect(main.code).toBe(0)
    expect(main.stdout).toContain("'revoke' is on but no revocation endpoint is known")
    expect(main.state).toEqual({ isPost: 'true' })
  })

  it('the post step does nothing when revoke is off', async () => {
    server.reply({ body: tokens })
    const inputs = { 'token-url': `${server.url}/token`, ...creds }
    const post = await postStep(inputs, await runAction(inputs))
    expect(server.requests).toHaveLength(1)
    expect(post.stdout).toBe('')
  })
})
