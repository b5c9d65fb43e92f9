/**
 * The OAuth pieces of the authorize command, without a network: PKCE, the authorization URL, the
 * answer at the redirect, the code and device requests (client authentication as the refresh's),
 * the device authorization response and the polling schedule on a fake clock.
 */
import { describe, expect, it } from 'vitest'
import { ActionError } from '../src/errors.js'
import { parseBody, type HttpRequest, type HttpResponse } from '../src/http.js'
import { authorizationUrl, pkcePair, probeAuthorization, readCallback, s256 } from '../src/oauth/authorization.js'
import { parseDeviceAuthorization, pollDeviceToken, type DeviceAuthorization } from '../src/oauth/device.js'
import { parseMetadata } from '../src/oauth/discovery.js'
import { grantError, requestGrant, withBasicFallback } from '../src/oauth/grants.js'
import { basicCredentials, buildAuthorizationCodeRequest, buildDeviceAuthorizationRequest, buildDeviceCodeRequest, DEVICE_CODE_GRANT, type ClientAuth } from '../src/oauth/token-request.js'

const TOKEN = new URL('https://auth.example.com/token')
const basic: ClientAuth = { clientId: 'cli', clientSecret: 's3cr=t', authMethod: 'client_secret_basic', basicAuthEncoding: 'form' }
const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
const form = (req: HttpRequest) => Object.fromEntries(new URLSearchParams(req.body))

/** Throws `fn`'s ActionError, for asserting its code and message together. */
function caught(fn: () => unknown): ActionError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ActionError) return e
    throw e
  }
  throw new Error('did not throw')
}

describe('PKCE (RFC 7636)', () => {
  it('S256 of the Appendix B verifier is the Appendix B challenge', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
  })
  it('a fresh verifier is 43 unreserved characters (§4.1), and pairs differ', () => {
    const a = pkcePair()
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(a.challenge).toBe(s256(a.verifier))
    expect(pkcePair().verifier).not.toBe(a.verifier)
  })
})

describe('authorizationUrl (RFC 6749 §4.1.1)', () => {
  const base = { endpoint: new URL('https://id.example.com/authorize?tenant=t1'), clientId: 'cli', redirectUri: 'http://127.0.0.1:5000/callback', state: 'st', codeChallenge: 'ch', params: {} }
  it('carries the request, PKCE S256, and keeps the endpoint query (§3.1)', () => {
    const url = authorizationUrl({ ...base, scope: 'read write' })
    expect(Object.fromEntries(url.searchParams)).toEqual({ tenant: 't1', response_type: 'code', client_id: 'cli', redirect_uri: 'http://127.0.0.1:5000/callback', scope: 'read write', state: 'st', code_challenge: 'ch', code_challenge_method: 'S256' })
  })
  it("a preset's or the user's parameters go along; the request's own always win", () => {
    const url = authorizationUrl({ ...base, scope: undefined, params: { access_type: 'offline', prompt: 'consent', state: 'forged' } })
    expect(url.searchParams.get('access_type')).toBe('offline')
    expect(url.searchParams.get('state')).toBe('st')
    expect(url.searchParams.has('scope')).toBe(false)
  })
  it('offline_access brings prompt=consent (OpenID Connect Core §11) unless a prompt is given', () => {
    expect(authorizationUrl({ ...base, scope: 'openid offline_access' }).searchParams.get('prompt')).toBe('consent')
    expect(authorizationUrl({ ...base, scope: 'openid offline_access', params: { prompt: 'login consent' } }).searchParams.get('prompt')).toBe('login consent')
    expect(authorizationUrl({ ...base, scope: 'openid' }).searchParams.has('prompt')).toBe(false)
  })
  it('no challenge for a provider without PKCE', () => {
    const url = authorizationUrl({ ...base, scope: undefined, codeChallenge: undefined })
    expect(url.searchParams.has('code_challenge')).toBe(false)
    expect(url.searchParams.has('code_challenge_method')).toBe(false)
  })
})

