import { ActionError } from './errors.js'
import { header, parseBody, type HttpRequest, type HttpResponse, type Send } from './http.js'

export const BASE_DELAY_MS = 1000
export const MAX_DELAY_MS = 30_000
/** GitHub's docs ("Rate limits for the REST API"): a secondary limit without a header means "wait at least one minute". */
const RATE_LIMIT_MESSAGE_WAIT_MS = 60_000

/** RFC 9110 §15.6 and §15.5.30: statuses where the same request may succeed later. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504])

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
 * The one rule for every endpoint this action calls: whether an answer is worth another try, and
 * after how long. Milliseconds the server asked for, 'backoff' for our own backoff, or undefined for
 * a final answer. 429 and 5xx (not 501: "not implemented" stays so) are retried; a 403 only when it is
 * a rate limit: Retry-After, an exhausted `x-ratelimit-remaining`, or a message naming a secondary
 * rate limit (GitHub's documented signs, which other APIs share).
 */
export function retryWait(res: HttpResponse, now: number): number | 'backoff' | undefined {
  if (!RETRYABLE_STATUSES.has(res.status) && res.status !== 403) return undefined
  const after = parseRetryAfter(header(res, 'retry-after'), now)
  if (after !== undefined) return after
  if (header(res, 'x-ratelimit-remaining') === '0') {
    const reset = Number(header(res, 'x-ratelimit-reset'))
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now)
  }
  const message = parseBody(res)?.message
  if (typeof message === 'string' && /secondary rate limit|abuse/i.test(message)) return RATE_LIMIT_MESSAGE_WAIT_MS
  return res.status === 403 ? undefined : 'backoff'
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

/** What a call needs from the outside world; tests pass their own send, clock and sleep. */
export interface NetDeps extends RetryDeps {
  readonly send: Send
}

export interface Exchange<T> {
  readonly req: HttpRequest
  readonly attempts: number
  readonly timeoutMs: number
  /**
   * Turns an answer into a value, or throws the ActionError it stands for. It sees every answer,
   * retried ones included, so it is also where credentials in a body are masked.
   */
  readonly classify: (res: HttpResponse) => T
  /** Names the calls in the progress line ("GitHub API attempt 2 of 4 failed: …"). */
  readonly label?: string
  /** The longest Retry-After to obey; a longer one ends the attempts. */
  readonly maxWaitMs?: number
  /** Words for a retried answer that `classify` accepted (a caller that words statuses itself). */
  readonly describe?: (res: HttpResponse) => string
  /**
   * No attempt starts that could end after this instant (`deps.now()` time): work done under the
   * cross-run lock must be over before the lock can expire and another run take it over.
   */
  readonly deadline?: number
  /**
   * A veto on trying again after a failure `retryWait` would retry: the token call uses it so that a
   * refresh token is not presented twice when the first attempt may have spent it (oauth/outcome.ts).
   */
  readonly mayRetry?: (failure: ActionError) => boolean
}

/**
 * The one request path: send, classify, and try again while `retryWait` says so and attempts are
 * left. Each endpoint (metadata, token, verification, revocation, GitHub's API) goes through here.
 * The last error says how many attempts were made; a classifier that returns values for failed
 * statuses gets the last answer back instead.
 */
export async function exchange<T>(x: Exchange<T>, deps: NetDeps): Promise<{ value: T; attempts: number }> {
  for (let n = 1; ; n++) {
    let res: HttpResponse | undefined
    let outcome: { value: T } | { error: unknown }
    try {
      res = await deps.send(x.req, { timeoutMs: x.timeoutMs })
      outcome = { value: x.classify(res) }
    } catch (error) {
      outcome = { error }
    }
    const failed = 'error' in outcome ? outcome.error : undefined
    const wait = res ? retryWait(res, deps.now()) : failed instanceof ActionError && failed.details.retryable ? 'backoff' : undefined
    if (wait === undefined || n >= x.attempts) return settle(outcome, n)
    if (x.mayRetry && failed instanceof ActionError && !x.mayRetry(failed)) return settle(outcome, n)
    if (x.deadline !== undefined && deps.now() + x.timeoutMs > x.deadline) return settle(outcome, n)

    const said = failed instanceof ActionError ? failed.message : (x.describe?.(res!) ?? `${x.req.method} ${x.req.url.pathname} answered HTTP ${res!.status}.`)
    const reason = new ActionError(failed instanceof ActionError ? failed.code : 'http_status', said, {
      ...(failed instanceof ActionError ? failed.details : { status: res?.status }),
      retryable: true,
      retryAfter: typeof wait === 'number' ? String(Math.ceil(wait / 1000)) : undefined
    })
    let delay: number
    try {
      delay = retryDelayMs(n, reason, deps.now(), deps.random, x.maxWaitMs)
    } catch (tooLong) {
      // A wait longer than allowed ends the attempts on this answer.
      if (failed === undefined) return settle(outcome, n)
      throw tooLong
    }
    if (x.deadline !== undefined && deps.now() + delay + x.timeoutMs > x.deadline) return settle(outcome, n)
    deps.info(`${x.label ? `${x.label} attempt` : 'Attempt'} ${n} of ${x.attempts} failed: ${said} Retrying in ${(delay / 1000).toFixed(1)} s.`)
    await deps.sleep(delay)
  }
}

function settle<T>(outcome: { value: T } | { error: unknown }, n: number): { value: T; attempts: number } {
  if ('value' in outcome) return { value: outcome.value, attempts: n }
  const e = outcome.error
  if (n === 1 || !(e instanceof ActionError)) throw e
  throw new ActionError(e.code, `${e.message} (${n} attempts made.)`, { ...e.details, attempts: n })
}
