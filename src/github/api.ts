import { foreign } from '../errors.js'
import { parseBody, type HttpRequest, type HttpResponse } from '../http.js'
import { exchange, retryWait, type NetDeps } from '../retry.js'

export interface Api {
  readonly root: URL
  readonly token: string
  readonly timeoutMs: number
  readonly deps: NetDeps
  /** No retry starts that could end after this instant: calls made under the cross-run lock. */
  readonly deadline?: number
}

/**
 * Four attempts cover a short outage. PUT and PATCH are idempotent; a repeated POST of a variable
 * answers 409 and the lock reads it back (lock.ts); a DELETE of the lock is never repeated, since a
 * late repeat could delete a lock another run has taken since (`once`).
 */
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
 * One REST call with retries for 5xx, 429, secondary rate limits and network failures (the one
 * rule of retry.ts). Returns the last response, whatever its status, for the caller to turn into
 * words; throws only when no response came at all.
 */
export async function call(api: Api, method: HttpRequest['method'], path: string, body?: unknown, opts: { readonly once?: boolean } = {}): Promise<HttpResponse> {
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
  const { value } = await exchange(
    {
      req,
      attempts: opts.once ? 1 : API_ATTEMPTS,
      timeoutMs: api.timeoutMs,
      classify: (res) => res,
      describe: (res) => {
        const said = githubMessage(res)
        return `${method} ${req.url.pathname} answered HTTP ${res.status}${said ? ` (${said})` : ''}.`
      },
      label: 'GitHub API',
      deadline: api.deadline,
      maxWaitMs: MAX_RATE_LIMIT_WAIT_MS
    },
    api.deps
  )
  return value
}

/** True when a 403/429 is a rate limit rather than a missing permission. */
export function isRateLimited(res: HttpResponse): boolean {
  return res.status === 429 || (res.status === 403 && retryWait(res, 0) !== undefined)
}

/** GitHub's `message`, made safe to print: it is text from the network like any other. */
export function githubMessage(res: HttpResponse): string | undefined {
  const message = parseBody(res)?.message
  return typeof message === 'string' ? foreign(message, 300) : undefined
}
