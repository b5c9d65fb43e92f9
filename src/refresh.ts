import { ActionError } from './errors.js'
import type { Send } from './http.js'
import type { Settings } from './inputs.js'
import { withRetries, type RetryDeps } from './retry.js'
import { buildRefreshRequest } from './token-request.js'
import { parseBody, responseError, secretsIn, type Fields } from './token-response.js'

export interface RefreshDeps extends RetryDeps {
  readonly send: Send
  /** Registers a value for redaction (core.setSecret). Called before anything could print it. */
  readonly mask: (secret: string) => void
}

export interface RefreshResult {
  /** The parsed success body, every credential in it already masked; validation is the caller's. */
  readonly fields: Fields
  readonly attempts: number
}

/**
 * Runs the refresh grant (RFC 6749 §6), retrying network failures, 429 and 5xx up to
 * `max-attempts`. Every response is masked as soon as it is parsed, error responses included.
 */
export async function requestTokens(s: Settings, deps: RefreshDeps): Promise<RefreshResult> {
  const req = buildRefreshRequest(s)
  // The runner masks base64 forms of each secret, not of "id:secret" joined: mask the credential itself.
  if (req.headers.authorization) deps.mask(req.headers.authorization.slice('Basic '.length))
  const where = s.tokenUrl.host
  try {
    const { value, attempts } = await withRetries(s.maxAttempts, deps, async () => {
      const res = await deps.send(req, { timeoutMs: s.timeoutMs })
      const fields = parseBody(res)
      for (const secret of secretsIn(fields)) deps.mask(secret)
      const failure = responseError(res, fields, where)
      if (failure) throw failure
      return fields!
    })
    return { fields: value, attempts }
  } catch (e) {
    throw e instanceof ActionError && e.code === 'invalid_grant' && e.details.attempts ? lostAnswer(e) : e
  }
}

/** A retry may have presented a token that an earlier attempt, whose answer was lost, had rotated. */
function lostAnswer(err: ActionError): ActionError {
  return new ActionError(
    err.code,
    `${err.message} An earlier attempt of this run may have reached the server and rotated the refresh token before its answer was lost (RFC 9700 §4.14.2).` +
      " For providers that rotate refresh tokens, 'max-attempts: 1' avoids presenting a token twice.",
    err.details
  )
}
