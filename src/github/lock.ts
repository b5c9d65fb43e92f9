import { randomBytes } from 'node:crypto'
import { ActionError, foreign } from '../errors.js'
import type { Api } from './api.js'
import { describeSecret, type SecretTarget } from './targets.js'
import { createVariable, deleteVariable, readVariable, type Variable } from './variables.js'

/**
 * A lock across runs, repositories and workflows, next to the secret: the Actions variable
 * `<secret>_LOCK`, created only if absent (POST answers 409 for an existing name, so exactly one
 * run creates it). It records who holds it and for how long; its age is judged by GitHub's clock
 * (`created_at` against the `Date` of the answer), so no runner's clock decides. A holder that was
 * killed leaves it behind: it expires after the holder's own worst case, and the next run takes it
 * over (delete, then create again: still only one run can win the create).
 */
export const lockVariable = (secretName: string): string => `${secretName}_LOCK`

const MARK = 'oauth-refresh-action:lock:v1 '

export interface LockClaim {
  /** Who holds it, for the messages of those who wait: repository, run, attempt and job. */
  readonly holder: string
  /** The longest the holder can work under it: its retries and timeouts, plus a margin. */
  readonly ttlMs: number
}

/** What a waiter sees of a held lock. */
export interface Held {
  readonly holder: string | undefined
  /** GitHub's clock: when the lock expires, and now. */
  readonly expiresAt: number
  readonly now: number
}

export class CrossRunLock {
  readonly name: string
  readonly where: string
  private readonly api: Api
  private readonly t: SecretTarget
  private readonly claim: LockClaim
  private readonly nonce = randomBytes(12).toString('hex')
  private acquiredAt: number | undefined
  /** Set when this run took an expired lock over; its hold is then proven once more before use. */
  takenOver = false

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

  /** The instant, by this runner's clock, after which the lock may be someone else's. */
  get deadline(): number {
    return (this.acquiredAt ?? 0) + this.claim.ttlMs
  }

  /**
   * One try: true when this run now holds the lock, else what holds it (undefined when it was just
   * released). A create whose answer was lost and whose repeat met 409 finds this run's own claim
   * when it reads the lock back: that is a success too.
   */
  async tryAcquire(): Promise<true | Held | undefined> {
    const sentAt = this.api.deps.now()
    let created: boolean
    try {
      created = await createVariable(this.api, this.t, this.name, this.value())
    } catch (e) {
      // No answer at all: if the create did land, the claim is ours and must not be left behind.
      const found = await readVariable(this.api, this.t, this.name).catch(() => undefined)
      if (found?.value !== this.value()) throw e
      created = true
    }
    if (created) return this.acquired(sentAt)
    const found = await readVariable(this.api, this.t, this.name)
    if (found?.value === this.value()) return this.acquired(sentAt)
    return found ? this.inspect(found) : undefined
  }

  private acquired(sentAt: number): true {
    this.acquiredAt = sentAt
    return true
  }

  /** Drops this run's hold without touching the variable: after a lost takeover race, it is another run's. */
  forget(): void {
    this.acquiredAt = undefined
    this.takenOver = false
  }

  /**
   * Deletes an expired lock (once: a repeated DELETE arriving late could remove a lock another run
   * has taken since) and creates it again; false when another run won the create.
   */
  async takeOver(): Promise<boolean> {
    await deleteVariable(this.api, this.t, this.name, true)
    const sentAt = this.api.deps.now()
    if (!(await createVariable(this.api, this.t, this.name, this.value()))) return false
    this.acquired(sentAt)
    this.takenOver = true
    return true
  }

  /**
   * True when the lock still carries this run's claim. Every holder checks it before presenting the
   * token: GitHub's variables have no conditional delete, so a run taking over an expired lock at the
   * same moment could have deleted this run's fresh one.
   */
  async stillOurs(): Promise<boolean> {
    const found = await readVariable(this.api, this.t, this.name)
    return found !== undefined && found.value === this.value()
  }

