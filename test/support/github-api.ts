import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import sodium from 'libsodium-wrappers'

/** Fine-grained permissions the fake API checks, named as GitHub names them. */
export type Permission = 'secrets' | 'variables' | 'environments'

export interface StoredSecret {
  /** The plaintext, decrypted here with the target's private key (crypto_box_seal_open). */
  value: string
  visibility?: string
  selectedRepositoryIds?: number[]
  updates: number
}

export interface SeenApiRequest {
  method: string
  path: string
  body: unknown
  /** Position among all requests any test server saw (see `nextSeq`), to assert order across servers. */
  seq: number
}

let seq = 0
/** A process-wide counter: the token server's handler takes a number too, so order is provable. */
export const nextSeq = (): number => ++seq

export interface Fault {
  method?: string
  /** A substring of the path to match, e.g. '/secrets/public-key'. */
  path?: string
  /** The answer's status (500 when not given, for a fault that hangs). */
  status?: number
  headers?: Record<string, string>
  body?: unknown
  /** How many matching requests get the fault (default 1). */
  times?: number
  /** The request takes effect, then its answer is replaced by the fault (an answer lost on the way back). */
  landed?: boolean
  /** No answer at all: the connection stays open (a step killed while it waits). With `landed`, the request takes effect first. */
  hang?: boolean
  /** The request takes effect, and is answered, only this long after it arrived (a write that lands late). */
  delayMs?: number
}

interface KeyPair {
  id: string
  publicKey: Uint8Array
  privateKey: Uint8Array
}

/**
 * A loopback server speaking the parts of GitHub's REST API that the action uses for repository,
 * environment and organization secrets and variables. It really decrypts each PUT with the
 * target's private key, so `secrets` holds what a workflow would read next time; tests feed that
 * to the next run. Tokens, permissions, repositories, environments and organizations exist only
 * when a test adds them; faults are injected per method and path.
 *
 *   const gh = await GitHubApi.start()
 *   gh.reset().token(PAT, 'secrets', 'variables').repo('octo/app').seed('repo:octo/app:RT', first)
 *   await runAction({ ..., 'refresh-token': gh.secrets.get('repo:octo/app:RT')!.value, 'secret-name': 'RT', 'github-token': PAT },
 *     { env: { GITHUB_REPOSITORY: 'octo/app', GITHUB_API_URL: gh.url } })
 *   gh.secrets.get('repo:octo/app:RT')!.value   // what the next scheduled run reads
 */
export class GitHubApi {
  readonly requests: SeenApiRequest[] = []
  /** Decrypted secrets by `repo:o/r:NAME`, `env:o/r:ENV:NAME` or `org:o:NAME`. */
  readonly secrets = new Map<string, StoredSecret>()
  /** Variables by the same kind of key. */
  readonly variables = new Map<string, string>()
  /** When each variable was created and last updated, by this server's clock. */
  readonly variableTimes = new Map<string, { created: number; updated: number }>()
  /** TCP connections accepted since the last reset: what the action's keep-alive agent opened. */
  connections = 0
  /** Added to every answer before it is sent, to measure round trips (npm run bench). */
  latencyMs = 0
  /** This server's clock runs this far ahead of the machine's: tests move it to expire a lock. */
  private clockOffsetMs = 0
  /** Keys whose reads lag their writes, and by how long (see `lag`). */
  private lags: { match: (key: string) => boolean; ms: number }[] = []
  /** For a lagging key: the value a read returns until `until` (undefined: the variable did not exist). */
  private stale = new Map<string, { value: string | undefined; times: { created: number; updated: number } | undefined; until: number }>()
  private tokens = new Map<string, Set<Permission>>()
  private repos = new Map<string, Set<string>>()
  private orgs = new Set<string>()
  private keys = new Map<string, KeyPair>()
  private faults: Fault[] = []

  private readonly server: Server
  private constructor(server: Server) {
    this.server = server
  }

