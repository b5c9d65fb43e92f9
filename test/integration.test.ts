/**
 * The bundled action against a real authorization server (node oidc-provider on loopback), run as a
 * runner would: scheduled rotations, reuse detection, client authentication and scopes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { annotations, runAction, secretLeaks, type RunResult } from './support/runner.js'
import { startAuthServer, type AuthServer } from './support/oidc-server.js'

let basic: AuthServer
let post: AuthServer
beforeAll(async () => {
  ;[basic, post] = await Promise.all([startAuthServer(), startAuthServer({ authMethod: 'client_secret_post' })])
})
afterAll(async () => Promise.all([basic.close(), post.close()]))

const refresh = (server: AuthServer, refreshToken: string, more: Record<string, string> = {}): Promise<RunResult> =>
  runAction({ 'token-url': server.tokenUrl, 'client-id': server.clientId, 'client-secret': server.clientSecret, 'refresh-token': refreshToken, ...more })

describe('against node oidc-provider with rotating refresh tokens', () => {
  it('survives five scheduled rotations, each run fed the previous run’s refresh-token output', async () => {
    let token = await basic.seedRefreshToken()
    const seen = new Set([token])
    for (let run = 1; run <= 5; run++) {
      const result = await refresh(basic, token)
      expect(result.code, result.stdout).toBe(0)
      expect(result.outputs['refresh-token-rotated']).toBe('true')
      const next = result.outputs['refresh-token']!
      expect(seen.has(next)).toBe(false)
      seen.add(next)
      expect(await basic.userinfoStatus(result.outputs['access-token']!)).toBe(200)
      expect(secretLeaks(result, [basic.clientSecret, token, next, result.outputs['access-token']!])).toEqual([])
      token = next
    }
    expect(seen.size).toBe(6)
  })

  it('a replayed refresh token fails with invalid_grant, and the server revokes the whole chain', async () => {
    const first = await basic.seedRefreshToken()
    const good = await refresh(basic, first)
    expect(good.code).toBe(0)
    const rotated = good.outputs['refresh-token']!

    const replay = await refresh(basic, first)
    expect(replay.code).toBe(1)
    expect(annotations(replay.stdout)).toEqual([
      expect.stringMatching(/failed: HTTP 400 invalid_grant \(grant request is invalid\)\. .*already used .*the chain is lost\. Authorize again/)
    ])
    expect(replay.outputs).toEqual({})

    // RFC 9700 §4.14.2: reuse revoked the grant, so the newer tokens of the chain are dead too.
    expect(await basic.userinfoStatus(good.outputs['access-token']!)).toBe(401)
    const after = await refresh(basic, rotated)
    expect(after.code).toBe(1)
    expect(annotations(after.stdout)[0]).toContain('invalid_grant')
  })

  it('a wrong client secret gives the 401 invalid_client message', async () => {
    const result = await runAction({ 'token-url': basic.tokenUrl, 'client-id': basic.clientId, 'client-secret': 'wrong-secret', 'refresh-token': await basic.seedRefreshToken() })
    expect(result.code).toBe(1)
    expect(annotations(result.stdout)).toEqual([
      expect.stringMatching(/^Refreshing the token at 127\.0\.0\.1:\d+ failed: HTTP 401 invalid_client \(client authentication failed\)\. The client credentials were rejected\./)
    ])
  })

  it('client_secret_post works with a server registered for it', async () => {
    // Where the credentials travel is asserted against the mock server in action.test.ts;
    // oidc-provider accepts either secret method, so here it proves the whole exchange.
    const result = await refresh(post, await post.seedRefreshToken(), { 'auth-method': 'client_secret_post' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs['refresh-token-rotated']).toBe('true')
    expect(await post.userinfoStatus(result.outputs['access-token']!)).toBe(200)
  })

  it('narrows the scope on request', async () => {
    const result = await refresh(basic, await basic.seedRefreshToken(), { scope: 'openid profile', 'required-scopes': 'openid' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.scope).toBe('openid profile')
    expect(await basic.userinfoStatus(result.outputs['access-token']!)).toBe(200)
  })

  it('refuses to widen the scope (invalid_scope)', async () => {
    const result = await refresh(basic, await basic.seedRefreshToken(), { scope: 'openid email' })
    expect(result.code).toBe(1)
    expect(annotations(result.stdout)[0]).toMatch(/HTTP 400 invalid_scope .*never widen it/)
  })

  it('a required-scopes failure still outputs the rotated refresh token, and that token works', async () => {
    const failed = await refresh(basic, await basic.seedRefreshToken(), { 'required-scopes': 'openid email' })
    expect(failed.code).toBe(1)
    expect(annotations(failed.stdout)).toEqual([
      expect.stringMatching(/^The new access token lacks required scopes: missing email; granted openid offline_access profile\. .*it is in this step's masked 'refresh-token' output; store it before retrying\.$/)
    ])
    expect(failed.outputs['access-token']).toBeUndefined()
    const kept = failed.outputs['refresh-token']!
    expect(failed.outputs['refresh-token-rotated']).toBe('true')

    const next = await refresh(basic, kept)
    expect(next.code, next.stdout).toBe(0)
    expect(await basic.userinfoStatus(next.outputs['access-token']!)).toBe(200)
  })

  it('discovers the endpoints from the issuer, verifies at userinfo, and revokes in the post step', async () => {
    const inputs = { issuer: basic.issuer, 'client-id': basic.clientId, 'client-secret': basic.clientSecret, 'refresh-token': await basic.seedRefreshToken(), 'verify-url': basic.userinfoUrl, revoke: 'true' }
    const main = await runAction(inputs)
    expect(main.code, main.stdout).toBe(0)
    expect(main.stdout).toContain('Verified the new access token: 127.0.0.1:')
    const access = main.outputs['access-token']!
    expect(await basic.userinfoStatus(access)).toBe(200)

    const post = await runAction(inputs, { env: Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v])) })
    expect(post.code).toBe(0)
    expect(post.stdout).toMatch(/Revoked the access token at 127\.0\.0\.1:\d+ \(RFC 7009\)/)
    expect(await basic.userinfoStatus(access)).toBe(401)
    // The action sent only the access token, but RFC 7009 §2.1 lets a server revoke the grant's
    // refresh tokens too, and oidc-provider does: the README warns against revoke with such servers.
    const next = await refresh(basic, main.outputs['refresh-token']!)
    expect(annotations(next.stdout)[0]).toContain('invalid_grant')
  })
})