describe('readCallback (RFC 6749 §4.1.2, §10.12; RFC 9207)', () => {
  const expected = { state: 'st', issuer: 'https://id.example.com', host: 'id.example.com' }
  const q = (s: string) => new URLSearchParams(s)
  it('returns the code when the state is this request\'s', () => {
    expect(readCallback(q('code=abc&state=st&iss=https%3A%2F%2Fid.example.com'), expected)).toBe('abc')
    expect(readCallback(q('code=abc&state=st'), expected)).toBe('abc')
  })
  it.each([
    ['code=abc&state=other', 'state_mismatch', 'carries a state that is not the one this command sent'],
    ['code=abc', 'state_mismatch', 'carries no state'],
    ['error=access_denied&state=other', 'state_mismatch', 'so it is refused'],
    ['code=abc&state=st&iss=https%3A%2F%2Fevil.example', 'authorization_refused', "came from issuer 'https://evil.example'"],
    ['error=access_denied&error_description=User+said+no&state=st', 'access_denied', 'Authorization was denied at id.example.com: access_denied (User said no). Nothing was stored'],
    ['error=invalid_scope&state=st', 'authorization_refused', 'refused the request: invalid_scope. Check --scope'],
    ['error=invalid_request&error_description=PKCE+required&state=st', 'authorization_refused', 'invalid_request (PKCE required)'],
    ['error=%3A%3Aerror%3A%3Ax%0Ay&state=st', 'authorization_refused', 'refused the request: : :error: :x y.'],
    ['state=st', 'authorization_refused', 'neither a code nor an error']
  ])('%s → %s', (query, code, text) => {
    const e = caught(() => readCallback(q(query), expected))
    expect(e.code).toBe(code)
    expect(e.message).toContain(text)
  })
})

describe('the grant requests: client authentication as the refresh does it', () => {
  it('authorization code (RFC 6749 §4.1.3) with the verifier (RFC 7636 §4.5), Basic', () => {
    const req = buildAuthorizationCodeRequest(TOKEN, basic, 'c0de', 'http://127.0.0.1:1/callback', 'v3rifier')
    expect(req.headers.authorization).toBe(`Basic ${basicCredentials('cli', 's3cr=t', 'form')}`)
    expect(form(req)).toEqual({ grant_type: 'authorization_code', code: 'c0de', redirect_uri: 'http://127.0.0.1:1/callback', code_verifier: 'v3rifier' })
  })
  it('a public client identifies itself in the body; client_secret_post sends the secret there', () => {
    expect(form(buildAuthorizationCodeRequest(TOKEN, { ...basic, authMethod: 'none' }, 'c', 'r', 'v'))).toMatchObject({ client_id: 'cli' })
    expect(form(buildAuthorizationCodeRequest(TOKEN, { ...basic, authMethod: 'none' }, 'c', 'r', 'v')).client_secret).toBeUndefined()
    expect(form(buildAuthorizationCodeRequest(TOKEN, { ...basic, authMethod: 'client_secret_post' }, 'c', 'r', undefined))).toEqual({ grant_type: 'authorization_code', code: 'c', redirect_uri: 'r', client_id: 'cli', client_secret: 's3cr=t' })
  })
  it('device authorization (RFC 8628 §3.1) and the device code poll (§3.4)', () => {
    const ask = buildDeviceAuthorizationRequest(new URL('https://auth.example.com/device'), basic, 'repo user')
    expect(form(ask)).toEqual({ client_id: 'cli', scope: 'repo user' })
    expect(ask.headers.authorization).toMatch(/^Basic /)
    expect(form(buildDeviceCodeRequest(TOKEN, { ...basic, authMethod: 'none' }, 'dev'))).toEqual({ grant_type: DEVICE_CODE_GRANT, device_code: 'dev', client_id: 'cli' })
  })
})

