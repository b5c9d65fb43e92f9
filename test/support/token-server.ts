import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SeenRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
  form: URLSearchParams
}

export interface Reply {
  status?: number
  headers?: Record<string, string>
  /** An object is sent as JSON; a string as is. */
  body?: unknown
}

export type Handler = (req: SeenRequest) => Reply | 'hang' | 'reset'

/**
 * A scriptable loopback HTTP server. Each request takes the next queued handler (the last one
 * repeats), so a test can say "503 once, then 200" and then read what the action sent.
 */
export class MockServer {
  readonly requests: SeenRequest[] = []
  /** Added to every answer before it is sent, to measure round trips (npm run bench). */
  latencyMs = 0
  private handlers: Handler[] = []
  private server: Server

  private constructor(server: Server) {
    this.server = server
  }

  static async start(): Promise<MockServer> {
    const server = createServer()
    const mock = new MockServer(server)
    server.on('request', (req, res) => {
      let body = ''
      req.on('data', (d: Buffer) => (body += d.toString()))
      req.on('end', () => {
        const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, form: new URLSearchParams(body) }
        mock.requests.push(seen)
        const handler = mock.handlers.length > 1 ? mock.handlers.shift()! : mock.handlers[0]
        const reply = handler ? handler(seen) : { status: 500, body: 'no handler queued' }
        if (reply === 'hang') return
        if (reply === 'reset') {
          req.socket.destroy()
          return
        }
        const json = typeof reply.body === 'object' && reply.body !== null
        const answer = () => {
          res.writeHead(reply.status ?? 200, { 'content-type': json ? 'application/json' : 'text/plain', ...reply.headers })
          res.end(json ? JSON.stringify(reply.body) : (reply.body as string | undefined) ?? '')
        }
        if (mock.latencyMs > 0) setTimeout(answer, mock.latencyMs)
        else answer()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return mock
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  /** Queues handlers, replacing any left from an earlier test. */
  reply(...handlers: (Handler | Reply)[]): this {
    this.handlers = handlers.map((h) => (typeof h === 'function' ? h : () => h))
    this.requests.length = 0
    return this
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

/** A Basic header's id and secret, decoded as RFC 6749 §2.3.1 says a server must. */
export function decodeBasic(header: string | undefined): [string, string] | undefined {
  const m = /^Basic (.+)$/.exec(header ?? '')
  if (!m) return undefined
  const [id, secret] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':')
  const dec = (v: string) => decodeURIComponent(v.replace(/\+/g, ' '))
  return [dec(id!), dec(secret!)]
}

/**
 * A strict authorization server's refresh grant, as RFC 9700 §4.14.2 describes and node
 * oidc-provider does: every refresh rotates the refresh token, and presenting one that was already
 * used revokes the whole grant, the newest token included. `handler` serves a MockServer.
 */
export class RotatingGrant {
  /** The one live refresh token (undefined once the grant is revoked). */
  current: string | undefined
  readonly used = new Set<string>()
  /** Every refresh request that reached the server, and those that rotated. */
  presented = 0
  refreshes = 0
  /** Live access tokens, for a resource server's check. */
  readonly live = new Set<string>()
  expiresIn: number | undefined

  /**
   * A reuse window (Xero's 30 minutes, Atlassian's 10): the token spent last is accepted again for
   * this long after it was spent, and rotates like the current one; after it, reuse revokes the grant.
   */
  graceMs = 0
  /** The clock the grace window is judged by (a test's fake clock). */
  now: () => number = Date.now
  private previous: { token: string; spentAt: number } | undefined

  constructor(first: string, expiresIn: number | undefined = 1800) {
    this.current = first
    this.expiresIn = expiresIn
  }

  get revoked(): boolean {
    return this.current === undefined
  }

  readonly handler = (req: SeenRequest): Reply => {
    this.presented++
    const token = req.form.get('refresh_token') ?? ''
    const inGrace = this.current !== undefined && this.previous?.token === token && this.now() - this.previous.spentAt < this.graceMs
    if (token !== this.current && !inGrace) {
      // Reuse of a spent token: the grant and every token it issued die.
      if (this.used.has(token)) {
        this.current = undefined
        this.live.clear()
      }
      return { status: 400, body: { error: 'invalid_grant', error_description: 'grant request is invalid' } }
    }
    this.used.add(token)
    if (!inGrace) this.previous = { token, spentAt: this.now() }
    this.refreshes++
    this.current = `rt-${this.refreshes}-${Math.random().toString(36).slice(2)}0123456789`
    const access = `at-${this.refreshes}-${Math.random().toString(36).slice(2)}0123456789`
    this.live.add(access)
    return { body: { access_token: access, token_type: 'Bearer', refresh_token: this.current, ...(this.expiresIn === undefined ? {} : { expires_in: this.expiresIn }), scope: 'Read' } }
  }
}
