/**
 * Interop: the bundled action (dist/index.js, spawned as the runner spawns it, with action.yml's
 * input defaults) against two independent OAuth 2.0 authorization servers from npm, each on
 * loopback, each handing out its first refresh token through its own authorization-code flow:
 *
 * - @node-oauth/oauth2-server, in-memory model, `alwaysIssueNewRefreshToken` (rotation);
 * - oauth2orize + passport (passport-http Basic, passport-oauth2-client-password), rotation and
 *   reuse detection.
 *
 * `auth-method: none` is not covered: both servers require client authentication for the
 * refresh_token grant (oauth2-server's requireClientAuthentication defaults to every grant; the
 * oauth2orize token endpoint sits behind passport), so a public client cannot refresh at either.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { annotations, runAction, secretLeaks, type RunResult } from './support/runner.js'
import { RESERVED_SECRET, type InteropClient, type InteropServer, type TokenRequestRecord } from './support/interop/http.js'
import { startNodeOAuth2Server } from './support/interop/node-oauth2-server.js'
import { startOauth2orizeServer } from './support/interop/oauth2orize-server.js'

/** The `default:` of each input in action.yml: the runner passes them, so a real run sees them. */
function actionDefaults(): Record<string, string> {
  const yml = readFileSync(new URL('../action.yml', import.meta.url), 'utf8')
  const inputs = yml.slice(yml.indexOf('\ninputs:\n'), yml.indexOf('\noutputs:\n'))
  const defaults: Record<string, string> = {}
  let name: string | undefined
  for (const line of inputs.split('\n')) {
    const input = /^ {2}([\w-]+):\s*$/.exec(line)
    if (input) name = input[1]
    const value = /^ {4}default:\s*(.*?)\s*$/.exec(line)
    if (value && name) defaults[name] = value[1]!.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1')
  }
  return defaults
}
const DEFAULTS = actionDefaults()

/** What each library does, as found by these tests (each assertion below checks it). */
interface Expected {
  /**
   * The Basic encoding that authenticates a client whose secret is `p+s/w=rd&x`; the other one
   * fails. `raw` means the server does not form-decode Basic credentials (RFC 6749 §2.3.1 says it should).
   */
  readonly basicEncodingThatWorks: 'form' | 'raw'
  /** The `::error` text for a wrong secret, sent by Basic and by client_secret_post. */
  readonly invalidClient: { readonly basic: RegExp; readonly post: RegExp }
  /** HTTP status for a spent refresh token. RFC 6749 §5.2 says 400. */
  readonly invalidGrantStatus: number
  /** Whether presenting a spent refresh token revokes the whole grant (RFC 9700 §4.14.2). */
  readonly reuseRevokesGrant: boolean
  /** The `scope` output after a refresh that asks for no scope. */
  readonly scopeOutput: string
}

const SERVERS: Array<{ name: string; start: () => Promise<InteropServer>; expected: Expected }> = [
  {
    name: '@node-oauth/oauth2-server',
    start: startNodeOAuth2Server,
    expected: {
      // Finding: the `basic-auth` parser it uses base64-decodes and splits at the first colon, no
      // form decoding; `p%2Bs%2Fw%3Drd%26x` reaches getClient() as is and is refused.
      basicEncodingThatWorks: 'raw',
      // 401 + WWW-Authenticate: Basic when the Authorization header was used, 400 otherwise.
      invalidClient: {
        basic: /failed: HTTP 401 invalid_client \(Invalid client: client is invalid\)\. The client credentials were rejected\./,
        post: /failed: HTTP 400 invalid_client \(Invalid client: client is invalid\)\. The client credentials were rejected\./
      },
      invalidGrantStatus: 400,
      // No reuse detection in the library: a rotated token is just unknown (revokeToken deleted it).
      reuseRevokesGrant: false,
      // It returns the grant's scope on every token response.
      scopeOutput: 'reports:read reports:write'
    }
  },
  {
    name: 'oauth2orize + passport',
    start: startOauth2orizeServer,
    expected: {
      // Finding: passport-http's BasicStrategy base64-decodes and splits at ':', no form decoding.
      basicEncodingThatWorks: 'raw',
      // passport answers a failed client authentication itself: 401 with WWW-Authenticate and the
      // plain-text body "Unauthorized", no RFC 6749 §5.2 JSON, so there is no `invalid_client`
      // string to show; the action classifies the bare 401 as invalid_client and says so.
      invalidClient: {
        basic: /failed: HTTP 401 Unauthorized\. The client credentials were rejected\./,
        post: /failed: HTTP 401 Unauthorized\. The client credentials were rejected\./
      },
      // oauth2orize's TokenError maps invalid_grant to 403 (not 400).
      invalidGrantStatus: 403,
      reuseRevokesGrant: true,
      // oauth2orize adds nothing but token_type: scope (and expires_in) are the app's choice; this
      // server sends expires_in and no scope, and the action outputs an empty scope.
      scopeOutput: ''
    }
  }
]

