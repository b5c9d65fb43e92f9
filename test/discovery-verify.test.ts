import { describe, expect, it } from 'vitest'
import { chooseAuthMethod, metadataUrls, parseMetadata } from '../src/oauth/discovery.js'
import type { HttpResponse } from '../src/http.js'
import { PROVIDERS } from '../src/oauth/providers/index.js'
import { revocationError } from '../src/oauth/revoke.js'
import { bearerChallenge, scopeRefusal, verifyError } from '../src/oauth/verify.js'
import { actionError } from './support/errors.js'

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body)
})

describe('metadataUrls (RFC 8414 §3.1, OIDC Discovery §4)', () => {
  it.each([
    ['https://id.example.com', 'https://id.example.com/.well-known/oauth-authorization-server', 'https://id.example.com/.well-known/openid-configuration'],
    ['https://id.example.com/', 'https://id.example.com/.well-known/oauth-authorization-server', 'https://id.example.com/.well-known/openid-configuration'],
    ['https://id.example.com/tenant/a', 'https://id.example.com/.well-known/oauth-authorization-server/tenant/a', 'https://id.example.com/tenant/a/.well-known/openid-configuration']
  ])('%s', (issuer, rfc8414, oidc) => expect(metadataUrls(new URL(issuer)).map(String)).toEqual([rfc8414, oidc]))
})

describe('parseMetadata', () => {
  const url = new URL('https://id.example.com/.well-known/oauth-authorization-server')
  const issuer = 'https://id.example.com'
  it('takes the endpoints and auth methods', () => {
    const m = parseMetadata(json(200, { issuer, token_endpoint: `${issuer}/token`, revocation_endpoint: `${issuer}/revoke`, token_endpoint_auth_methods_supported: ['client_secret_post'] }), url, issuer)
    expect(m).toEqual({ tokenEndpoint: new URL(`${issuer}/token`), revocationEndpoint: new URL(`${issuer}/revoke`), authMethods: ['client_secret_post'] })
  })
  it('defaults the auth methods to client_secret_basic (RFC 8414 §2)', () => {
    expect(parseMetadata(json(200, { issuer, token_endpoint: `${issuer}/token` }), url, issuer).authMethods).toEqual(['client_secret_basic'])
  })
  it.each([
    [{ issuer: `${issuer}/`, token_endpoint: `${issuer}/token` }, `its issuer is "https://id.example.com/", not the 'https://id.example.com' given in 'issuer' (RFC 8414 §3.3 requires them to be identical; a trailing slash counts)`],
    [{ issuer }, "it has no 'token_endpoint'"],
    [{ issuer, token_endpoint: 'http://id.example.com/token' }, "'token_endpoint' must use https (plain http only for localhost, 127.0.0.0/8 and [::1]); got 'http://id.example.com'"],
    [{ issuer, token_endpoint: `${issuer}/token`, token_endpoint_auth_methods_supported: 'client_secret_basic' }, "'token_endpoint_auth_methods_supported' is not a list of strings"]
  ])('rejects %j', (body, problem) => {
    expect(actionError(() => parseMetadata(json(200, body), url, issuer), 'discovery').message).toContain(`The authorization server metadata at ${url.href} is not usable: ${problem}.`)
  })
})

describe('chooseAuthMethod', () => {
  const url = new URL('https://id.example.com/token')
  it.each([
    [['client_secret_post', 'client_secret_basic'], 'client_secret_basic'],
    [['private_key_jwt', 'client_secret_post'], 'client_secret_post']
  ])('%j → %s', (supported, chosen) => expect(chooseAuthMethod(supported, url)).toBe(chosen))
  it.each([[['private_key_jwt']], [['none']], [[]]])('falls back to RFC 8414’s default, client_secret_basic, with a warning, when %j fits no secret', (supported) => {
    expect(chooseAuthMethod(supported, url)).toEqual({
      method: 'client_secret_basic',
      warning: `The metadata of id.example.com lists no client authentication that fits a client secret (it lists ${supported.join(', ') || 'none'}), so the action uses client_secret_basic, RFC 8414's default. Set 'auth-method' to choose another of client_secret_basic, client_secret_post, none.`
    })
  })
})

