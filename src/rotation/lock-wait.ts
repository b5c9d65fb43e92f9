import { ActionError, foreign } from '../errors.js'
import type { RetryDeps } from '../retry.js'
import type { CrossRunLock, Held } from './lock.js'

/**
 * Waiting for the cross-run lock (lock.ts): one round at a time, a look at the shared token in each,
 * backoff with jitter in between, up to `lock-timeout-seconds`. A lock is judged expired by what this
 * run saw: the same value, watched on this runner's monotonic clock for the holder's lifetime (never
 * longer than this run's own), whatever GitHub's timestamps say.
 */

export interface AcquireOptions {
  /** The longest this run waits for another's lock (input `lock-timeout-seconds`). */
  readonly waitMs: number
  /** This run's own lock lifetime: no holder is believed to need longer. */
  readonly ownTtlMs: number
  readonly warn: (line: string) => void
}

/** One round: this run took the lock, or `poll` made taking it unnecessary, or someone holds it. */
export type Round<T> =
  | { readonly kind: 'acquired'; readonly takenFrom?: Held }
  | { readonly kind: 'served'; readonly value: T }
  | { readonly kind: 'held'; readonly held: Held | undefined }

/**
 * Tries the lock and runs `poll` alongside: when another run's work makes this run's unnecessary (a
 * shared token appeared), that value wins and a lock taken in the same round is given back.
 */
export async function lockRound<T>(lock: CrossRunLock, poll: () => Promise<T | undefined>, opts: AcquireOptions): Promise<Round<T>> {
  const [got, served] = await Promise.allSettled([lock.tryAcquire(), poll()])
  // The lock's own failure explains more (a missing Variables permission, a foreign variable).
  if (got.status === 'rejected') throw got.reason
  if (served.status === 'rejected' || served.value !== undefined) {
    const warning = await lock.release()
    if (warning) opts.warn(warning)
    if (served.status === 'rejected') throw served.reason
    return { kind: 'served', value: served.value as T }
  }
  return got.value === true ? { kind: 'acquired' } : { kind: 'held', held: got.value }
}

/** Backoff between rounds: equal jitter (half fixed, half random) from 0.5 s doubling to 8 s. */
const backoff = (n: number, random: () => number): number => {
  const ceiling = Math.min(8000, 500 * 2 ** (n - 1))
  return ceiling / 2 + random() * (ceiling / 2)
}

/**
 * Waits for the lock from the outcome of a first round. Every branch checks the deadline and
 * sleeps; a takeover lost to another run starts the watch over. Returns, with `takenFrom`, the lock
 * it took over: that run was killed, and a claim of its nonce will get no outcome (rotate.ts).
 */
export async function waitForLock<T>(lock: CrossRunLock, poll: () => Promise<T | undefined>, first: Round<T>, opts: AcquireOptions, deps: RetryDeps): Promise<Round<T>> {
  const start = deps.now()
  const random = deps.random ?? Math.random
  let watching: { readonly value: string; readonly since: number } | undefined
  let told: string | undefined
  let round: Round<T> = first
  for (let n = 1; round.kind === 'held'; n++) {
    const held = round.held
    let now = deps.now()
    if (held && watching?.value !== held.value) watching = { value: held.value, since: now }
    if (!held) watching = undefined
    const life = held ? Math.min(held.ttlMs, opts.ownTtlMs) : 0
    if (held && watching && now - watching.since >= life) {
      opts.warn(
        `The lock ${lock.where}, held by ${holderOf(held)}, stayed unchanged for ${Math.round(life / 1000)} s, its holder's whole lifetime, without being released: that run was probably cancelled or killed. ` +
          'This run takes it over. A refresh token that run presented stays claimed: this run will not present it again.'
      )
      if (await lock.takeOver()) return { kind: 'acquired', takenFrom: held }
      // Another waiter took it over first: its lock is a new one, watched from now.
      watching = undefined
      now = deps.now()
    }
    const waited = now - start
    if (waited >= opts.waitMs) {
      throw new ActionError(
        'lock_timeout',
        `Waited ${Math.round(waited / 1000)} s for the lock ${lock.where}${held ? `, held by ${holderOf(held)}` : ''} ('lock-timeout-seconds'). Nothing was refreshed, so the refresh token was not used. ` +
          `Run again later. A lock whose holder was killed is taken over by the first run that watches it unchanged for its lifetime (${Math.round(opts.ownTtlMs / 1000)} s with this run's settings): raise 'lock-timeout-seconds' above that, or delete the variable if no other run is active.`
      )
    }
    if (held && told !== held.value) {
      told = held.value
      deps.info(`Waiting for the lock ${lock.where}: held by ${holderOf(held)}, for at most ${Math.round(life / 1000)} s more if its holder never releases it.`)
    }
    const untilExpiry = held && watching ? life - (now - watching.since) + 250 : Infinity
    await deps.sleep(Math.max(50, Math.min(backoff(n, random), opts.waitMs - waited, untilExpiry)))
    round = await lockRound(lock, poll, opts)
  }
  return round
}

const holderOf = (h: Held): string => foreign(h.holder ?? 'a run whose claim is unreadable')