  /**
   * Deletes the lock, once. Before its deadline it is this run's; after it, only when it still
   * carries this run's claim. Never throws: a lock left behind expires by itself, so a failure to
   * release is a warning (returned), not a failed run.
   */
  async release(): Promise<string | undefined> {
    if (!this.held) return undefined
    try {
      if (this.api.deps.now() < this.deadline || (await this.stillOurs())) await deleteVariable(this.api, this.t, this.name, true)
      this.acquiredAt = undefined
      return undefined
    } catch (e) {
      return `The lock ${this.where} could not be released: ${e instanceof Error ? e.message : String(e)} It expires by itself within ${Math.ceil(this.claim.ttlMs / 1000)} s; delete it to let other runs go on sooner.`
    }
  }

  /** What this run wrote into the variable, for the post step to recognise a lock left behind. */
  value(): string {
    return MARK + JSON.stringify({ holder: this.claim.holder, nonce: this.nonce, ttl_s: Math.ceil(this.claim.ttlMs / 1000) })
  }

  /**
   * Another run's lock. Content this action did not write is never taken over: a variable of that
   * name belongs to someone else. Content it wrote but that cannot be read counts as held until the
   * TTL this run would itself use has passed.
   */
  private inspect(v: Variable): Held {
    if (!v.value.startsWith(MARK)) {
      throw new ActionError(
        'foreign_variable',
        `${capitalize(this.where)} exists but was not written by this action (its value does not start with '${MARK.trim()}'; it starts '${foreign(v.value, 24)}'). The action uses that name as its lock and never overwrites a variable it did not write: rename that variable, or choose another 'secret-name'. Nothing was refreshed.`
      )
    }
    let holder: string | undefined
    let ttlMs = this.claim.ttlMs
    try {
      const parsed = JSON.parse(v.value.slice(MARK.length)) as { holder?: unknown; ttl_s?: unknown }
      if (typeof parsed.holder === 'string') holder = parsed.holder
      if (typeof parsed.ttl_s === 'number' && Number.isFinite(parsed.ttl_s) && parsed.ttl_s > 0) ttlMs = Math.min(parsed.ttl_s * 1000, MAX_TTL_MS)
    } catch {
      // Unreadable: held for this run's own TTL.
    }
    const now = v.serverNow ?? this.api.deps.now()
    const since = v.createdAt ?? v.updatedAt ?? now
    return { holder, expiresAt: since + ttlMs, now }
  }
}

/** A lock claiming more than the longest any settings of this action can need is held no longer than that. */
export const MAX_TTL_MS = 4 * 3600_000

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * For the post step: is the lock a killed main step left still held by that step's claim, and not
 * yet expired by GitHub's clock? Only then may the post step act as its holder (store, release): an
 * expired lock may be being taken over at this very moment, and a lock with another claim is
 * another run's.
 */
export async function leftLockStillHeld(api: Api, t: SecretTarget, secretName: string, claim: string): Promise<boolean> {
  const found = await readVariable(api, t, lockVariable(secretName))
  if (found?.value !== claim) return false
  let ttlMs = MAX_TTL_MS
  try {
    const parsed = JSON.parse(claim.slice(MARK.length)) as { ttl_s?: unknown }
    if (typeof parsed.ttl_s === 'number' && parsed.ttl_s > 0) ttlMs = Math.min(parsed.ttl_s * 1000, MAX_TTL_MS)
  } catch {
    return false
  }
  const now = found.serverNow ?? api.deps.now()
  // The margin the holder keeps (rotation.ts): act only while the lock surely has that long to live.
  return now + 10_000 < (found.createdAt ?? now) + ttlMs
}

/** Deletes a lock the caller holds, once (see takeOver). */
export async function deleteLock(api: Api, t: SecretTarget, secretName: string): Promise<void> {
  await deleteVariable(api, t, lockVariable(secretName), true)
}
