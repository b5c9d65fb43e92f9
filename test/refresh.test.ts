import nock from 'nock'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ActionError } from '../src/errors.js'
import { send } from '../src/http.js'
import { buildRefreshRequest } from '../src/oauth/token-request.js'
import { PROVIDERS, reuseWindowMs } from '../src/oauth/providers/index.js'
import type { Provider } from '../src/oauth/providers/types.js'
import { refreshGrant, requestTokens, type TokenLimits as Limits, type RefreshDeps } from '../src/oauth/refresh.js'

const ORIGIN = 'https://auth.example.com'
const client = { clientId: 'cid', clientSecret: 'csecret', authMethod: 'client_secret_basic', basicAuthEncoding: 'form' } as const
const refresh = (limits: Partial<Limits>, deps: RefreshDeps) =>
  requestTokens(buildRefreshRequest(new URL(`${ORIGIN}/oauth/token`), client, 'rt-old', undefined), { maxAttempts: 3, timeoutMs: 2000, reuseWindowMs: 0, ...limits }, deps)

function harness() {
  const masked: string[] = []
  const logged: string[] = []
  const slept: number[] = []
  const deps: RefreshDeps = {
    send,
    mask: (s) => masked.push(s),
    info: (l) => logged.push(l),
    sleep: async (ms) => void slept.push(ms),
    now: () => 0,
    random: () => 1
  }
  return { deps, masked, logged, slept }
}

const ok = { access_token: 'at-new', token_type: 'Bearer', expires_in: 1800, refresh_token: 'rt-new' }

beforeAll(() => {
  nock.disableNetConnect()
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/)
})
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([])
  nock.cleanAll()
})

async function failure(p: Promise<unknown>): Promise<ActionError> {
  const e = await p.then(() => undefined, (err: unknown) => err)
  expect(e).toBeInstanceOf(ActionError)
  return e as ActionError
}

