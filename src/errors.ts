/**
 * The one error type of the action. `code` is stable (tests and users may match on it); `message`
 * says what happened and what to do. A message never carries a response body that could hold a
 * token: at most a short, redacted excerpt of a body that was not a token response.
 */
export type ErrorCode =
  | 'input'
  | 'environment'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'invalid_request'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'oauth_error'
  | 'http_status'
  | 'redirect'
  | 'not_json'
  | 'invalid_response'
  | 'body_too_large'
  | 'network'
  | 'timeout'
  | 'retry_after_too_long'
  | 'missing_scopes'
  | 'unknown_scopes'
  | 'discovery'
  | 'token_refused'
  | 'insufficient_scope'
  | 'verify_failed'
  | 'revocation'
  // Writing the rotated refresh token back to a GitHub secret (issue 4).
  | 'github_api'
  | 'github_auth'
  | 'github_permission'
  | 'github_not_found'
  | 'github_rate_limit'
  | 'stale_token'
  | 'secret_not_stored'
  | 'state_not_stored'
  // Many runs on one refresh token (issue 10).
  | 'foreign_variable'
  | 'state_unreadable'
  | 'lock_timeout'
  // Safe under failure (issue 17).
  | 'outcome_unknown'
  | 'secret_missing'
  // The authorize command: the first refresh token (issue 20).
  | 'access_denied'
  | 'authorization_refused'
  | 'state_mismatch'
  | 'authorization_timeout'
  | 'expired_token'
  | 'no_refresh_token'
  | 'interrupted'

export interface ErrorDetails {
  /** HTTP status of the response that caused the error, if any. */
  status?: number
  /** The server's `error` and `error_description` (RFC 6749 §5.2). */
  oauthError?: string
  description?: string
  /** True when trying again later may succeed (network failure, 429, 5xx). */
  retryable?: boolean
  /** The server's Retry-After header, verbatim. */
  retryAfter?: string
  /** How many attempts were made when this error ended them (set by exchange() when more than one). */
  attempts?: number
  /**
   * True when the request never wholly left this runner (connection refused, DNS, TLS, or a failure
   * before the body was written): the server cannot have acted on it.
   */
  unsent?: boolean
}

export class ActionError extends Error {
  override readonly name = 'ActionError'
  readonly code: ErrorCode
  readonly details: ErrorDetails
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message)
    this.code = code
    this.details = details
  }
}

/** Names an input in the way every input error does, so users can grep their workflow for it. */
export function inputError(input: string, problem: string): ActionError {
  return new ActionError('input', `Input '${input}' ${problem}`)
}

/**
 * Line breaks the runner splits on (\r, \n), those other readers split on (U+0085, U+2028, U+2029),
 * and every other control character: what foreign text loses, and what no credential input may hold.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
const BREAKS_AND_CONTROLS = new RegExp(`${CONTROL.source}+`, 'g')

/**
 * The one way foreign text (a server's body, `error_description` or `message`, a header, a variable
 * read back from GitHub, saved state) enters a log line, an annotation, an error message or the job
 * summary. The runner reads stdout line by line and obeys `::command::` at the start of any line and
 * the legacy `##[command]` anywhere in one (actions/runner ActionCommand.cs), so: every line break
 * and control character becomes a space, `::` and `##[` are broken up wherever they occur, and the
 * length is capped. Callers also put it after words of their own, never first on a line.
 */
export function foreign(text: unknown, max = 200): string {
  const flat = String(text).replace(BREAKS_AND_CONTROLS, ' ').replace(/:(?=:)/g, ': ').replace(/#(?=#\[)/g, '# ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}
