/**
 * The rotation protocol (src/rotation/rotate.ts) run in-process: many runs against one GitHub
 * stand-in and one token server, on a clock that only moves when a run sleeps (the stand-in's clock
 * moves with it), each run killable at an exact point. What a runner adds (inputs, outputs, masking,
 * GITHUB_STATE) is reduced to plain values here; test/rotation.test.ts runs the bundle itself.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { ActionError } from '../../src/errors.js'
import type { Api } from '../../src/github/api.js'
import type { SecretTarget } from '../../src/github/targets.js'
import { send as realSend, type Send } from '../../src/http.js'
import type { Refreshed } from '../../src/oauth/obtained.js'
import { refreshGrant, type RefreshDeps } from '../../src/oauth/refresh.js'
import { grantedScopes } from '../../src/oauth/scopes.js'
import { rotatedRefreshToken, validateTokenResponse } from '../../src/oauth/token-response.js'
import type { Cleanup } from '../../src/rotation/cleanup.js'
import { finishLeftovers } from '../../src/rotation/leftovers.js'
import { rotate, type Outcome, type RotationParams } from '../../src/rotation/rotate.js'
import { GitHubApi } from './github-api.js'
import { MockServer, RotatingGrant } from './token-server.js'

export const PAT = 'github_pat_protocol_0123456789abcdef'
export const REPO: SecretTarget = { kind: 'repository', repository: 'octo/app' }
export const SECRET_KEY = 'repo:octo/app:RT'
/** The refresh token every protocol test starts its chain with. */
export const FIRST = 'rt-first-0123456789abcdefghij'

/** One clock for every run of a test: sleeping moves it, and the stand-in's, forward. */
export class Clock {
  now = Date.now()
  readonly slept: number[] = []
  private readonly gh: GitHubApi
  constructor(gh: GitHubApi) {
    this.gh = gh
  }
  readonly sleep = async (ms: number): Promise<void> => {
    this.slept.push(ms)
    this.now += ms
    this.gh.advance(ms)
    // Let the other runs' answers in before this one goes on.
    await new Promise((r) => setImmediate(r))
  }
}

/** A run's view of the network that can be cut: after kill(), no answer ever reaches it again. */
export function killable(send: Send = realSend): { send: Send; kill: () => void; readonly killed: boolean } {
  let killed = false
  const never = new Promise<never>(() => undefined)
  return {
    send: async (req, opts) => {
      if (killed) return never
      const res = await send(req, opts)
      return killed ? never : res
    },
    kill: () => void (killed = true),
    get killed() {
      return killed
    }
  }
}

export interface RunOptions {
  readonly refreshToken: string
  readonly tokenUrl: string
  readonly target?: SecretTarget
  readonly secretName?: string
  readonly lock?: boolean
  readonly guard?: boolean
  readonly share?: boolean
  readonly lockWaitMs?: number
  readonly ttlMs?: number
  readonly scope?: string
  readonly requiredScopes?: string[]
  readonly minValidityMs?: number
  readonly reuseWindowMs?: number
  readonly spendsOnError?: boolean
  readonly maxAttempts?: number
  readonly timeoutMs?: number
  /** Called with the run's kill switch before it starts (to kill it at an exact point). */
  readonly onStart?: (kill: () => void) => void
  /** Called with what the run saves for its post step, each time it saves (GITHUB_STATE). */
  readonly onSave?: (c: Cleanup) => void
  readonly name?: string
  /** A clock of this run's own, off by this much from the shared one (a runner whose clock is wrong). */
  readonly clockSkewMs?: number
}

export interface ProtocolRun {
  readonly outcome?: Outcome<URL>
  readonly error?: unknown
  readonly cleanup: Cleanup
  readonly info: string[]
  readonly warnings: string[]
  readonly killed: boolean
}

