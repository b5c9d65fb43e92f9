import { ActionError, foreign } from '../errors.js'
import type { Api } from '../github/api.js'
import { describeSecret, type SecretTarget } from '../github/targets.js'
import { createVariable, deleteVariable, readVariable, type Variable } from '../github/variables.js'

/**
 * A lock across runs, repositories and workflows, next to the secret: the Actions variable
 * `<secret>_LOCK`, created only if absent (POST answers 409 for an existing name). It makes the runs
 * that share a refresh token take turns, so that one refresh serves them all and a secret is never
 * written out of order. It is not what keeps a spent token from being presented: the claims are
 * (claims.ts), so a lock misjudged costs a wait or a refresh, never the grant.
 *
 * A killed holder leaves it behind. A waiter takes it over only after watching the same value for
 * the holder's lifetime on its own monotonic clock (lock-wait.ts), not by timestamps, and never
 * honours a lifetime longer than its own: a planted lock costs at most one such wait.
 */
export const lockVariable = (secretName: string): string => `${secretName}_LOCK`

const MARK = 'oauth-refresh-action:lock:v1 '

/** No settings of this action need longer than this under the lock. */
export const MAX_TTL_MS = 4 * 3600_000

export interface LockClaim {
  /** Who holds it, for the messages of those who wait: repository, run, attempt and job. */
  readonly holder: string
  /** The run's nonce, the same in its claims: a waiter that takes a lock over knows its claims are orphans. */
  readonly nonce: string
  /** The longest the holder can work under it: its retries and timeouts, plus a margin. */
  readonly ttlMs: number
}

/** What a waiter sees of a lock another run holds. */
export interface Held {
  readonly value: string
  readonly holder: string | undefined
  readonly nonce: string | undefined
  /** The lifetime the holder claims (capped at MAX_TTL_MS); its own when unreadable. */
  readonly ttlMs: number
}

export class CrossRunLock {
  readonly name: string
  readonly where: string
  readonly claim: LockClaim
  private readonly api: Api
  private readonly t: SecretTarget
  private acquiredAt: number | undefined

  constructor(api: Api, t: SecretTarget, secretName: string, claim: LockClaim) {
    this.api = api
    this.t = t
    this.claim = claim
    this.name = lockVariable(secretName)
    this.where = describeSecret(t, this.name, 'variable')
  }

  get held(): boolean {
    return this.acquiredAt !== undefined
  }

  /** The instant, by this runner's clock, after which a waiter may take the lock over. */
  get deadline(): number {
    return (this.acquiredAt ?? 0) + this.claim.ttlMs
  }

  /** What this run writes into the variable (saved for the post step before it is sent). */
  value(): string {
    return MARK + JSON.stringify({ holder: this.claim.holder, nonce: this.claim.nonce, ttl_s: Math.ceil(this.claim.ttlMs / 1000) })
  }

  /**
   * One try: true when this run now holds the lock, else what holds it (undefined when it was just
   * released). A create whose answer was lost and whose repeat met 409 finds this run's own value
   * when it reads the lock back: that is a success too. The deadline counts from before the create
   * was sent, so it ends before any waiter can have watched the lock for its lifetime.
   */
  async tryAcquire(): Promise<true | Held | undefined> {
    const sentAt = this.api.deps.now()
    let created: boolean
    try {
      created = await createVariable(this.api, this.t, this.name, this.value())
    } catch (e) {
      const found = await readVariable(this.api, this.t, this.name).catch(() => undefined)
      if (found?.value !== this.value()) throw e
      created = true
    }
    const found = created ? undefined : await readVariable(this.api, this.t, this.name)
    if (created || found?.value === this.value()) {
      this.acquiredAt = sentAt
      return true
    }
    return found ? this.inspect(found) : undefined
  }