describe('requestTokens', () => {
  it('posts the refresh grant with Basic auth and masks every credential before returning', async () => {
    const h = harness()
    // An unmatched header or body gets nock's 501, so these matchers are the assertions on the request.
    nock(ORIGIN)
      .matchHeader('authorization', `Basic ${Buffer.from('cid:csecret').toString('base64')}`)
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .matchHeader('accept', 'application/json')
      .post('/oauth/token', 'grant_type=refresh_token&refresh_token=rt-old')
      .reply(200, { ...ok, id_token: 'idt' })
    const result = await refresh({ maxAttempts: 1 }, h.deps)
    expect(result.attempts).toBe(1)
    expect(result.fields).toMatchObject(ok)
    // The credentials of the request first (each form once), then those of the response.
    expect(h.masked).toEqual([Buffer.from('cid:csecret').toString('base64'), 'rt-old', 'at-new', 'rt-new', 'idt'])
  })

  it('masks the credentials of a JSON request in their JSON-escaped form too', async () => {
    const h = harness()
    nock(ORIGIN).post('/oauth/token', { grant_type: 'refresh_token', refresh_token: 'rt"q\\', client_id: 'cid', client_secret: 'se"c' }).reply(200, ok)
    const req = buildRefreshRequest(new URL(`${ORIGIN}/oauth/token`), { ...client, authMethod: 'client_secret_post', clientSecret: 'se"c' }, 'rt"q\\', undefined, { format: 'json' })
    await requestTokens(req, { maxAttempts: 1, timeoutMs: 2000, reuseWindowMs: 0 }, h.deps)
    expect(h.masked).toEqual(expect.arrayContaining(['rt"q\\', 'rt\\"q\\\\', 'se"c', 'se\\"c']))
  })

  it('retries 503 then succeeds, with exponential backoff (503 and 429 say the request was not handled)', async () => {
    const h = harness()
    nock(ORIGIN).post('/oauth/token').reply(503, 'down').post('/oauth/token').reply(429, 'slow').post('/oauth/token').reply(200, ok)
    const result = await refresh({}, h.deps)
    expect(result.attempts).toBe(3)
    expect(h.slept).toEqual([1000, 2000])
    expect(h.logged[0]).toBe('Attempt 1 of 3 failed: Refreshing the token at auth.example.com failed: HTTP 503. no content type, 4 bytes: "down" The server or a proxy in front of it failed. Retrying in 1.0 s.')
  })

  it('honours Retry-After on 429', async () => {
    const h = harness()
    nock(ORIGIN).post('/oauth/token').reply(429, { error: 'slow_down' }, { 'Retry-After': '4' }).post('/oauth/token').reply(200, ok)
    await refresh({}, h.deps)
    expect(h.slept).toEqual([4000])
  })

  it('gives up after max-attempts, saying how many were made', async () => {
    const h = harness()
    nock(ORIGIN).post('/oauth/token').times(2).reply(503, '')
    const e = await failure(refresh({ maxAttempts: 2 }, h.deps))
    expect(e.code).toBe('http_status')
    expect(e.message).toBe('Refreshing the token at auth.example.com failed: HTTP 503. The server or a proxy in front of it failed. (2 attempts made.)')
  })

  it.each([500, 502, 504])('never presents the token again after HTTP %i: the server may have rotated it (RFC 9700 §4.14.2)', async (status) => {
    const h = harness()
    nock(ORIGIN).post('/oauth/token').reply(status, '')
    const e = await failure(refresh({}, h.deps))
    expect(e.code).toBe('http_status')
    expect(e.details.status).toBe(status)
    expect(e.message).toMatch(/The request may have reached the server and rotated the refresh token before the answer was lost, so it was not sent again: presenting a spent refresh token can make the provider revoke the whole grant \(RFC 9700 §4\.14\.2\)\.$/)
    expect(h.slept).toEqual([])
  })

  it('inside the provider’s reuse window, retries a 5xx, and explains an invalid_grant met on that retry', async () => {
    const h = harness()
    nock(ORIGIN).post('/oauth/token').reply(504, '').post('/oauth/token').reply(400, { error: 'invalid_grant', error_description: 'grant request is invalid' })
    const e = await failure(refresh({ reuseWindowMs: 60_000 }, h.deps))
    expect(e.code).toBe('invalid_grant')
    expect(e.message).toContain("(2 attempts made.) An earlier attempt of this run, inside the provider's reuse window, may have reached the server and rotated the refresh token")
  })

  it('max-attempts 1 never retries', async () => {
    const h = harness()
    nock(ORIGIN).post('/oauth/token').reply(503, '')
    const e = await failure(refresh({ maxAttempts: 1 }, h.deps))
    expect(e.details.status).toBe(503)
    expect(h.slept).toEqual([])
  })

  it.each([400, 401, 403])('never retries HTTP %i', async (status) => {
    const h = harness()
    nock(ORIGIN).post('/oauth/token').reply(status, { error: 'invalid_grant' })
    const e = await failure(refresh({}, h.deps))
    expect(e.code).toBe('invalid_grant')
    expect(h.slept).toEqual([])
  })

  it('does not retry a connection reset after the request was sent, but does inside a reuse window', async () => {
    const h = harness()
    const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
    nock(ORIGIN).post('/oauth/token').replyWithError(reset())
    const e = await failure(refresh({}, h.deps))
    expect(e.code).toBe('network')
    expect(e.message).toContain('so it was not sent again')
    nock(ORIGIN).post('/oauth/token').replyWithError(reset()).post('/oauth/token').reply(200, ok)
    expect((await refresh({ reuseWindowMs: 60_000 }, h.deps)).attempts).toBe(2)
  })

  it('retries a refused connection: nothing reached the server', async () => {
    const h = harness()
    const url = new URL('http://127.0.0.1:9/oauth/token')
    const e = await failure(requestTokens(buildRefreshRequest(url, client, 'rt-old', undefined), { maxAttempts: 3, timeoutMs: 2000, reuseWindowMs: 0 }, h.deps))
    expect(e.code).toBe('network')
    expect(e.details.unsent).toBe(true)
    expect(e.message).toBe('127.0.0.1:9 refused the connection. (3 attempts made.) Nothing reached 127.0.0.1:9, so the refresh token was not used: run again once it is reachable.')
  })

  it('does not retry a DNS failure, and says what to check', async () => {
    const h = harness()
    nock(ORIGIN).post('/oauth/token').replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }))
    const e = await failure(refresh({}, h.deps))
    // Issue 19: a network failure says whether the refresh token was sent.
    expect(e.message).toBe('Cannot resolve auth.example.com (DNS: ENOTFOUND). Check the host name in the URL; on a self-hosted runner, check its DNS and proxy settings (HTTPS_PROXY, NO_PROXY). Nothing reached auth.example.com, so the refresh token was not used: run again once it is reachable.')
  })

  it('bounds each attempt with timeout-seconds', async () => {
    const h = harness()
    nock(ORIGIN).post('/oauth/token').delay(3000).reply(200, ok)
    const e = await failure(refresh({ timeoutMs: 200, maxAttempts: 1 }, h.deps))
    expect(e.code).toBe('timeout')
    expect(e.message).toBe(
      "No complete answer from auth.example.com within 0.2 s (the 'timeout-seconds' bound on each attempt). The request may have reached the server and rotated the refresh token before the answer was lost, so it was not sent again: presenting a spent refresh token can make the provider revoke the whole grant (RFC 9700 §4.14.2)."
    )
  })

  it('refuses a body over 1 MiB', async () => {
    const h = harness()
    nock(ORIGIN).post('/oauth/token').reply(200, 'x'.repeat(1024 * 1024 + 1))
    const e = await failure(refresh({}, h.deps))
    expect(e.code).toBe('body_too_large')
  })

  it('does not follow a redirect, and sends nothing to its target', async () => {
    const h = harness()
    nock(ORIGIN).post('/oauth/token').reply(307, '', { Location: 'https://elsewhere.example.net/token' })
    const e = await failure(refresh({}, h.deps))
    expect(e.code).toBe('redirect')
    expect(e.message).toContain('HTTP 307 redirect to https://elsewhere.example.net/token')
  })

  it('masks credentials found in an error body', async () => {
    const h = harness()
    nock(ORIGIN).post('/oauth/token').reply(400, { error: 'invalid_request', access_token: 'odd-leak' })
    await failure(refresh({}, h.deps))
    expect(h.masked).toContain('odd-leak')
  })
})

