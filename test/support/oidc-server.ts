/**
 * A real authorization server on loopback: node oidc-provider (OpenID Certified), in-process, with
 * one confidential client and refresh-token rotation on. The first refresh token is seeded through
 * its Grant and RefreshToken models, as if a user had consented in a browser once.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export const CLIENT_ID = 'ci-reports'
export const ACCOUNT = 'user-1'
/** Scopes of the seeded grant. Only OpenID Connect scopes: oidc-provider drops others without resource indicators. */
export const GRANTED = 'openid offline_access profile'

export interface AuthServer {
  readonly issuer: string
  readonly tokenUrl: string
  readonly userinfoUrl: string
  readonly clientId: string
  readonly clientSecret: string
  /** A refresh token for a fresh grant of `scope` (as after a user's consent). */
  seedRefreshToken(scope?: string): Promise<string>
  /** Refresh requests that reached the token endpoint (grant_type=refresh_token), however they ended. */
  readonly refreshRequests: () => number
  /** The status userinfo gives an access token: 200 when the server accepts it. */
  userinfoStatus(accessToken: string): Promise<number>
  close(): Promise<void>
}

export interface AuthServerOptions {
  /** The token endpoint's client authentication; defaults to client_secret_basic. */
  authMethod?: 'client_secret_basic' | 'client_secret_post'
}

export async function startAuthServer(opts: AuthServerOptions = {}): Promise<AuthServer> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientSecret = randomBytes(24).toString('base64url')

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: clientSecret,
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: ['https://client.example.com/callback'],
        token_endpoint_auth_method: opts.authMethod ?? 'client_secret_basic'
      }
    ],
    // RFC 9700 §4.14.2: every refresh returns a new refresh token and consumes the old one; presenting
    // a consumed one revokes the grant. Off by default for confidential clients.
    rotateRefreshToken: true,
    // The revocation policy is the provider's own default, stated: a client may revoke only its own
    // tokens (stating it also keeps the provider from printing a NOTICE to change it).
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true, allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { clientId: string }) => token.clientId === client.clientId },
      userinfo: { enabled: true }
    },
    adapter: memoryAdapter(),
    // Our own signing key and ttls: the provider's quick-start defaults print warnings at start-up.
    jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'demo', use: 'sig', alg: 'RS256' }] },
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, name: 'CI User' }) }),
    ttl: { AccessToken: 1800, IdToken: 3600, RefreshToken: 30 * 24 * 3600, Grant: 365 * 24 * 3600, Session: 3600, Interaction: 600 }
  })
  // The issuer is http on loopback; oidc-provider only needs to know it is not behind a proxy.
  let refreshes = 0
  const callback = provider.callback()
  server.on('request', (req, res) => {
    if (req.method === 'POST' && req.url === '/token') {
      // Count refresh grants without consuming the body the provider reads.
      req.on('data', (chunk: Buffer) => void (chunk.includes('grant_type=refresh_token') && refreshes++))
    }
    callback(req, res)
  })

  const client = await provider.Client.find(CLIENT_ID)

  return {
    issuer,
    tokenUrl: `${issuer}/token`,
    userinfoUrl: `${issuer}/me`,
    clientId: CLIENT_ID,
    clientSecret,
    refreshRequests: () => refreshes,
    async seedRefreshToken(scope = GRANTED) {
      const grant = new provider.Grant({ accountId: ACCOUNT, clientId: CLIENT_ID })
      grant.addOIDCScope(scope)
      const grantId = await grant.save()
      const token = new provider.RefreshToken({ accountId: ACCOUNT, client: client!, grantId, scope, gty: 'authorization_code', authTime: Math.floor(Date.now() / 1000) })
      return token.save()
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

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number }

/**
 * oidc-provider's storage interface over a Map, one per server. The grant index is what lets the
 * server revoke every token of a grant when a consumed refresh token is presented again.
 */
export function memoryAdapter() {
  const store = new Map<string, { payload: Payload; expiresAt: number }>()
  const grants = new Map<string, Set<string>>()
  const get = (key: string): Payload | undefined => {
    const entry = store.get(key)
    if (entry && entry.expiresAt < Date.now()) store.delete(key)
    return entry && entry.expiresAt >= Date.now() ? entry.payload : undefined
  }
  return class {
    readonly model: string
    constructor(model: string) {
      this.model = model
    }
    key(id: string) {
      return `${this.model}:${id}`
    }
    async upsert(id: string, payload: Payload, expiresIn?: number) {
      const key = this.key(id)
      store.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity })
      if (payload.grantId) grants.set(payload.grantId, (grants.get(payload.grantId) ?? new Set()).add(key))
    }
    async find(id: string) {
      return get(this.key(id))
    }
    async findByUid(uid: string) {
      for (const [key, { payload }] of store) if (key.startsWith(`${this.model}:`) && payload.uid === uid) return get(key)
      return undefined
    }
    async findByUserCode(code: string) {
      for (const [key, { payload }] of store) if (key.startsWith(`${this.model}:`) && payload.userCode === code) return get(key)
      return undefined
    }
    async consume(id: string) {
      const payload = get(this.key(id))
      if (payload) payload.consumed = Math.floor(Date.now() / 1000)
    }
    async destroy(id: string) {
      store.delete(this.key(id))
    }
    async revokeByGrantId(grantId: string) {
      for (const key of grants.get(grantId) ?? []) store.delete(key)
      grants.delete(grantId)
    }
  }
}
