/**
 * An authorization server built on oauth2orize + passport on loopback, wired the way oauth2orize's
 * examples wire it, on plain node:http (a form body parser and a one-line `res.redirect` are all
 * the express surface the libraries touch). The token endpoint authenticates the client with
 * passport: passport-http's BasicStrategy (client_secret_basic) or passport-oauth2-client-password
 * (client_secret_post), `session: false`, before oauth2orize sees the grant.
 *
 * Refresh tokens rotate: exchange.refreshToken issues a new one and spends the old one. Reuse
 * detection (RFC 9700 §4.14.2): presenting a spent refresh token revokes every token of its grant.
 */
import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import oauth2orize, { type ErrorMiddleware, type Middleware } from 'oauth2orize'
import passport from 'passport'
import passportHttp from 'passport-http'
import clientPassword from 'passport-oauth2-client-password'
import {
  authorizationCodeFlow,
  bearerStatus,
  listen,
  parseRequest,
  recordTokenRequest,
  REDIRECT_URI,
  RESERVED_SECRET,
  sendJson,
  type InteropClient,
  type InteropServer,
  type ParsedRequest,
  type TokenRequestRecord
} from './http.js'

export const SCOPE = 'reports:read reports:write'
const ACCESS_TTL_S = 3600

interface Grant {
  readonly id: string
  readonly clientId: string
  readonly userId: string
  readonly scope: readonly string[]
}

export async function startOauth2orizeServer(): Promise<InteropServer> {
  const client: InteropClient = { id: 'ci-reports', secret: randomBytes(24).toString('base64url') }
  const reservedClient: InteropClient = { id: 'ci-reserved', secret: RESERVED_SECRET }
  const clients = new Map([client, reservedClient].map((c) => [c.id, { id: c.id, secret: c.secret, redirectUri: REDIRECT_URI }]))
  const user = { id: 'user-1' }
  const sessionId = randomBytes(16).toString('hex')
  const sessions = new Map([[sessionId, user]])

  const token = () => randomBytes(24).toString('base64url')
  const grants = new Map<string, Grant>()
  const codes = new Map<string, { grantId: string; redirectUri: string }>()
  const accessTokens = new Map<string, { grantId: string; expiresAt: number }>()
  const refreshTokens = new Map<string, { grantId: string }>()
  /** Spent refresh token → its grant, kept to recognise reuse. */
  const spentRefreshTokens = new Map<string, string>()

  const issueTokens = (grantId: string): [string, string, { expires_in: number }] => {
    const access = token()
    const refresh = token()
    accessTokens.set(access, { grantId, expiresAt: Date.now() + ACCESS_TTL_S * 1000 })
    refreshTokens.set(refresh, { grantId })
    return [access, refresh, { expires_in: ACCESS_TTL_S }]
  }
  const revokeGrant = (grantId: string) => {
    grants.delete(grantId)
    for (const map of [accessTokens, refreshTokens]) for (const [k, v] of map) if (v.grantId === grantId) map.delete(k)
  }

  const server = oauth2orize.createServer()
  server.grant(
    oauth2orize.grant.code((c, redirectUri, u, _ares, areq, done) => {
      const grant: Grant = { id: token(), clientId: c.id, userId: u.id, scope: areq.scope ?? [] }
      grants.set(grant.id, grant)
      const code = token()
      codes.set(code, { grantId: grant.id, redirectUri })
      done(null, code)
    })
  )
  server.exchange(
    oauth2orize.exchange.code((c, code, redirectUri, done) => {
      const entry = codes.get(code)
      codes.delete(code)
      const grant = entry && grants.get(entry.grantId)
      if (!entry || !grant || grant.clientId !== c.id || entry.redirectUri !== redirectUri) return done(null, false)
      done(null, ...issueTokens(grant.id))
    })
  )
  server.exchange(
    oauth2orize.exchange.refreshToken((c, refreshToken, _scope, done) => {
      const reusedGrant = spentRefreshTokens.get(refreshToken)
      if (reusedGrant !== undefined) {
        revokeGrant(reusedGrant)
        return done(new oauth2orize.TokenError('Refresh token already used: every token of its grant is revoked', 'invalid_grant'))
      }
      const entry = refreshTokens.get(refreshToken)
      const grant = entry && grants.get(entry.grantId)
      if (!entry || !grant || grant.clientId !== c.id) return done(null, false)
      refreshTokens.delete(refreshToken)
      spentRefreshTokens.set(refreshToken, grant.id)
      done(null, ...issueTokens(grant.id))
    })
  )

  const auth = new passport.Passport()
  const verifyClient = (id: string, secret: string, done: (err: unknown, c?: unknown) => void) => {
    const c = clients.get(id)
    done(null, c && c.secret === secret ? c : false)
  }
  auth.use(new passportHttp.BasicStrategy(verifyClient))
  auth.use(new clientPassword.Strategy(verifyClient))

  const signedIn: Middleware = (req, _res, next) => {
    req.user = sessions.get(/(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '')
    next(req.user ? undefined : new Error('not signed in'))
  }
  const authorize = server.authorization(
    (clientId: string, redirectUri: string, done: (err: unknown, client?: unknown, redirectUri?: string) => void) => {
      const c = clients.get(clientId)
      if (!c || c.redirectUri !== redirectUri) return done(null, false)
      done(null, c, redirectUri)
    },
    // The user approved this client before: no consent screen, so no transaction in a session.
    (_client: unknown, _user: unknown, done: (err: unknown, allow: boolean) => void) => done(null, true)
  )
  const tokenEndpoint = [auth.authenticate(['basic', 'oauth2-client-password'], { session: false }), server.token()]
  const resource: Middleware = (req, res) => {
    const t = accessTokens.get(/^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '')
    if (t && t.expiresAt > Date.now()) return sendJson(res, 200, { user: grants.get(t.grantId)?.userId })
    sendJson(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' })
  }
  const errorHandler = server.errorHandler()

  const tokenRequests: TokenRequestRecord[] = []
  const { origin, close } = await listen(async (req, res) => {
    const parsed = await parseRequest(req)
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path === '/authorize') return run(parsed, res, [signedIn, authorize], errorHandler)
    if (path === '/token' && req.method === 'POST') {
      recordTokenRequest(tokenRequests, parsed, res)
      return run(parsed, res, tokenEndpoint, errorHandler)
    }
    if (path === '/api/me') return run(parsed, res, [resource], errorHandler)
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

/** Connect-style middleware on node:http: each calls next() or answers; an error goes to the error handler. */
function run(req: ParsedRequest, res: ServerResponse, stack: Middleware[], onError: ErrorMiddleware): Promise<void> {
  // The one express response helper oauth2orize uses (response/query.js), as express defines it.
  const r = res as ServerResponse & { redirect?: (url: string) => void }
  r.redirect = (url) => {
    res.writeHead(302, { location: url })
    res.end()
  }
  return new Promise<void>((resolve, reject) => {
    res.on('finish', resolve)
    res.on('close', resolve)
    let i = 0
    const next = (err?: unknown): void => {
      if (err) return onError(err, req, res, (e) => reject(e instanceof Error ? e : err instanceof Error ? err : new Error('the error handler failed')))
      const mw = stack[i++]
      if (!mw) return reject(new Error('no middleware answered'))
      try {
        mw(req, res, next)
      } catch (e) {
        next(e)
      }
    }
    next()
  })
}