describe('a refresh without an answer says whether the token was sent (issue 19)', () => {
  const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
  const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
  const withProvider = (provider: Provider | undefined, h = harness()) =>
    requestTokens(buildRefreshRequest(new URL(`${ORIGIN}/oauth/token`), client, 'rt-old', undefined), { maxAttempts: 2, timeoutMs: 2000, reuseWindowMs: reuseWindowMs(provider) }, h.deps, { provider })

  it('refused on every attempt: nothing reached the server, the token is unspent', async () => {
    nock(ORIGIN).post('/oauth/token').times(2).replyWithError(refused())
    const e = await failure(withProvider(undefined))
    expect(e.code).toBe('network')
    expect(e.message).toBe('auth.example.com refused the connection. (2 attempts made.) Nothing reached auth.example.com, so the refresh token was not used: run again once it is reachable.')
  })

  it('a reset with no reuse window: not presented again, and says why', async () => {
    nock(ORIGIN).post('/oauth/token').replyWithError(reset())
    const e = await failure(withProvider(undefined))
    expect(e.code).toBe('network')
    expect(e.message).toBe('auth.example.com reset the connection. The request may have reached the server and rotated the refresh token before the answer was lost, so it was not sent again: presenting a spent refresh token can make the provider revoke the whole grant (RFC 9700 §4.14.2).')
  })

  it.each([
    ['Xero: its 30-minute window', PROVIDERS.xero, 'Xero accepts the refresh token again for 30 minutes, so run again within that.'],
    ['Entra: old tokens stay valid', PROVIDERS['microsoft-entra'], 'Microsoft Entra ID keeps a refresh token valid after it is used, so running again is safe.']
  ])('reset, then refused, inside a reuse window (%s): the first may have reached the server, whatever the second met', async (_, provider, says) => {
    nock(ORIGIN).post('/oauth/token').replyWithError(reset()).post('/oauth/token').replyWithError(refused())
    const e = await failure(withProvider(provider))
    expect(e.message).toContain('(2 attempts made.) The request may have reached auth.example.com before the answer was lost;')
    expect(e.message).toContain(says)
  })

  it('invalid_grant after a lost answer retried inside the window: says the first attempt may have spent it', async () => {
    nock(ORIGIN).post('/oauth/token').reply(504, '').post('/oauth/token').reply(400, { error: 'invalid_grant' })
    const e = await failure(withProvider(PROVIDERS.xero))
    expect(e.code).toBe('invalid_grant')
    expect(e.message).toContain("An earlier attempt of this run, inside the provider's reuse window, may have reached the server")
  })
})

