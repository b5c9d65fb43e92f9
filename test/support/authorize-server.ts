/**
 * node oidc-provider on loopback for the authorize command: PKCE required for every client, the
 * device flow on, refresh-token rotation on, and the login and consent interactions completed over
 * plain HTTP (no browser, no HTML forms): `browse()` plays the user's browser, `enterUserCode()`
 * the user at the device verification page.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'
import { ACCOUNT, memoryAdapter } from './oidc-server.ts'

export const CONFIDENTIAL = 'cli-confidential'
export const PUBLIC = 'cli-public'
/** Registered for http://127.0.0.1/registered only: a redirect to /callback is refused. */
export const NARROW = 'cli-narrow'
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

export interface AuthorizeServer {
  readonly issuer: string
  readonly tokenUrl: string
  readonly authorizationUrl: string
  readonly deviceUrl: string
  readonly userinfoUrl: string
  readonly clientSecret: string
  /** How the user answers the next consents. */
  consent: 'approve' | 'deny'
  /** The next `n` device polls get slow_down (RFC 8628 §3.5) before the provider sees them. */
  slowDown(n: number): void
  /** grant_type of every request that reached the token endpoint, in order. */
  readonly grants: string[]
  /**
   * The user's browser: opens the authorization URL, logs in and consents through the interaction
   * endpoints (cookies kept), and delivers the final redirect to the loopback as a browser would.
   * Returns that redirect; `tamper` may change it first (a forged answer).
   */
  browse(url: string, tamper?: (redirect: URL) => URL): Promise<URL>
  /** The user at the verification page: enters the code and confirms (or aborts with consent 'deny'). */
  enterUserCode(userCode: string): Promise<void>
  userinfoStatus(accessToken: string): Promise<number>
  close(): Promise<void>
}

export async function startAuthorizeServer(): Promise<AuthorizeServer> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientSecret = randomBytes(24).toString('base64url')
  const common = { application_type: 'native', grant_types: ['authorization_code', 'refresh_token', DEVICE_GRANT], response_types: ['code'] }
  const provider = new Provider(issuer, {
    clients: [
      // Native clients: any loopback port matches the registered URI (RFC 8252 §7.3).
      { ...common, client_id: CONFIDENTIAL, client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_basic', redirect_uris: ['http://127.0.0.1/callback'] },
      { ...common, client_id: PUBLIC, token_endpoint_auth_method: 'none', redirect_uris: ['http://127.0.0.1/callback'] },
      { ...common, client_id: NARROW, client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_basic', redirect_uris: ['http://127.0.0.1/registered'] }
    ],
    pkce: { required: () => true },
    rotateRefreshToken: true,
    features: {
      devInteractions: { enabled: false },
      // Plain pages (the defaults print a notice asking to customise them): the forms are all a test reads.
      deviceFlow: {
        enabled: true,
        userCodeInputSource: async (ctx: { body: string }, form: string) => void (ctx.body = form),
        userCodeConfirmSource: async (ctx: { body: string }, form: string) => void (ctx.body = form),
        successSource: async (ctx: { body: string }) => void (ctx.body = 'Signed in.')
      },
      revocation: { enabled: true, allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { clientId: string }) => token.clientId === client.clientId },
      userinfo: { enabled: true }
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    adapter: memoryAdapter(),
    jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'cli', use: 'sig', alg: 'RS256' }] },
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, name: 'CLI User' }) }),
    ttl: { AccessToken: 1800, AuthorizationCode: 60, DeviceCode: 600, IdToken: 3600, RefreshToken: 30 * 24 * 3600, Grant: 365 * 24 * 3600, Session: 3600, Interaction: 600 }
  })

  const grants: string[] = []
  let slowDowns = 0
  const state = { consent: 'approve' as 'approve' | 'deny' }
  const callback = provider.callback()

  /** Login, then consent to everything asked, or refuse: what a user clicking through would do. */
  async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res)
    if (state.consent === 'deny') return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false })
    if (details.prompt.name === 'login') return provider.interactionFinished(req, res, { login: { accountId: ACCOUNT } })
    const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId: details.session!.accountId!, clientId: String(details.params.client_id) })
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> }
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '))
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims)
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '))
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } })
  }

  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interact(req, res).catch((e: unknown) => res.writeHead(500).end(String(e)))
      return
    }
    if (req.method !== 'POST' || req.url !== '/token') return callback(req, res)
    // Read the token request first (to record its grant type, or answer slow_down), then hand the
    // provider a request carrying the same body.
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const grant = new URLSearchParams(body.toString()).get('grant_type') ?? ''
      grants.push(grant)
      if (grant === DEVICE_GRANT && slowDowns > 0) {
        slowDowns--
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'slow_down', error_description: 'you are polling too quickly' }))
        return
      }
      const again = Object.assign(Readable.from([body]), { method: req.method, url: req.url, headers: req.headers, rawHeaders: req.rawHeaders, socket: req.socket, connection: req.socket, httpVersion: req.httpVersion, httpVersionMajor: req.httpVersionMajor, httpVersionMinor: req.httpVersionMinor })
      callback(again as unknown as IncomingMessage, res)
    })
  })

  /** A cookie jar as small as a browser's for one origin, paths ignored. */
  const jar = new Map<string, string>()
  const get = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers)
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
    const res = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const at = pair!.indexOf('=')
      jar.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
    return res
  }

  return {
    issuer,
    tokenUrl: `${issuer}/token`,
    authorizationUrl: `${issuer}/auth`,
    deviceUrl: `${issuer}/device/auth`,
    userinfoUrl: `${issuer}/me`,
    clientSecret,
    get consent() {
      return state.consent
    },
    set consent(value) {
      state.consent = value
    },
    slowDown: (n) => void (slowDowns = n),
    grants,
    async browse(url, tamper = (u) => u) {
      jar.clear()
      let next = new URL(url)
      for (let hop = 0; hop < 20; hop++) {
        if (next.origin !== issuer) {
          const redirect = tamper(next)
          // The browser arriving at the loopback redirect.
          await (await fetch(redirect)).arrayBuffer()
          return redirect
        }
        const res = await get(next.href)
        await res.arrayBuffer()
        const location = res.headers.get('location')
        if (!location) throw new Error(`the browser stopped at ${next.pathname}: HTTP ${res.status}`)
        next = new URL(location, next)
      }
      throw new Error('too many redirects')
    },
    async enterUserCode(userCode) {
      const xsrf = async (res: Response): Promise<string> => /name="xsrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? ''
      const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      jar.clear()
      const token = await xsrf(await get(`${issuer}/device`))
      const confirm = await xsrf(await get(`${issuer}/device`, form({ xsrf: token, user_code: userCode })))
      const answer: Record<string, string> = state.consent === 'deny' ? { abort: 'yes' } : { confirm: 'yes' }
      let res = await get(`${issuer}/device`, form({ xsrf: confirm, user_code: userCode, ...answer }))
      // Through the interactions, to the device flow's success page.
      for (let hop = 0; hop < 20 && res.headers.get('location'); hop++) {
        await res.arrayBuffer()
        res = await get(new URL(res.headers.get('location')!, issuer).href)
      }
      await res.arrayBuffer()
    },
    async userinfoStatus(accessToken) {
      const res = await fetch(`${issuer}/me`, { headers: { authorization: `Bearer ${accessToken}` } })
      await res.arrayBuffer()
      return res.status
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