  /**
   * Deletes a lock the caller watched expire (once: a repeated DELETE arriving late could remove a
   * lock another run has taken since) and creates it again; false when another run won the create.
   */
  async takeOver(): Promise<boolean> {
    await deleteVariable(this.api, this.t, this.name, true)
    const sentAt = this.api.deps.now()
    if (!(await createVariable(this.api, this.t, this.name, this.value()))) return false
    this.acquiredAt = sentAt
    return true
  }

  /** Reads the lock, for release() to act on what it saw (read alongside other work). */
  readBack(): Promise<Variable | undefined> {
    return readVariable(this.api, this.t, this.name)
  }

  /**
   * Deletes the lock, once, and only while it carries this run's value (`seen`, or read now): a lock
   * another run took over is theirs. Never throws: a lock left behind is taken over in time, so a
   * failure to release is a warning (returned), not a failed run.
   */
  async release(seen?: Promise<Variable | undefined>): Promise<string | undefined> {
    if (!this.held) return undefined
    try {
      const found = await (seen ?? this.readBack())
      if (found?.value === this.value()) await deleteVariable(this.api, this.t, this.name, true)
      this.acquiredAt = undefined
      return undefined
    } catch (e) {
      this.acquiredAt = undefined
      return `The lock ${this.where} could not be released: ${e instanceof Error ? e.message : String(e)} Another run takes it over after watching it for ${Math.ceil(this.claim.ttlMs / 1000)} s; delete it to let other runs go on sooner.`
    }
  }

  /**
   * Another run's lock. Content this action did not write is never taken over: a variable of that
   * name belongs to someone else. Content it wrote but that cannot be read counts as held for this
   * run's own lifetime.
   */
  private inspect(v: Variable): Held {
    if (!v.value.startsWith(MARK)) {
      throw new ActionError(
        'foreign_variable',
        `${capitalize(this.where)} exists but was not written by this action (its value does not start with '${MARK.trim()}'; it starts '${foreign(v.value, 24)}'). The action uses that name as its lock and never overwrites a variable it did not write: rename that variable, or choose another 'secret-name'. Nothing was refreshed.`
      )
    }
    return { value: v.value, ...readClaim(v.value, this.claim.ttlMs) }
  }
}

/** The holder, nonce and lifetime a lock's value states, the lifetime capped at MAX_TTL_MS. */
function readClaim(value: string, fallbackTtlMs: number): { holder: string | undefined; nonce: string | undefined; ttlMs: number } {
  let p: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(value.slice(MARK.length))
    if (typeof parsed === 'object' && parsed !== null) p = parsed as Record<string, unknown>
  } catch {
    // Unreadable: held for the waiter's own lifetime.
  }
  const ttlS = p.ttl_s
  return {
    holder: typeof p.holder === 'string' ? p.holder : undefined,
    nonce: typeof p.nonce === 'string' ? p.nonce : undefined,
    ttlMs: typeof ttlS === 'number' && Number.isFinite(ttlS) && ttlS > 0 ? Math.min(ttlS * 1000, MAX_TTL_MS) : fallbackTtlMs
  }
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** The margin the holder keeps before its deadline (rotate.ts): the post step acts only inside it. */
const POST_MARGIN_MS = 10_000

/**
 * For the post step: is the lock a killed main step left still carrying that step's value, and young
 * enough by GitHub's clock that no waiter can have watched it for its lifetime? Only then may the post
 * step act as its holder (store, release).
 */
export async function leftLockStillHeld(api: Api, t: SecretTarget, secretName: string, value: string): Promise<boolean> {
  const found = await readVariable(api, t, lockVariable(secretName))
  if (found?.value !== value || !value.startsWith(MARK)) return false
  const { ttlMs } = readClaim(value, 0)
  const now = found.serverNow ?? api.deps.now()
  return now + POST_MARGIN_MS < (found.createdAt ?? now) + ttlMs
}

/** Deletes a lock the caller holds, once (see takeOver). */
export async function deleteLock(api: Api, t: SecretTarget, secretName: string): Promise<void> {
  await deleteVariable(api, t, lockVariable(secretName), true)
}
