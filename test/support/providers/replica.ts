import { decodeBasic, type Reply, type SeenRequest } from '../token-server.js'

/**
 * A provider's token endpoint as its documentation describes it, served by a MockServer: the
 * path, which client authentication and body format it takes, the headers it requires, how it
 * rotates refresh tokens and what the previous one does after a rotation. Each file beside this one
 * fills it in from research/providers/<id>.md; the bodies are the provider's own shapes.
 */
export interface ReplicaSpec {
  readonly path: string
  readonly auth: 'basic' | 'post' | 'either'
  readonly format: 'form' | 'json' | 'either'
  /** Required request headers and their values (Notion-Version). */
  readonly headers?: Readonly<Record<string, string>>
  /** Token prefixes, so a test can tell whose token it holds (xoxe-1-, ghr_). */
  readonly prefix?: { readonly access?: string; readonly refresh?: string }
  /** `every` seconds: the same token until that long after the last rotation (Intuit). */
  readonly rotation: 'always' | 'never' | 'same' | { readonly everyS: number }
  /**
   * The previous refresh token after a rotation: still good for a window, dead, dead and taking
   * the whole grant with it (RFC 9700 §4.14.2), or good for as long as it lives.
   */
  readonly reuse: { readonly windowS: number } | 'dead' | 'revoke-family' | 'valid'
  readonly success: (t: Issued) => Reply
  readonly deadToken: () => Reply
  readonly badClient: () => Reply
  /** A request the provider would refuse as malformed (wrong format, missing header). */
  readonly badRequest?: (why: string) => Reply
}

export interface Issued {
  readonly access: string
  /** Undefined when the provider sends none back (Google). */
  readonly refresh: string | undefined
  readonly n: number
}

export const CLIENT_ID = 'replica-client-id'
export const CLIENT_SECRET = 'replica-Secret+with/reserved=chars'

export class Replica {
  readonly first: string
  current: string | undefined
  private previous: { token: string; at: number } | undefined
  /** The first token was issued at authorization, long before the replica's clock starts. */
  private rotatedAt = -Infinity
  /** The replica's own clock, in seconds: tests move it to step past a reuse window. */
  clock = 0
  refreshes = 0
  readonly seen: SeenRequest[] = []
  /** Other routes of the provider's server (a discovery document), answered before the token endpoint. */
  route: ((req: SeenRequest) => Reply | undefined) | undefined
  readonly issuedAccess: string[] = []
  readonly issuedRefresh: string[] = []

  readonly spec: ReplicaSpec

  constructor(spec: ReplicaSpec) {
    this.spec = spec
    this.first = this.current = this.token('refresh', 0)
    this.issuedRefresh.push(this.first)
  }

  /** Every token this replica handed out or started with: none may ever be printed. */
  get secrets(): string[] {
    return [CLIENT_SECRET, ...this.issuedRefresh, ...this.issuedAccess]
  }

  /** The dead token of a test: one this replica never issued. */
  get dead(): string {
    return `${this.spec.prefix?.refresh ?? 'rt-'}never-issued-0123456789`
  }

  revokeAll(): void {
    this.current = undefined
    this.previous = undefined
  }

  private token(kind: 'access' | 'refresh', n: number): string {
    return `${this.spec.prefix?.[kind] ?? (kind === 'access' ? 'at-' : 'rt-')}${n}-${Math.random().toString(36).slice(2, 12)}0123456789`
  }

  readonly handler = (req: SeenRequest): Reply => {
    this.seen.push(req)
    const routed = this.route?.(req)
    if (routed) return routed
    const { spec } = this
    if (req.method !== 'POST' || req.url.split('?')[0] !== spec.path) return { status: 404, body: 'not found' }
    const json = String(req.headers['content-type']).startsWith('application/json')
    const refuse = (why: string): Reply => spec.badRequest?.(why) ?? { status: 400, body: { error: 'invalid_request', error_description: why } }
    if ((spec.format === 'json' && !json) || (spec.format === 'form' && json)) return refuse(`expected a ${spec.format} body`)
    for (const [name, value] of Object.entries(spec.headers ?? {})) if (req.headers[name] !== value) return refuse(`missing header ${name}`)
    let params: Record<string, unknown>
    try {
      params = json ? (JSON.parse(req.body) as Record<string, unknown>) : Object.fromEntries(req.form)
    } catch {
      return refuse('unreadable body')
    }
    const basic = decodeBasic(req.headers.authorization)
    const byBasic = basic?.[0] === CLIENT_ID && basic[1] === CLIENT_SECRET
    const byBody = params.client_id === CLIENT_ID && params.client_secret === CLIENT_SECRET
    if (!(spec.auth === 'basic' ? byBasic : spec.auth === 'post' ? byBody : byBasic || byBody)) return spec.badClient()
    if (params.grant_type !== 'refresh_token') return refuse('grant_type must be refresh_token')
    return this.present(String(params.refresh_token))
  }

  private present(token: string): Reply {
    const { reuse } = this.spec
    if (token !== this.current) {
      const prev = this.previous?.token === token ? this.previous : undefined
      const withinWindow = prev && typeof reuse === 'object' && this.clock - prev.at <= reuse.windowS
      // 'valid': the provider never revokes a used token (Entra); every one it issued still works.
      const stillValid = reuse === 'valid' && this.current !== undefined && this.issuedRefresh.includes(token)
      // RFC 9700 §4.14.2: any rotated-out token coming back revokes the grant, the newest token included.
      if (reuse === 'revoke-family' && this.issuedRefresh.includes(token)) this.revokeAll()
      if (!withinWindow && !stillValid) return this.spec.deadToken()
    }
    return this.issue()
  }

  private issue(): Reply {
    const n = ++this.refreshes
    const access = this.token('access', n)
    this.issuedAccess.push(access)
    const { rotation } = this.spec
    const rotate = rotation === 'always' || (typeof rotation === 'object' && this.clock - this.rotatedAt >= rotation.everyS)
    if (rotate) {
      this.previous = { token: this.current!, at: this.clock }
      this.current = this.token('refresh', n)
      this.issuedRefresh.push(this.current)
      this.rotatedAt = this.clock
    }
    return this.spec.success({ access, refresh: rotation === 'never' ? undefined : this.current, n })
  }
}
