/**
 * An authorization server built on @node-oauth/oauth2-server (the maintained fork of oauth2-server)
 * on loopback: plain node:http, an in-memory model, refresh-token rotation on
 * (`alwaysIssueNewRefreshToken`: each refresh revokes the presented refresh token through
 * `model.revokeToken` and issues a new one). The library has no reuse detection: a rotated token is
 * simply unknown afterwards, and the rest of the chain lives on.
 *
 * Client authentication is the library's own: HTTP Basic parsed by the `basic-auth` package (base64
 * decoded, split at the first colon, NOT form-decoded), else client_id/client_secret in the body.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import OAuth2Server from '@node-oauth/oauth2-server'
import {
  authorizationCodeFlow,
  bearerStatus,
  listen,
  parseRequest,
  recordTokenRequest,
  REDIRECT_URI,
  RESERVED_SECRET,
  type InteropClient,
  type InteropServer,
  type TokenRequestRecord
} from './http.js'

const { Request, Response } = OAuth2Server
type Client = OAuth2Server.Client
type User = OAuth2Server.User
type Token = OAuth2Server.Token
type AuthorizationCode = OAuth2Server.AuthorizationCode

export const SCOPE = 'reports:read reports:write'

export async function startNodeOAuth2Server(): Promise<InteropServer> {
  const client: InteropClient = { id: 'ci-reports', secret: randomBytes(24).toString('base64url') }
  const reservedClient: InteropClient = { id: 'ci-reserved', secret: RESERVED_SECRET }
  const clients = new Map<string, Client & { secret: string }>(
    [client, reservedClient].map((c) => [c.id, { id: c.id, secret: c.secret, grants: ['authorization_code', 'refresh_token'], redirectUris: [REDIRECT_URI] }])
  )
  const user: User = { id: 'user-1' }
  const sessionId = randomBytes(16).toString('hex')
  const sessions = new Map([[sessionId, user]])

  const codes = new Map<string, AuthorizationCode>()
  const accessTokens = new Map<string, Token>()
  const refreshTokens = new Map<string, Token>()

  const model: OAuth2Server.AuthorizationCodeModel & OAuth2Server.RefreshTokenModel = {
    // Called with a secret at the token endpoint, without one at the authorize endpoint.
    async getClient(id, secret) {
      const c = clients.get(id)
      if (!c || (secret != null && secret !== c.secret)) return null
      return c
    },
    async saveAuthorizationCode(code, c, u) {
      const saved: AuthorizationCode = { ...code, client: c, user: u }
      codes.set(code.authorizationCode, saved)
      return saved
    },
    async getAuthorizationCode(code) {
      return codes.get(code)
    },
    async revokeAuthorizationCode(code) {
      return codes.delete(code.authorizationCode)
    },
    async saveToken(token, c, u) {
      const saved: Token = { ...token, client: c, user: u }
      accessTokens.set(token.accessToken, saved)
      if (token.refreshToken) refreshTokens.set(token.refreshToken, saved)
      return saved
    },
    async getAccessToken(accessToken) {
      return accessTokens.get(accessToken)
    },
    async getRefreshToken(refreshToken) {
      const t = refreshTokens.get(refreshToken)
      return t && { ...t, refreshToken }
    },
    async revokeToken(token) {
      return refreshTokens.delete(token.refreshToken)
    }
  }

  const oauth = new OAuth2Server({ model, alwaysIssueNewRefreshToken: true, accessTokenLifetime: 3600, refreshTokenLifetime: 30 * 24 * 3600 })
  const tokenRequests: TokenRequestRecord[] = []

  /** Runs one library call on our request, then writes whatever Response it filled in. */
  async function handle(req: IncomingMessage, res: ServerResponse, call: (rq: OAuth2Server.Request, rs: OAuth2Server.Response) => Promise<unknown>, onSuccess?: (result: unknown) => unknown) {
    const parsed = await parseRequest(req)
    if (parsed.url?.startsWith('/token')) recordTokenRequest(tokenRequests, parsed, res)
    const request = new Request({ headers: parsed.headers as Record<string, string>, method: parsed.method ?? 'GET', query: parsed.query, body: parsed.body })
    const response = new Response({})
    let status: number
    let body: unknown
    try {
      const result = await call(request, response)
      status = response.status ?? 200
      body = onSuccess ? onSuccess(result) : response.body
    } catch (e) {
      const err = e as { code?: number; name?: string; message?: string }
      status = response.status && response.status !== 200 ? response.status : (err.code ?? 500)
      body = response.body && Object.keys(response.body as object).length ? response.body : { error: err.name, error_description: err.message }
    }
    const headers = { ...(response.headers ?? {}) }
    if (status === 302) {
      res.writeHead(status, headers)
      res.end()
    } else {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }
  }

  const { origin, close } = await listen(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path === '/authorize') {
      // The user signed in earlier: the session cookie names them. Consent is implied.
      const authenticateHandler = { handle: (rq: OAuth2Server.Request) => sessions.get(/(?:^|;\s*)sid=([^;]+)/.exec(rq.get('cookie') ?? '')?.[1] ?? '') }
      return handle(req, res, (rq, rs) => oauth.authorize(rq, rs, { authenticateHandler }))
    }
    if (path === '/token' && req.method === 'POST') return handle(req, res, (rq, rs) => oauth.token(rq, rs))
    if (path === '/api/me') return handle(req, res, (rq, rs) => oauth.authenticate(rq, rs), (t) => ({ user: (t as Token).user.id }))
    res.writeHead(404).end()
  })

  return {
    origin,
    tokenUrl: `${origin}/token`,
    client,
    reservedClient,
    tokenRequests,
    authorize: (c) => authorizationCodeFlow({ authorizeUrl: `${origin}/authorize`, tokenUrl: `${origin}/token`, client: c, cookie: `sid=${sessionId}`, scope: SCOPE }),
    resourceStatus: (accessToken) => bearerStatus(`${origin}/api/me`, accessToken),
    close
  }
}
