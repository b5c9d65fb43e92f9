import { ActionError } from './errors.js'
import { header, type HttpResponse, type Send } from './http.js'
import { parseRetryAfter, withRetries, type RetryDeps } from './retry.js'
import type { HttpRequest } from './token-request.js'

/** What a GitHub REST call needs from the outside world; tests pass their own clock and sleep. */
export interface ApiDeps extends RetryDeps {
  readonly send: Send
}

export interface Api {
  readonly root: URL
  readonly token: string
  readonly timeoutMs: number
  readonly deps: ApiDeps
}

/** Writes are idempotent PUT/PATCH, so every attempt may be repeated; four cover a short outage. */
export const API_ATTEMPTS = 4
/**
 * The longest wait for a rate limit. GitHub's docs ("Rate limits for the REST API") say to wait
 * for `retry-after`, else until `x-ratelimit-reset` when `x-ratelimit-remaining` is 0, else at
 * least a minute for a secondary limit: a minute is honoured, more fails with the wait named.
 */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000

/** Joins the API root (which on GHES carries a path, `/api/v3`) and an endpoint path. */
export function apiUrl(root: URL, path: string): URL {
  return new URL(root.href.replace(/\/+$/, '') + path)
}

/**
 * One REST call with retries for 5xx, 429, secondary rate limits and network failures. Returns
 * the last response, whatever its status, for the caller to turn into words; throws only when
 * no response came at all.
 */
export async function call(api: Api, method: HttpRequest['method'], path: string, body?: unknown): Promise<HttpResponse> {
  const req: HttpRequest = {
    method,
    url: apiUrl(api.root, path),
    headers: {
      authorization: `Bearer ${api.token}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      ...(body === undefined ? {} : { 'content-type': 'application/json' })
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  }
  const { deps } = api
  let last: HttpResponse | undefined
  try {
    const { value } = await withRetries(
      API_ATTEMPTS,
      deps,
      async () => {
        const res = (last = await deps.send(req, { timeoutMs: api.timeoutMs }))
        const wait = retryWait(res, deps.now())
        if (wait === undefined) return res
        const said = githubMessage(res)
        throw new ActionError('http_status', `${method} ${req.url.pathname} answered HTTP ${res.status}${said ? ` (${said})` : ''}.`, {
          status: res.status,
          retryable: true,
          retryAfter: wait === 'backoff' ? undefined : String(Math.ceil(wait / 1000))
        })
      },
      { label: 'GitHub API', maxWaitMs: MAX_RATE_LIMIT_WAIT_MS }
    )
    return value
  } catch (e) {
    // The attempts ended on an answer (retries spent, or a wait too long): the caller words it.
    if (e instanceof ActionError && e.details.status !== undefined && last) return last
    throw e
  }
}

/**
 * Whether to try again, and after how long: milliseconds the server asked for, 'backoff' for our
 * own exponential backoff, or undefined for a final answer.
 */
export function retryWait(res: HttpResponse, now: number): number | 'backoff' | undefined {
  if (res.status >= 500) return parseRetryAfter(header(res, 'retry-after'), now) ?? 'backoff'
  if (res.status !== 403 && res.status !== 429) return undefined
  const after = parseRetryAfter(header(res, 'retry-after'), now)
  if (after !== undefined) return after
  if (header(res, 'x-ratelimit-remaining') === '0') {
    const reset = Number(header(res, 'x-ratelimit-reset'))
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now)
  }
  // A secondary limit without either header: "wait for at least one minute".
  if (res.status === 429 || /secondary rate limit|abuse/i.test(githubMessage(res) ?? '')) return 60_000
  return undefined
}

/** True when a 403/429 is a rate limit rather than a missing permission. */
export function isRateLimited(res: HttpResponse): boolean {
  return res.status === 429 || (res.status === 403 && retryWait(res, 0) !== undefined)
}

/** GitHub's `message`; it describes the request, never echoes a secret value. */
export function githubMessage(res: HttpResponse): string | undefined {
  try {
    const parsed: unknown = JSON.parse(res.body)
    const message = (parsed as { message?: unknown } | null)?.message
    return typeof message === 'string' ? message.slice(0, 300) : undefined
  } catch {
    return undefined
  }
}

export function json<T>(res: HttpResponse): T | undefined {
  try {
    return JSON.parse(res.body) as T
  } catch {
    return undefined
  }
}
