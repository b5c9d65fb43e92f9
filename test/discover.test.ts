/**
 * Discovery (src/oauth/discovery.ts `discover`) through the request path with a scripted `send`:
 * the RFC 8414 location first, the OpenID Connect one when that answers 4xx; every endpoint taken
 * from the document; what each failure says.
 */
import { describe, expect, it } from 'vitest'
import type { HttpRequest, HttpResponse, Send } from '../src/http.js'
import { discover, parseMetadata } from '../src/oauth/discovery.js'
import type { NetDeps } from '../src/retry.js'
import { ActionError } from '../src/errors.js'

const ISSUER = 'https://id.example.com/tenant'
const RFC8414 = 'https://id.example.com/.well-known/oauth-authorization-server/tenant'
const OIDC = 'https://id.example.com/tenant/.well-known/openid-configuration'
const doc = { issuer: ISSUER, token_endpoint: `${ISSUER}/token`, revocation_endpoint: `${ISSUER}/revoke`, authorization_endpoint: `${ISSUER}/auth`, device_authorization_endpoint: `${ISSUER}/device` }
const json = (status: number, body: unknown = {}): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) })

function net(byUrl: Record<string, (HttpResponse | Error)[]>) {
  const sent: HttpRequest[] = []
  const send: Send = async (req) => {
    sent.push(req)
    const list = byUrl[req.url.href] ?? [json(404)]
    const a = list.length > 1 ? list.shift()! : list[0]!
    if (a instanceof Error) throw a
    return a
  }
  const deps: NetDeps = { send, info: () => undefined, now: () => 0, random: () => 0.5, sleep: async () => undefined }
  return { deps, sent }
}
const limits = { maxAttempts: 3, timeoutMs: 1000 }

describe('discover', () => {
  it('takes every endpoint from the RFC 8414 document, asking for JSON', async () => {
    const n = net({ [RFC8414]: [json(200, doc)] })
    expect(await discover(ISSUER, new URL(ISSUER), limits, n.deps)).toEqual({
      tokenEndpoint: new URL(`${ISSUER}/token`),
      revocationEndpoint: new URL(`${ISSUER}/revoke`),
      authMethods: ['client_secret_basic'],
      authorizationEndpoint: new URL(`${ISSUER}/auth`),
      deviceAuthorizationEndpoint: new URL(`${ISSUER}/device`)
    })
    expect(n.sent.map((r) => [r.method, r.url.href, r.headers.accept])).toEqual([['GET', RFC8414, 'application/json']])
  })

  it('falls back to the OpenID Connect location when the first answers 4xx; 2xx other than 200 counts', async () => {
    const n = net({ [RFC8414]: [json(404)], [OIDC]: [json(203, doc)] })
    expect((await discover(ISSUER, new URL(ISSUER), limits, n.deps)).tokenEndpoint.href).toBe(`${ISSUER}/token`)
    expect(n.sent.map((r) => r.url.href)).toEqual([RFC8414, OIDC])
  })

  it('neither found: says where it looked and what each answered', async () => {
    const n = net({ [RFC8414]: [json(404)], [OIDC]: [json(400)] })
    await expect(discover(ISSUER, new URL(ISSUER), limits, n.deps)).rejects.toMatchObject({
      code: 'discovery',
      message: `No authorization server metadata found for issuer '${ISSUER}': ${RFC8414} answered HTTP 404; ${OIDC} answered HTTP 400. Check 'issuer' (the server's issuer identifier, as its metadata states it), or set 'token-url' instead.`
    })
  })

  it('a 5xx is retried, then stops discovery without trying the other location', async () => {
    const n = net({ [RFC8414]: [json(503)] })
    await expect(discover(ISSUER, new URL(ISSUER), limits, n.deps)).rejects.toMatchObject({ code: 'discovery', message: `${RFC8414} answered HTTP 503. (3 attempts made.)` })
    expect(n.sent.map((r) => r.url.href)).toEqual([RFC8414, RFC8414, RFC8414])
    const ok = net({ [RFC8414]: [json(503), json(200, doc)] })
    expect((await discover(ISSUER, new URL(ISSUER), limits, ok.deps)).tokenEndpoint.href).toBe(`${ISSUER}/token`)
  })

  it('a 3xx is not a document, and not a reason to try the other location', async () => {
    const n = net({ [RFC8414]: [json(302)], [OIDC]: [json(200, doc)] })
    await expect(discover(ISSUER, new URL(ISSUER), { maxAttempts: 1, timeoutMs: 1000 }, n.deps)).rejects.toMatchObject({ code: 'discovery', message: `${RFC8414} answered HTTP 302.` })
  })

  it('a network failure names the location; an unusable document is said as it is', async () => {
    const n = net({ [RFC8414]: [new ActionError('network', 'connection refused', {})] })
    await expect(discover(ISSUER, new URL(ISSUER), limits, n.deps)).rejects.toMatchObject({ code: 'network', message: `Discovery at ${RFC8414} failed: connection refused` })
    const bad = net({ [RFC8414]: [json(200, { ...doc, issuer: 'https://evil.example' })] })
    await expect(discover(ISSUER, new URL(ISSUER), limits, bad.deps)).rejects.toMatchObject({ code: 'discovery', message: expect.stringMatching(/^The authorization server metadata at .+ is not usable: its issuer is "https:\/\/evil\.example"/) as string })
    const bug = new TypeError('bug')
    await expect(discover(ISSUER, new URL(ISSUER), limits, net({ [RFC8414]: [bug] }).deps)).rejects.toBe(bug)
  })
})

describe('parseMetadata, the rest', () => {
  const url = new URL(RFC8414)
  const problem = (body: unknown) => {
    try {
      parseMetadata(json(200, body), url, ISSUER)
    } catch (e) {
      return (e as Error).message
    }
    return 'accepted'
  }
  it('refuses a body that is not a JSON object, a missing issuer, and endpoints that are not absolute URLs', () => {
    expect(problem('[1]')).toMatch(/is not usable: it is not a JSON object \(/)
    expect(problem({ token_endpoint: `${ISSUER}/token` })).toContain('its issuer is missing, not the ')
    expect(problem({ ...doc, token_endpoint: 5 })).toContain("'token_endpoint' is not an absolute URL")
    expect(problem({ ...doc, revocation_endpoint: '/revoke' })).toContain("'revocation_endpoint' is not an absolute URL")
    expect(problem({ ...doc, authorization_endpoint: 'http://id.example.com/auth' })).toContain("'authorization_endpoint' must use https")
    expect(problem({ ...doc, device_authorization_endpoint: 'nope' })).toContain("'device_authorization_endpoint' is not an absolute URL")
    expect(problem({ ...doc, token_endpoint_auth_methods_supported: ['a', 5] })).toContain("'token_endpoint_auth_methods_supported' is not a list of strings")
    expect(problem({ ...doc, token_endpoint_auth_methods_supported: [] })).toBe('accepted')
  })
})