for (const { name, start, expected } of SERVERS) {
  describe(`interop: the built action against ${name}`, () => {
    let server: InteropServer
    beforeAll(async () => {
      server = await start()
    })
    afterAll(async () => server?.close())

    const refresh = (client: InteropClient, refreshToken: string, more: Record<string, string> = {}): Promise<RunResult> =>
      runAction({ ...DEFAULTS, 'token-url': server.tokenUrl, 'client-id': client.id, 'client-secret': client.secret, 'refresh-token': refreshToken, ...more })

    /** The refresh requests the server received while `fn` ran. */
    async function observed(fn: () => Promise<RunResult>): Promise<[RunResult, TokenRequestRecord[]]> {
      const before = server.tokenRequests.length
      const run = await fn()
      return [run, server.tokenRequests.slice(before).filter((r) => r.grantType === 'refresh_token')]
    }

    it('refreshes with client_secret_basic by default; the server accepts the new access token; no secret is printed', async () => {
      const first = await server.authorize(server.client)
      const [run, requests] = await observed(() => refresh(server.client, first.refreshToken))
      expect(run.code, run.stdout).toBe(0)
      expect(annotations(run.stdout)).toEqual([])
      expect(requests).toEqual([{ auth: 'basic', grantType: 'refresh_token', status: 200 }])

      const access = run.outputs['access-token']!
      const next = run.outputs['refresh-token']!
      expect(run.outputs['refresh-token-rotated']).toBe('true')
      expect(next).not.toBe(first.refreshToken)
      expect(run.outputs['token-type']).toBe('Bearer')
      // oauth2-server floors the remaining lifetime: 3600 or 3599.
      expect(Number(run.outputs['expires-in'])).toBeGreaterThanOrEqual(3598)
      expect(Number(run.outputs['expires-in'])).toBeLessThanOrEqual(3600)
      expect(run.outputs.scope).toBe(expected.scopeOutput)

      expect(await server.resourceStatus(access)).toBe(200)
      expect(await server.resourceStatus(`${access}x`)).toBe(401)
      expect(secretLeaks(run, [server.client.secret, first.refreshToken, next, access])).toEqual([])
    })

    it('refreshes with client_secret_post', async () => {
      const first = await server.authorize(server.client)
      const [run, requests] = await observed(() => refresh(server.client, first.refreshToken, { 'auth-method': 'client_secret_post' }))
      expect(run.code, run.stdout).toBe(0)
      expect(requests).toEqual([{ auth: 'post', grantType: 'refresh_token', status: 200 }])
      expect(run.outputs['refresh-token-rotated']).toBe('true')
      expect(await server.resourceStatus(run.outputs['access-token']!)).toBe(200)
      expect(secretLeaks(run, [server.client.secret, first.refreshToken, run.outputs['refresh-token']!, run.outputs['access-token']!])).toEqual([])
    })

    it('survives a chain of two rotations, run 2 fed run 1’s refresh-token output', async () => {
      const first = await server.authorize(server.client)
      const run1 = await refresh(server.client, first.refreshToken)
      expect(run1.code, run1.stdout).toBe(0)
      const run2 = await refresh(server.client, run1.outputs['refresh-token']!)
      expect(run2.code, run2.stdout).toBe(0)

      expect([run1, run2].map((r) => r.outputs['refresh-token-rotated'])).toEqual(['true', 'true'])
      expect(new Set([first.refreshToken, run1.outputs['refresh-token'], run2.outputs['refresh-token']]).size).toBe(3)
      expect(new Set([first.accessToken, run1.outputs['access-token'], run2.outputs['access-token']]).size).toBe(3)
      expect(await server.resourceStatus(run2.outputs['access-token']!)).toBe(200)
    })

    it('a rotated (already used) refresh token fails with one invalid_grant error', async () => {
      const first = await server.authorize(server.client)
      const good = await refresh(server.client, first.refreshToken)
      expect(good.code, good.stdout).toBe(0)

      const [replay, requests] = await observed(() => refresh(server.client, first.refreshToken))
      expect(replay.code).toBe(1)
      const errors = annotations(replay.stdout)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain('invalid_grant')
      expect(replay.outputs).toEqual({})
      // invalid_grant is not retried, whatever the encoding setting: a second try could burn a token.
      expect(requests.map((r) => r.status)).toEqual([expected.invalidGrantStatus])

      // The rest of the chain: revoked where the server detects reuse, alive where it does not.
      const after = await refresh(server.client, good.outputs['refresh-token']!)
      if (expected.reuseRevokesGrant) {
        expect(await server.resourceStatus(good.outputs['access-token']!)).toBe(401)
        expect(after.code).toBe(1)
        expect(annotations(after.stdout)[0]).toContain('invalid_grant')
      } else {
        expect(await server.resourceStatus(good.outputs['access-token']!)).toBe(200)
        expect(after.code, after.stdout).toBe(0)
      }
    })

    it('a wrong client secret fails as invalid_client and leaves the refresh token unspent', async () => {
      const first = await server.authorize(server.client)
      const wrong = { id: server.client.id, secret: 'wrong-secret' }

      const [basic, basicRequests] = await observed(() => refresh(wrong, first.refreshToken))
      expect(basic.code).toBe(1)
      expect(annotations(basic.stdout)).toEqual([expect.stringMatching(expected.invalidClient.basic)])
      expect(basic.outputs).toEqual({})
      // One Basic request today; the default `auto` encoding may add one raw retry, never more.
      expect([1, 2]).toContain(basicRequests.length)
      expect(new Set(basicRequests.map((r) => `${r.auth} ${r.status}`))).toEqual(new Set(['basic 401']))

      const [post] = await observed(() => refresh(wrong, first.refreshToken, { 'auth-method': 'client_secret_post' }))
      expect(post.code).toBe(1)
      expect(annotations(post.stdout)).toEqual([expect.stringMatching(expected.invalidClient.post)])

      // Finding, both libraries: the client is authenticated before the grant is looked at
      // (oauth2-server's TokenHandler.getClient() runs before handleGrantType(); passport's
      // authenticate middleware answers before oauth2orize's token() runs), so the failed runs above
      // did not spend the refresh token. This is what makes an `auto` retry after invalid_client safe.
      const right = await refresh(server.client, first.refreshToken)
      expect(right.code, right.stdout).toBe(0)
      expect(right.outputs['refresh-token-rotated']).toBe('true')
      expect(await server.resourceStatus(right.outputs['access-token']!)).toBe(200)
    })

    it(`with the secret ${RESERVED_SECRET}, an explicit basic-auth-encoding '${expected.basicEncodingThatWorks}' works and the other fails with invalid_client`, async () => {
      const first = await server.authorize(server.reservedClient)
      const works = expected.basicEncodingThatWorks
      const fails = works === 'form' ? 'raw' : 'form'

      // The failing encoding first: a client-auth failure leaves the token unspent for the second run.
      const [bad, badRequests] = await observed(() => refresh(server.reservedClient, first.refreshToken, { 'basic-auth-encoding': fails }))
      expect(bad.code).toBe(1)
      expect(annotations(bad.stdout)).toEqual([expect.stringMatching(expected.invalidClient.basic)])
      // An explicit encoding is never retried with the other one.
      expect(badRequests).toEqual([{ auth: 'basic', grantType: 'refresh_token', status: 401 }])

      const [good, goodRequests] = await observed(() => refresh(server.reservedClient, first.refreshToken, { 'basic-auth-encoding': works }))
      expect(good.code, good.stdout).toBe(0)
      expect(goodRequests).toEqual([{ auth: 'basic', grantType: 'refresh_token', status: 200 }])
      expect(await server.resourceStatus(good.outputs['access-token']!)).toBe(200)
    })

    // The default `basic-auth-encoding: auto`: form first; after invalid_client, once raw; then a
    // ::notice naming the encoding that worked and how to pin it.
    it(`with default settings, the secret ${RESERVED_SECRET} authenticates (auto encoding) and a notice names '${expected.basicEncodingThatWorks}'`, async () => {
      const first = await server.authorize(server.reservedClient)
      const [run, requests] = await observed(() => refresh(server.reservedClient, first.refreshToken))
      expect(run.code, run.stdout).toBe(0)
      expect(annotations(run.stdout)).toEqual([])
      expect(annotations(run.stdout, 'notice')).toEqual(
        expected.basicEncodingThatWorks === 'form' ? [] : [expect.stringMatching(/accepted them as they are: 'basic-auth-encoding: raw' worked\. Set 'basic-auth-encoding: raw' to skip the refused first attempt\.$/)]
      )
      // form first; raw only after an invalid_client.
      expect(requests.map((r) => r.status)).toEqual(expected.basicEncodingThatWorks === 'form' ? [200] : [401, 200])
      expect(requests.every((r) => r.auth === 'basic')).toBe(true)
      expect(await server.resourceStatus(run.outputs['access-token']!)).toBe(200)
      expect(secretLeaks(run, [RESERVED_SECRET, first.refreshToken, run.outputs['refresh-token']!, run.outputs['access-token']!])).toEqual([])
    })
  })
}
