import { ActionError, foreign } from '../errors.js'
import type { RetryDeps } from '../retry.js'
import type { CrossRunLock, Held } from './lock.js'

/**
 * Waiting for the cross-run lock (lock.ts): one round at a time, a look at the shared token in each,
 * backoff with jitter in between, up to `lock-timeout-seconds`, and a takeover once the lock expires.
 */

export interface AcquireOptions {
  /** The longest this run waits for another's lock (input `lock-timeout-seconds`). */
  readonly waitMs: number
  readonly warn: (line: string) => void
}

/** One round: this run took the lock, or `poll` made taking it unnecessary, or someone holds it. */
export type Round<T> = { readonly kind: 'acquired' } | { readonly kind: 'served'; readonly value: T } | { readonly kind: 'held'; readonly held: Held | undefined }

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

/**
 * Waits for the lock with backoff and jitter, a round at a time, from the outcome of a first round.
 * An expired lock is taken over with a warning; waiting longer than `waitMs` is an error.
 */
export async function waitForLock<T>(lock: CrossRunLock, poll: () => Promise<T | undefined>, first: Round<T>, opts: AcquireOptions, deps: RetryDeps): Promise<Round<T>> {
  const start = deps.now()
  let told: string | undefined
  let round: Round<T> = first
  for (let n = 1; round.kind === 'held'; n++) {
    const got = round.held
    const waited = deps.now() - start
    if (got && got.now >= got.expiresAt) {
      opts.warn(
        `The lock ${lock.where}, held by ${holderOf(got)}, expired at ${iso(got.expiresAt)} (GitHub's clock) without being released: that run was probably cancelled or killed. ` +
          'This run takes it over. If that run had already presented the refresh token, the token may be spent and this refresh may fail with invalid_grant; then authorize again.'
      )
      if (await lock.takeOver()) return { kind: 'acquired' }
    } else if (waited >= opts.waitMs) {
      throw new ActionError(
        'lock_timeout',
        `Waited ${Math.round(waited / 1000)} s for the lock ${lock.where}${got ? `, held by ${holderOf(got)} until ${iso(got.expiresAt)}` : ''} ('lock-timeout-seconds'). Nothing was refreshed, so the refresh token was not used. ` +
          'Run again later; if no other run is active, delete that variable to release it.'
      )
    } else if (got) {
      if (told !== got.holder) {
        told = got.holder
        deps.info(`Waiting for the lock ${lock.where}: held by ${holderOf(got)} until ${iso(got.expiresAt)} at the latest.`)
      }
      // Equal jitter: half the backoff fixed, half random, so waiters that started together spread out.
      const backoff = Math.min(8000, 500 * 2 ** (n - 1))
      const delay = backoff / 2 + (deps.random ?? Math.random)() * (backoff / 2)
      await deps.sleep(Math.max(0, Math.min(delay, opts.waitMs - waited, got.expiresAt - got.now + 250)))
    }
    round = await lockRound(lock, poll, opts)
  }
  return round
}

const holderOf = (h: Held): string => foreign(h.holder ?? 'a run whose claim is unreadable')
const iso = (ms: number): string => {
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? 'an unreadable time' : date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
