import { ActionError } from './errors.js'

/** RFC 9110 §15.6 and §15.5.30: statuses where the same request may succeed later. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504])

export const BASE_DELAY_MS = 1000
export const MAX_DELAY_MS = 30_000

/**
 * Parses Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns milliseconds, or
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/**
 * How long to wait before attempt `attempt + 1`. The server's Retry-After wins when it gives one;
 * else exponential backoff with full jitter (the AWS architecture blog's "full jitter"), so that
 * runs started by the same cron tick do not retry in lockstep. A Retry-After beyond the cap is not
 * obeyed silently nor ignored: the attempt fails and says when to try again.
 */
export function retryDelayMs(attempt: number, err: ActionError, now: number, random: () => number = Math.random, maxWaitMs = MAX_DELAY_MS): number {
  const asked = parseRetryAfter(err.details.retryAfter, now)
  if (asked !== undefined) {
    if (asked > maxWaitMs) {
      throw new ActionError(
        'retry_after_too_long',
        `${err.message} The server asked to wait ${Math.ceil(asked / 1000)} s before trying again (Retry-After), longer than this action waits (${maxWaitMs / 1000} s). Re-run the job later.`,
        err.details
      )
    }
    return asked
  }
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1))
  return Math.round(random() * ceiling)
}

export interface RetryDeps {
  readonly info: (line: string) => void
  readonly sleep: (ms: number) => Promise<void>
  readonly now: () => number
  readonly random?: () => number
}

/**
 * Runs `attempt` until it succeeds, throws an error that is not retryable, or `maxAttempts` are
 * spent. Each endpoint this action calls (metadata, token, verification, revocation) goes through
 * here, so all follow one rule. The last error says how many attempts were made.
 */
export interface RetryOptions {
  /** Names the calls in the progress line ("GitHub API attempt 2 of 4 failed: …"). */
  readonly label?: string
  /** The longest Retry-After to obey; a longer one ends the attempts (retry_after_too_long). */
  readonly maxWaitMs?: number
}

export async function withRetries<T>(maxAttempts: number, deps: RetryDeps, attempt: (n: number) => Promise<T>, opts: RetryOptions = {}): Promise<{ value: T; attempts: number }> {
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(n), attempts: n }
    } catch (e) {
      if (!(e instanceof ActionError)) throw e
      if (!e.details.retryable || n >= maxAttempts) {
        throw n === 1 ? e : new ActionError(e.code, `${e.message} (${n} attempts made.)`, { ...e.details, attempts: n })
      }
      const delay = retryDelayMs(n, e, deps.now(), deps.random, opts.maxWaitMs)
      deps.info(`${opts.label ? `${opts.label} attempt` : 'Attempt'} ${n} of ${maxAttempts} failed: ${e.message} Retrying in ${(delay / 1000).toFixed(1)} s.`)
      await deps.sleep(delay)
    }
  }
}