describe("refreshGrant: basic-auth-encoding 'auto' (issue 12)", () => {
  const RESERVED = 'p+s/w=rd&x'
  const basic = (secret: string, enc: 'form' | 'raw') => `Basic ${Buffer.from(`cid:${enc === 'form' ? encodeURIComponent(secret).replace(/%20/g, '+') : secret}`).toString('base64')}`
  const grant = (secret: string, encoding: 'auto' | 'form' | 'raw', h = harness(), limits: Partial<Limits> = {}) =>
    refreshGrant(new URL(`${ORIGIN}/oauth/token`), { clientId: 'cid', clientSecret: secret, authMethod: 'client_secret_basic', basicAuthEncoding: encoding }, 'rt-old', undefined, { maxAttempts: 1, timeoutMs: 2000, reuseWindowMs: 0, ...limits }, h.deps)
  const refused = { error: 'invalid_client', error_description: 'client authentication failed' }

  it.each([
    ['401', 401],
    ['400', 400]
  ])('after invalid_client (%s) tries once more raw, and says it fell back', async (_, status) => {
    nock(ORIGIN).post('/oauth/token').matchHeader('authorization', basic(RESERVED, 'form')).reply(status, refused)
    nock(ORIGIN).post('/oauth/token').matchHeader('authorization', basic(RESERVED, 'raw')).reply(200, ok)
    const result = await grant(RESERVED, 'auto')
    expect(result).toMatchObject({ encoding: 'raw', fellBack: true })
    expect(result.fields).toMatchObject(ok)
  })

  it('keeps form, without a second request, when the server takes it', async () => {
    nock(ORIGIN).post('/oauth/token').matchHeader('authorization', basic(RESERVED, 'form')).reply(200, ok)
    expect(await grant(RESERVED, 'auto')).toMatchObject({ encoding: 'form', fellBack: false })
  })

  // A second request would meet no interceptor and get nock's 501: the exact code proves there was none.
  it.each([
    ['invalid_grant: a second refresh could burn a rotating token', 400, { error: 'invalid_grant' }, 'invalid_grant'],
    ['invalid_request', 400, { error: 'invalid_request' }, 'invalid_request'],
    ['a 500', 500, 'down', 'http_status']
  ])('never tries again after %s', async (_, status, body, code) => {
    nock(ORIGIN).post('/oauth/token').matchHeader('authorization', basic(RESERVED, 'form')).reply(status, body)
    const e = await failure(grant(RESERVED, 'auto'))
    expect(e.code).toBe(code)
  })

  it('never tries again when both encodings are the same for this id and secret', async () => {
    nock(ORIGIN).post('/oauth/token').reply(401, refused)
    const e = await failure(grant('plain-secret_123', 'auto'))
    expect(e.code).toBe('invalid_client')
    expect(e.message).not.toContain('Both Basic encodings were tried')
  })

  it.each(['form', 'raw'] as const)("never tries the other encoding when '%s' is chosen", async (encoding) => {
    nock(ORIGIN).post('/oauth/token').matchHeader('authorization', basic(RESERVED, encoding)).reply(401, refused)
    const e = await failure(grant(RESERVED, encoding))
    expect(e.code).toBe('invalid_client')
  })

  it('says both were tried when both are refused', async () => {
    nock(ORIGIN).post('/oauth/token').times(2).reply(401, refused)
    const e = await failure(grant(RESERVED, 'auto'))
    expect(e.message).toMatch(/invalid_client \(client authentication failed\)\. .* Both Basic encodings were tried \(form-encoded as RFC 6749 §2\.3\.1 says, then as they are\)/)
  })

  it('never tries the other encoding for a provider whose every refresh call spends the token', async () => {
    nock(ORIGIN).post('/oauth/token').reply(401, refused)
    const spends: Provider = { ...PROVIDERS.xero, spendsOnError: true }
    const h = harness()
    const e = await failure(refreshGrant(new URL(`${ORIGIN}/oauth/token`), { clientId: 'cid', clientSecret: RESERVED, authMethod: 'client_secret_basic', basicAuthEncoding: 'auto' }, 'rt-old', undefined, { maxAttempts: 1, timeoutMs: 2000, reuseWindowMs: 0 }, h.deps, { provider: spends }))
    expect(e.code).toBe('invalid_client')
  })

  it('does not start the second try past the deadline of the lock', async () => {
    const h = { ...harness() }
    nock(ORIGIN).post('/oauth/token').reply(401, refused)
    const e = await failure(grant(RESERVED, 'auto', h, { deadline: 1000 }))
    expect(e.code).toBe('invalid_client')
  })
})