  static async start(): Promise<GitHubApi> {
    await sodium.ready
    const api = new GitHubApi(createServer())
    api.server.on('connection', () => void api.connections++)
    api.server.on('request', (req, res) => {
      let raw = ''
      req.on('data', (d: Buffer) => (raw += d.toString()))
      req.on('end', () => {
        const path = (req.url ?? '').split('?')[0]!
        let body: unknown
        try {
          body = raw ? JSON.parse(raw) : undefined
        } catch {
          body = raw
        }
        api.requests.push({ method: req.method ?? '', path: req.url ?? '', body, seq: nextSeq() })
        const fault = api.fault(req.method ?? '', req.url ?? '')
        const serve = () => {
          const handled = !fault || fault.landed || fault.delayMs !== undefined ? api.handle(req.method ?? '', path, req.url ?? '', String(req.headers.authorization ?? ''), body) : undefined
          if (fault?.hang) return
          const reply = fault && fault.delayMs === undefined ? fault : handled!
          const answer = () => {
            res.writeHead(reply.status, { 'content-type': 'application/json', date: new Date(api.now()).toUTCString(), ...reply.headers })
            res.end(reply.body === undefined ? '' : JSON.stringify(reply.body))
          }
          if (api.latencyMs > 0) setTimeout(answer, api.latencyMs)
          else answer()
        }
        if (fault?.hang && !fault.landed) return
        if (fault?.delayMs !== undefined) setTimeout(serve, fault.delayMs)
        else serve()
      })
    })
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve))
    return api
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  /** Forgets everything a previous test set up. */
  reset(): this {
    for (const m of [this.secrets, this.variables, this.variableTimes, this.tokens, this.repos, this.keys]) m.clear()
    this.orgs.clear()
    this.faults = []
    this.lags = []
    this.stale.clear()
    this.requests.length = 0
    this.connections = 0
    this.latencyMs = 0
    this.clockOffsetMs = 0
    return this
  }

  /** This server's clock, which `Date` headers and variable timestamps follow. */
  now(): number {
    return Date.now() + this.clockOffsetMs
  }

  /** Moves this server's clock forward, as time passing would: an expired lock looks expired. */
  advance(ms: number): this {
    this.clockOffsetMs += ms
    return this
  }

  /** Sets a variable as if some run (or a person) had written it, `agoMs` ago by this server's clock. */
  setVariable(key: string, value: string, agoMs = 0): this {
    this.variables.set(key, value)
    this.variableTimes.set(key, { created: this.now() - agoMs, updated: this.now() - agoMs })
    return this
  }

  token(token: string, ...permissions: Permission[]): this {
    this.tokens.set(token, new Set(permissions))
    return this
  }

  repo(repository: string, ...environments: string[]): this {
    this.repos.set(repository, new Set(environments))
    return this
  }

  org(org: string): this {
    this.orgs.add(org)
    return this
  }

  /**
   * Reads of matching variables return the value from before the last write for `ms` after it (GitHub
   * documents no read-after-write consistency); POST's 409 still sees the newest value, as the atomic
   * create does. `match` is a substring of the key (`repo:o/r:NAME`) or a predicate.
   */
  lag(match: string | ((key: string) => boolean), ms: number): this {
    this.lags.push({ match: typeof match === 'string' ? (k) => k.includes(match) : match, ms })
    return this
  }

  /** Remembers what a lagging read returns, just before a write changes the variable. */
  private beforeWrite(key: string): void {
    const rule = this.lags.find((l) => l.match(key))
    if (!rule) return
    const times = this.variableTimes.get(key)
    const pending = this.stale.get(key)
    // Writes in quick succession: a lagging read still shows the value from before the first of them.
    if (pending && pending.until > this.now()) {
      pending.until = this.now() + rule.ms
      return
    }
    this.stale.set(key, { value: this.variables.get(key), times: times && { ...times }, until: this.now() + rule.ms })
  }

  /** Drops the faults not yet served. */
  clearFaults(): this {
    this.faults = []
    return this
  }

  fail(...faults: Fault[]): this {
    this.faults.push(...faults.map((f) => ({ times: 1, ...f })))
    return this
  }

  /** Seals a value as GitHub itself would hold it, for a secret that exists before a run. */
  seed(key: string, value: string, extra: Partial<StoredSecret> = {}): this {
    this.secrets.set(key, { value, updates: 0, ...extra })
    return this
  }

  /** The requests that changed something. */
  get writes(): SeenApiRequest[] {
    return this.requests.filter((r) => r.method !== 'GET')
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private fault(method: string, url: string): (Reply & { landed?: boolean; hang?: boolean; delayMs?: number }) | undefined {
    const f = this.faults.find((x) => (!x.method || x.method === method) && (!x.path || url.includes(x.path)) && x.times! > 0)
    if (!f) return undefined
    f.times!--
    return { status: f.status ?? 500, headers: f.headers, body: f.body, landed: f.landed, hang: f.hang, delayMs: f.delayMs }
  }

  private handle(method: string, path: string, url: string, auth: string, body: unknown): Reply {
    const granted = this.tokens.get(auth.replace(/^Bearer /, ''))
    if (!granted) return { status: 401, body: { message: 'Bad credentials' } }
    const scope = this.scope(path)
    if (!scope) return { status: 404, body: { message: 'Not Found' } }
    const { prefix, rest, needs } = scope
    const missing = needs(rest.startsWith('/variables') ? 'variables' : 'secrets').filter((p) => !granted.has(p))
    if (missing.length) {
      return { status: 403, headers: { 'x-accepted-github-permissions': missing.map((p) => `${p}=write`).join('; ') }, body: { message: 'Resource not accessible by personal access token' } }
    }
    let m: RegExpExecArray | null
    if (method === 'GET' && rest === '/secrets/public-key') {
      const kp = this.keyPair(prefix)
      return { status: 200, body: { key_id: kp.id, key: Buffer.from(kp.publicKey).toString('base64') } }
    }
    if ((m = /^\/secrets\/([A-Za-z0-9_]+)$/.exec(rest))) return this.secret(method, `${prefix}:${m[1]}`, m[1]!, body)
    if ((m = /^\/secrets\/([A-Za-z0-9_]+)\/repositories$/.exec(rest)) && method === 'GET') {
      const ids = this.secrets.get(`${prefix}:${m[1]}`)?.selectedRepositoryIds ?? []
      const page = Number(new URL(url, 'http://x').searchParams.get('page') ?? 1)
      const per = Number(new URL(url, 'http://x').searchParams.get('per_page') ?? 30)
      return { status: 200, body: { total_count: ids.length, repositories: ids.slice((page - 1) * per, page * per).map((id) => ({ id, full_name: `o/r${id}` })) } }
    }
    if (method === 'GET' && rest === '/variables') {
      const q = new URL(url, 'http://x').searchParams
      const per = Math.min(Number(q.get('per_page') ?? 30), 30)
      const page = Number(q.get('page') ?? 1)
      const all = [...this.variables.keys()].filter((k) => k.startsWith(`${prefix}:`)).sort()
      const variables = all.slice((page - 1) * per, page * per).map((k) => ({ name: k.slice(prefix.length + 1), value: this.variables.get(k) }))
      return { status: 200, body: { total_count: all.length, variables } }
    }
    if (method === 'POST' && rest === '/variables') {
      const { name, value } = body as { name: string; value: string }
      const key = `${prefix}:${String(name).toUpperCase()}`
      if (this.variables.has(key)) return { status: 409, body: { message: 'Already exists' } }
      this.beforeWrite(key)
      this.setVariable(key, value)
      return { status: 201, body: {} }
    }
    if ((m = /^\/variables\/([A-Za-z0-9_]+)$/.exec(rest))) {
      // Names are case-insensitive and stored upper-case.
      const key = `${prefix}:${m[1]!.toUpperCase()}`
      const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
      const stale = this.stale.get(key)
      if (method === 'GET' && stale && stale.until > this.now()) {
        if (stale.value === undefined || !stale.times) return { status: 404, body: { message: 'Not Found' } }
        return { status: 200, body: { name: m[1]!.toUpperCase(), value: stale.value, created_at: iso(stale.times.created), updated_at: iso(stale.times.updated) } }
      }
      const value = this.variables.get(key)
      if (value === undefined) return { status: 404, body: { message: 'Not Found' } }
      const times = this.variableTimes.get(key)!
      if (method === 'GET') return { status: 200, body: { name: m[1]!.toUpperCase(), value, created_at: iso(times.created), updated_at: iso(times.updated) } }
      if (method === 'PATCH') {
        this.beforeWrite(key)
        this.variables.set(key, (body as { value: string }).value)
        times.updated = this.now()
        return { status: 204 }
      }
      if (method === 'DELETE') {
        this.beforeWrite(key)
        this.variables.delete(key)
        this.variableTimes.delete(key)
        return { status: 204 }
      }
    }
    return { status: 404, body: { message: 'Not Found' } }
  }

  /** The target a path names, if it exists: key prefix, the rest of the path, permissions needed. */
  private scope(path: string): { prefix: string; rest: string; needs: (p: 'secrets' | 'variables') => Permission[] } | undefined {
    let m = /^\/repos\/([^/]+)\/([^/]+)\/environments\/([^/]+)(\/.*)$/.exec(path)
    if (m) {
      const repo = `${m[1]}/${m[2]}`
      const env = decodeURIComponent(m[3]!)
      if (!this.repos.get(repo)?.has(env)) return undefined
      return { prefix: `env:${repo}:${env}`, rest: m[4]!, needs: (p) => [p, 'environments'] }
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/actions(\/.*)$/.exec(path)
    if (m) return this.repos.has(`${m[1]}/${m[2]}`) ? { prefix: `repo:${m[1]}/${m[2]}`, rest: m[3]!, needs: (p) => [p] } : undefined
    m = /^\/orgs\/([^/]+)\/actions(\/.*)$/.exec(path)
    if (m) return this.orgs.has(m[1]!) ? { prefix: `org:${m[1]}`, rest: m[2]!, needs: (p) => [p] } : undefined
    return undefined
  }

  private secret(method: string, key: string, name: string, body: unknown): Reply {
    const existing = this.secrets.get(key)
    if (method === 'GET') {
      if (!existing) return { status: 404, body: { message: 'Not Found' } }
      return { status: 200, body: { name, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', visibility: existing.visibility, selected_repositories_url: `${this.url}/orgs/x/actions/secrets/${name}/repositories` } }
    }
    if (method === 'DELETE') {
      if (!existing) return { status: 404, body: { message: 'Not Found' } }
      this.secrets.delete(key)
      return { status: 204 }
    }
    if (method !== 'PUT') return { status: 404, body: { message: 'Not Found' } }
    const { encrypted_value, key_id, visibility, selected_repository_ids } = body as Record<string, unknown>
    const kp = this.keyPair(key.slice(0, key.lastIndexOf(':')))
    if (key_id !== kp.id) return { status: 422, body: { message: 'Bad key_id' } }
    if (key.startsWith('org:') && !['all', 'private', 'selected'].includes(String(visibility))) return { status: 422, body: { message: 'visibility is required' } }
    let value: string
    try {
      value = sodium.to_string(sodium.crypto_box_seal_open(Buffer.from(String(encrypted_value), 'base64'), kp.publicKey, kp.privateKey))
    } catch {
      return { status: 422, body: { message: 'encrypted_value could not be decrypted' } }
    }
    this.secrets.set(key, {
      value,
      updates: (existing?.updates ?? 0) + 1,
      ...(key.startsWith('org:') ? { visibility: String(visibility), selectedRepositoryIds: visibility === 'selected' ? ((selected_repository_ids as number[] | undefined) ?? []) : undefined } : {})
    })
    return { status: existing ? 204 : 201 }
  }

  private keyPair(prefix: string): KeyPair {
    let kp = this.keys.get(prefix)
    if (!kp) {
      const { publicKey, privateKey } = sodium.crypto_box_keypair()
      kp = { id: String(568250167242549743n + BigInt(this.keys.size)), publicKey, privateKey }
      this.keys.set(prefix, kp)
    }
    return kp
  }
}

interface Reply {
  status: number
  headers?: Record<string, string>
  body?: unknown
}