describe('presets', () => {
  it('the four from before issue 18 keep their endpoints and client authentication', () => {
    expect(Object.fromEntries(Object.entries(PROVIDERS).map(([name, p]) => [name, [p.tokenUrl, p.authMethod]]))).toMatchObject({
      'hp-techpulse': ['https://daas.api.hp.com/oauth/v1/token', 'client_secret_basic'],
      'hp-techpulse-eu': ['https://eu.daas.api.hp.com/oauth/v1/token', 'client_secret_basic'],
      pagerduty: ['https://identity.pagerduty.com/oauth/token', 'client_secret_post'],
      github: ['https://github.com/login/oauth/access_token', 'client_secret_post']
    })
  })
})

describe('verify-url responses', () => {
  const url = new URL('https://api.example.com/v1/me')
  it('passes any 2xx', () => expect(verifyError(json(204, {}), url, 'read')).toBeUndefined())

  it.each([
    ['Bearer realm="api", error="insufficient_scope", scope="incidents.read write", error_description="needs more"', { realm: 'api', error: 'insufficient_scope', scope: 'incidents.read write', error_description: 'needs more' }],
    ['Bearer error=invalid_token', { error: 'invalid_token' }],
    ['Basic realm="x"', {}]
  ])('parses the challenge %s', (value, params) => expect(bearerChallenge(value)).toEqual(params))

  it('a 401 says the token was refused', () => {
    const e = verifyError(json(401, {}, { 'www-authenticate': 'Bearer error="invalid_token", error_description="expired"' }), url, '')!
    expect(e.code).toBe('token_refused')
    expect(e.message).toMatch(/^The API at api\.example\.com\/v1\/me \('verify-url'\) refused the new access token: HTTP 401 invalid_token \(expired\)\. /)
  })

  it('a 403 RFC 6750 challenge lists wanted and held scopes', () => {
    const e = verifyError(json(403, {}, { 'www-authenticate': 'Bearer error="insufficient_scope", scope="reports.read"' }), url, 'openid profile')!
    expect(e.code).toBe('insufficient_scope')
    expect(e.message).toContain('refused the new access token for missing scopes: HTTP 403. It wants: reports.read; the token has: openid profile. Re-authorize the app with those scopes')
  })

  it("a 403 in PagerDuty's shape lists its required and token scopes", () => {
    const body = { error: { message: 'token missing required scopes', required_scopes: 'incidents.read', token_scopes: 'openid services.read users.read' } }
    expect(scopeRefusal(json(403, body))).toEqual({ wanted: 'incidents.read', held: 'openid services.read users.read' })
    expect(verifyError(json(403, body), url, 'ignored')!.message).toContain('It wants: incidents.read; the token has: openid services.read users.read.')
  })

  it('a plain 403 or 404 names the status and an excerpt', () => {
    expect(verifyError({ status: 403, headers: { 'content-type': 'text/plain' }, body: 'forbidden' }, url, '')!.message).toBe(
      "The API at api.example.com/v1/me ('verify-url') answered HTTP 403 to the new access token: text/plain, 9 bytes: \"forbidden\". The token is valid but not allowed this request: check the app's scopes and the account's permissions."
    )
    const e = verifyError({ status: 503, headers: { 'retry-after': '2' }, body: '' }, url, '')!
    expect(e.details).toMatchObject({ retryable: true, retryAfter: '2' })
  })
})

describe('revocation responses (RFC 7009 §2.2)', () => {
  const url = new URL('https://id.example.com/revoke')
  it('200 is success', () => expect(revocationError(json(200, {}), url)).toBeUndefined())
  it('an error names status and code', () => {
    expect(revocationError(json(400, { error: 'unsupported_token_type' }), url)!.message).toMatch(/^id\.example\.com answered HTTP 400 unsupported_token_type to the revocation request/)
  })
  it('503 is retryable', () => expect(revocationError(json(503, {}), url)!.details.retryable).toBe(true))
})
