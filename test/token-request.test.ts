import { describe, expect, it } from 'vitest'
import { basicCredentials, bodyParams, buildRefreshRequest, buildRevocationRequest, formEncode, type ClientAuth } from '../src/oauth/token-request.js'

const URL_ = new URL('https://auth.example.com/oauth/token')
const base: ClientAuth = { clientId: 'client id', clientSecret: 's3cr=t+/:é', authMethod: 'client_secret_basic', basicAuthEncoding: 'form' }
const RT = 'pdus+_0xRefresh/Token=='

describe('formEncode (RFC 6749 Appendix B)', () => {
  it.each([
    ['plain', 'plain'],
    ['a b', 'a+b'],
    ['pdus+_x', 'pdus%2B_x'],
    ['a:b/c=d', 'a%3Ab%2Fc%3Dd'],
    ['é', '%C3%A9']
  ])('%s → %s', (input, encoded) => expect(formEncode(input)).toBe(encoded))
})

describe('basicCredentials', () => {
  it('form-encodes id and secret before base64 (RFC 6749 §2.3.1)', () => {
    const decoded = Buffer.from(basicCredentials('client id', 's3cr=t+/:é', 'form'), 'base64').toString()
    expect(decoded).toBe('client+id:s3cr%3Dt%2B%2F%3A%C3%A9')
  })
  it('sends the raw values when asked, for servers that do not decode', () => {
    const decoded = Buffer.from(basicCredentials('client id', 'abc=', 'raw'), 'base64').toString()
    expect(decoded).toBe('client id:abc=')
  })
})

describe('buildRefreshRequest', () => {
  it('client_secret_basic: credentials in the Authorization header only', () => {
    const req = buildRefreshRequest(URL_, base, RT, undefined)
    expect(req.method).toBe('POST')
    expect(req.headers).toEqual({
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      authorization: `Basic ${basicCredentials('client id', 's3cr=t+/:é', 'form')}`
    })
    const form = new URLSearchParams(req.body)
    expect([...form.keys()]).toEqual(['grant_type', 'refresh_token'])
    expect(form.get('refresh_token')).toBe('pdus+_0xRefresh/Token==')
    expect(req.body).toContain('refresh_token=pdus%2B_0xRefresh%2FToken%3D%3D')
  })

  it('client_secret_post: credentials in the body, no Authorization header', () => {
    const req = buildRefreshRequest(URL_, { ...base, authMethod: 'client_secret_post' }, RT, 'read write')
    expect(req.headers.authorization).toBeUndefined()
    const form = new URLSearchParams(req.body)
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'pdus+_0xRefresh/Token==',
      scope: 'read write',
      client_id: 'client id',
      client_secret: 's3cr=t+/:é'
    })
  })

  it('none: a public client sends its client_id and no secret', () => {
    const req = buildRefreshRequest(URL_, { ...base, authMethod: 'none', clientSecret: '' }, RT, undefined)
    const form = new URLSearchParams(req.body)
    expect(form.get('client_id')).toBe('client id')
    expect(form.has('client_secret')).toBe(false)
    expect(req.headers.authorization).toBeUndefined()
  })

  it('json: the same parameters as a JSON object, with the preset\'s headers and extra parameters', () => {
    const shape = { format: 'json', headers: { 'notion-version': '2026-03-11' }, params: { redirect_uri: 'https://x.example/cb' } } as const
    const req = buildRefreshRequest(URL_, base, RT, undefined, shape)
    expect(req.headers).toEqual({ 'notion-version': '2026-03-11', 'content-type': 'application/json', accept: 'application/json', authorization: `Basic ${basicCredentials('client id', 's3cr=t+/:é', 'form')}` })
    expect(JSON.parse(req.body!)).toEqual({ grant_type: 'refresh_token', refresh_token: RT, redirect_uri: 'https://x.example/cb' })
    const post = buildRefreshRequest(URL_, { ...base, authMethod: 'client_secret_post' }, RT, 'a b', shape)
    expect(JSON.parse(post.body!)).toEqual({ grant_type: 'refresh_token', refresh_token: RT, scope: 'a b', redirect_uri: 'https://x.example/cb', client_id: 'client id', client_secret: 's3cr=t+/:é' })
    expect(Object.fromEntries(bodyParams(post))).toEqual(JSON.parse(post.body!))
  })

  it('form: extra parameters after the grant, before the client credentials', () => {
    const req = buildRefreshRequest(URL_, { ...base, authMethod: 'client_secret_post' }, RT, undefined, { params: { audience: 'https://api.example.com' } })
    expect([...new URLSearchParams(req.body).keys()]).toEqual(['grant_type', 'refresh_token', 'audience', 'client_id', 'client_secret'])
    expect(bodyParams(req).get('refresh_token')).toBe(RT)
  })

  it('a revocation request (RFC 7009 §2.1) authenticates the same way', () => {
    const basic = buildRevocationRequest(URL_, base, 'at-1')
    expect(basic.headers.authorization).toBe(`Basic ${basicCredentials('client id', 's3cr=t+/:é', 'form')}`)
    expect(basic.body).toBe('token=at-1&token_type_hint=access_token')
    const post = buildRevocationRequest(URL_, { ...base, authMethod: 'client_secret_post' }, 'at-1')
    expect(Object.fromEntries(new URLSearchParams(post.body))).toEqual({ token: 'at-1', token_type_hint: 'access_token', client_id: 'client id', client_secret: 's3cr=t+/:é' })
  })
})