describe('grantError: the refresh classification, in the words of each grant', () => {
  it.each([
    [json(400, { error: 'invalid_grant', error_description: 'code expired' }), 'authorization_code', 'invalid_grant', 'Exchanging the authorization code at h failed: HTTP 400 invalid_grant (code expired). The authorization code was refused'],
    [json(400, { error: 'invalid_grant' }), 'device_code', 'invalid_grant', 'The device code was refused'],
    [json(400, { error: 'access_denied' }), 'device_code', 'access_denied', 'The authorization was denied.'],
    [json(400, { error: 'expired_token' }), 'device_code', 'expired_token', 'The code expired before'],
    [json(401, { error: 'invalid_client' }), 'authorization_code', 'invalid_client', 'try --auth-method client_secret_post'],
    [json(400, { error: 'unauthorized_client' }), 'device_authorization', 'unauthorized_client', 'Requesting a device code at h failed: HTTP 400 unauthorized_client'],
    [json(400, { error: 'weird' }), 'authorization_code', 'oauth_error', "See the provider's documentation"],
    [{ status: 302, headers: { location: 'https://elsewhere.example/x?y' }, body: '' }, 'authorization_code', 'redirect', 'Exchanging the authorization code at h failed: HTTP 302 redirect to https://elsewhere.example/x.'],
    [{ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>' }, 'authorization_code', 'not_json', 'Exchanging the authorization code at h failed: HTTP 200 but the body is not a JSON token response']
  ] as const)('%# %s', (res, grant, code, text) => {
    const e = grantError(res, parseBody(res), 'h', grant)!
    expect(e.code).toBe(code)
    expect(e.message).toContain(text)
  })
  it('a success is left to validation', () => expect(grantError(json(200, { access_token: 'a', token_type: 'Bearer' }), { access_token: 'a' }, 'h', 'authorization_code')).toBeUndefined())
})

/** A token endpoint answering from a script, with a fake clock that sleeps advance. */
function scripted(answers: HttpResponse[]) {
  let clock = 0
  const sleeps: number[] = []
  const seen: HttpRequest[] = []
  const deps = {
    send: async (req: HttpRequest) => {
      seen.push(req)
      const next = answers.shift()
      if (!next) throw new Error('no answer scripted')
      return next
    },
    now: () => clock,
    sleep: async (ms: number) => void (sleeps.push(ms), (clock += ms)),
    info: () => {}
  }
  return { deps, sleeps, seen }
}

describe('requestGrant: an authorization code is presented once', () => {
  it('a 503 after the code was sent is final (the server may have used the code)', async () => {
    const { deps, seen } = scripted([json(503, { error: 'temporarily_unavailable' })])
    await expect(requestGrant(buildAuthorizationCodeRequest(TOKEN, basic, 'c', 'r', 'v'), 'authorization_code', { maxAttempts: 3, timeoutMs: 1000 }, deps)).rejects.toMatchObject({ code: 'oauth_error' })
    expect(seen).toHaveLength(1)
  })
  it('withBasicFallback: form first, raw once after invalid_client, and says which worked', async () => {
    const tried: string[] = []
    const { value, client } = await withBasicFallback(basic, async (c) => {
      tried.push(c.basicAuthEncoding)
      if (c.basicAuthEncoding === 'form') throw new ActionError('invalid_client', 'no')
      return 'ok'
    })
    expect([value, client.basicAuthEncoding, tried]).toEqual(['ok', 'raw', ['form', 'raw']])
    await expect(withBasicFallback(basic, async () => { throw new ActionError('invalid_grant', 'no') })).rejects.toMatchObject({ code: 'invalid_grant' })
  })
})

describe('the device flow (RFC 8628)', () => {
  const where = 'auth.example.com'
  const d: DeviceAuthorization = { deviceCode: 'dev', userCode: 'WDJB-MJHT', verificationUri: new URL('https://example.com/device'), verificationUriComplete: undefined, expiresInS: 60, intervalS: 5 }
  it('parses §3.2, interval 5 by default, Google\'s verification_url too', () => {
    expect(parseDeviceAuthorization({ device_code: 'dev', user_code: 'WDJB-MJHT', verification_url: 'https://example.com/device', expires_in: 1800 }, where)).toMatchObject({ userCode: 'WDJB-MJHT', verificationUri: new URL('https://example.com/device'), expiresInS: 1800, intervalS: 5 })
  })
  it.each([
    [{ user_code: 'U', verification_uri: 'https://e/x', expires_in: 60 }, "'device_code' must be a non-empty string"],
    [{ device_code: 'd', user_code: 'U\nV', verification_uri: 'https://e/x', expires_in: 60 }, "'user_code' must be a non-empty string of visible ASCII"],
    [{ device_code: 'd', user_code: 'U', verification_uri: 'http://evil.example/x', expires_in: 60 }, "'verification_uri' must use https"],
    [{ device_code: 'd', user_code: 'U', verification_uri: 'https://e/x', expires_in: -1 }, "'expires_in' must be a whole number"],
    [{ device_code: 'd', user_code: 'U', verification_uri: 'https://e/x', expires_in: 60, interval: 0 }, "'interval' must be a whole number"]
  ])('refuses %j', (fields, text) => {
    const e = caught(() => parseDeviceAuthorization(fields, where))
    expect(e.code).toBe('invalid_response')
    expect(e.message).toContain(text)
  })

  const tokens = json(200, { access_token: 'at', token_type: 'Bearer', refresh_token: 'rt' })
  const poll = () => buildDeviceCodeRequest(TOKEN, basic, 'dev')
  it('waits an interval before each poll, five seconds more after each slow_down (§3.5)', async () => {
    const { deps, sleeps, seen } = scripted([json(400, { error: 'authorization_pending' }), json(400, { error: 'slow_down' }), json(400, { error: 'authorization_pending' }), json(400, { error: 'slow_down' }), tokens])
    expect(await pollDeviceToken(poll, { ...d, expiresInS: 600 }, { maxAttempts: 3, timeoutMs: 1000 }, deps)).toMatchObject({ refresh_token: 'rt' })
    expect(sleeps).toEqual([5000, 5000, 10_000, 10_000, 15_000])
    expect(seen).toHaveLength(5)
  })
  it('stops at access_denied, and when the code expires before the next poll', async () => {
    await expect(pollDeviceToken(poll, d, { maxAttempts: 1, timeoutMs: 1000 }, scripted([json(400, { error: 'access_denied' })]).deps)).rejects.toMatchObject({ code: 'access_denied' })
    const { deps, sleeps } = scripted(Array.from({ length: 20 }, () => json(400, { error: 'authorization_pending' })))
    await expect(pollDeviceToken(poll, d, { maxAttempts: 1, timeoutMs: 1000 }, deps)).rejects.toMatchObject({ code: 'expired_token', message: expect.stringContaining('The user code expired (after 60 s)') })
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000)
  })
})

describe('discovery names where users consent', () => {
  it('authorization_endpoint and device_authorization_endpoint (RFC 8414 §2, RFC 8628 §4)', () => {
    const issuer = 'https://id.example.com'
    const url = new URL(`${issuer}/.well-known/openid-configuration`)
    const m = parseMetadata(json(200, { issuer, token_endpoint: `${issuer}/token`, authorization_endpoint: `${issuer}/auth`, device_authorization_endpoint: `${issuer}/device` }), url, issuer)
    expect([m.authorizationEndpoint?.href, m.deviceAuthorizationEndpoint?.href]).toEqual([`${issuer}/auth`, `${issuer}/device`])
    expect(() => parseMetadata(json(200, { issuer, token_endpoint: `${issuer}/token`, authorization_endpoint: 'http://evil.example/auth' }), url, issuer)).toThrow("'authorization_endpoint' must use https")
  })
})

describe('probeAuthorization: a refusal is known before a browser opens', () => {
  const url = new URL('https://id.example.com/auth?x=1')
  const redirect = 'http://127.0.0.1:5000/callback'
  it.each([
    [{ status: 400, headers: { 'content-type': 'text/html' }, body: '<h1>oops</h1><p>redirect_uri did not match any registered</p><script>x()</script>' }, 'authorization_refused', 'HTTP 400 ("oops redirect_uri did not match any registered")'],
    [{ status: 303, headers: { location: `${redirect}?error=invalid_request&error_description=PKCE+required&state=st` }, body: '' }, 'authorization_refused', 'invalid_request (PKCE required)']
  ])('%# refused', async (res, code, text) => {
    await expect(probeAuthorization(url, redirect, { state: 'st' }, 1000, scripted([res]).deps)).rejects.toMatchObject({ code, message: expect.stringContaining(text) })
  })
  it.each([
    [{ status: 302, headers: { location: 'https://id.example.com/login' }, body: '' }],
    [{ status: 200, headers: {}, body: '<form>login</form>' }],
    [{ status: 403, headers: {}, body: 'bot check' }]
  ])('%# is for the browser', async (res) => {
    await expect(probeAuthorization(url, redirect, { state: 'st' }, 1000, scripted([res]).deps)).resolves.toBeUndefined()
  })
})