/** Runs one main step of the protocol; resolves when it ends, never when it was killed. */
export async function runProtocol(gh: GitHubApi, clock: Clock, o: RunOptions): Promise<ProtocolRun> {
  const net = killable()
  o.onStart?.(net.kill)
  const info: string[] = []
  const warnings: string[] = []
  let cleanup: Cleanup = {}
  const deps: RefreshDeps = { send: net.send, mask: () => undefined, info: (l) => void info.push(l), now: () => clock.now + (o.clockSkewMs ?? 0), sleep: clock.sleep, random: () => 0.5 }
  const api: Api = { root: new URL(gh.url), token: PAT, timeoutMs: o.timeoutMs ?? 5000, deps }
  const params: RotationParams = {
    api,
    target: o.target ?? REPO,
    secretName: o.secretName ?? 'RT',
    refreshToken: o.refreshToken,
    clientId: 'cid',
    holder: o.name ?? `run ${randomBytes(3).toString('hex')}`,
    nonce: randomBytes(12).toString('hex'),
    ttlMs: o.ttlMs ?? 60_000,
    lock: o.lock ?? true,
    lockWaitMs: o.lockWaitMs ?? 120_000,
    guard: o.guard ?? true,
    share: o.share ?? true,
    needs: { minValidityMs: o.minValidityMs ?? 60_000, requiredScopes: o.requiredScopes ?? [], scope: o.scope },
    reuseWindowMs: o.reuseWindowMs ?? 0,
    spendsOnError: o.spendsOnError ?? false,
    storeReserveMs: 4 * (o.timeoutMs ?? 5000)
  }
  const refresh = async (url: URL, deadline: number | undefined): Promise<Refreshed> => {
    const client = { clientId: 'cid', clientSecret: 'cs', authMethod: 'client_secret_basic' as const, basicAuthEncoding: 'form' as const }
    const limits = { maxAttempts: o.maxAttempts ?? 1, timeoutMs: o.timeoutMs ?? 5000, deadline, reuseWindowMs: params.reuseWindowMs }
    const grant = await refreshGrant(url, client, o.refreshToken, o.scope, limits, deps)
    const receivedAt = deps.now()
    const issued = rotatedRefreshToken(grant.fields)
    const rotated = issued !== undefined && issued !== o.refreshToken ? issued : undefined
    try {
      const tokens = validateTokenResponse(grant.fields, url.host)
      const granted = grantedScopes(tokens.scope, o.scope, tokens.accessToken)
      const expiresAt = tokens.expiresIn === undefined ? undefined : receivedAt + tokens.expiresIn * 1000
      return { rotated, obtained: { source: 'refreshed', tokens, granted, expiresAt, receivedAt, attempts: grant.attempts, host: url.host, endpoints: undefined } }
    } catch (invalid) {
      if (!(invalid instanceof ActionError)) throw invalid
      return { rotated, invalid }
    }
  }
  const done = rotate(params, {
    endpoints: () => Promise.resolve(new URL(o.tokenUrl)),
    refresh,
    info: (l) => void info.push(l),
    warning: (l) => void warnings.push(l),
    save: (c) => {
      cleanup = JSON.parse(JSON.stringify(c)) as Cleanup
      o.onSave?.(cleanup)
    },
    critically: (work) => work(),
    deps
  }).then(
    (outcome) => ({ outcome }),
    (error: unknown) => ({ error })
  )
  const result = await done
  return { ...result, cleanup, info, warnings, killed: net.killed }
}

/** Starts a run that the test kills at a point of its choosing; `ended` never resolves once killed. */
export function startRun(gh: GitHubApi, clock: Clock, o: RunOptions): { kill: () => void; ended: Promise<ProtocolRun>; cleanup: () => Cleanup } {
  let kill: () => void = () => undefined
  let saved: Cleanup = {}
  const ended = runProtocol(gh, clock, { ...o, onStart: (k) => (kill = k), onSave: (c) => (saved = c) })
  return { kill: () => kill(), ended, cleanup: () => saved }
}

/** The post step of a run, in-process, from what it saved. */
export async function postStep(gh: GitHubApi, clock: Clock, left: Cleanup, target: SecretTarget = REPO, secretName = 'RT'): Promise<{ info: string[]; warnings: string[] }> {
  const info: string[] = []
  const warnings: string[] = []
  const deps: RefreshDeps = { send: realSend, mask: () => undefined, info: (l) => void info.push(l), now: () => clock.now, sleep: clock.sleep, random: () => 0.5 }
  await finishLeftovers({ root: new URL(gh.url), token: PAT, timeoutMs: 5000, deps }, target, secretName, left, { info: (l) => void info.push(l), warning: (l) => void warnings.push(l) })
  return { info, warnings }
}

/** The error of a run, asserted to be an ActionError. */
export function failure(r: ProtocolRun): ActionError {
  if (!(r.error instanceof ActionError)) throw new Error(`expected an ActionError, got ${r.error instanceof Error ? r.error.stack : JSON.stringify(r.outcome?.kind ?? r.error)}`)
  return r.error
}

/** What one protocol test file runs against, fresh for each test (see protocolWorld). */
export interface World {
  readonly gh: GitHubApi
  readonly tokens: MockServer
  readonly grant: RotatingGrant
  readonly clock: Clock
  /** The refresh token the secret holds now. */
  secret(): string
  /** One run of the main step, starting with the secret's token unless told otherwise. */
  run(o?: Partial<RunOptions>): Promise<ProtocolRun>
  /** A repository variable of the stand-in, by its name without the scope prefix. */
  variable(name: string): string | undefined
}

/**
 * The stand-in, a strict rotating token server (its clock the test's) and a clock, started once per
 * file and reset before each test: the secret holds FIRST, the PAT may write secrets and variables.
 */
export function protocolWorld(): World {
  let gh!: GitHubApi
  let tokens!: MockServer
  let grant!: RotatingGrant
  let clock!: Clock
  beforeAll(async () => {
    gh = await GitHubApi.start()
    tokens = await MockServer.start()
  })
  afterAll(async () => {
    await gh.close()
    await tokens.close()
  })
  beforeEach(() => {
    gh.reset().token(PAT, 'secrets', 'variables').repo('octo/app').seed(SECRET_KEY, FIRST)
    grant = new RotatingGrant(FIRST)
    tokens.reply(grant.handler)
    clock = new Clock(gh)
    grant.now = () => clock.now
  })
  const secret = (): string => gh.secrets.get(SECRET_KEY)!.value
  return {
    get gh() { return gh },
    get tokens() { return tokens },
    get grant() { return grant },
    get clock() { return clock },
    secret,
    run: (o = {}) => runProtocol(gh, clock, { refreshToken: o.refreshToken ?? secret(), tokenUrl: `${tokens.url}/token`, ...o }),
    variable: (name) => gh.variables.get(`repo:octo/app:${name}`)
  }
}
