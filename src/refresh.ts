import { ActionError } from './errors.js'
import type { Send } from './http.js'
import type { Settings } from './inputs.js'
import { retryDelayMs } from './retry.js'
import { buildRefreshRequest } from './token-request.js'
import { parseBody, responseError, secretsIn, type Fields } from './token-response.js'

export interface RefreshDeps {
  readonly send: Send
  /** Registers a value for redaction (core.setSecret). Called before anything could print it. */
  readonly mask: (secret: string) => void
  readonly info: (line: string) => void
  readonly sleep: (ms: number) => Promise<void>
  readonly now: () => number
  readonly random?: () => number
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

  for (let attempt = 1; ; attempt++) {
    let err: ActionError
    try {
      const res = await deps.send(req, { timeoutMs: s.timeoutMs })
      const fields = parseBody(res)
      for (const secret of secretsIn(fields)) deps.mask(secret)
      const failure = responseError(res, fields, where)
      if (!failure) return { fields: fields!, attempts: attempt }
      err = failure
    } catch (e) {
      if (!(e instanceof ActionError)) throw e
      err = e
    }
    if (!err.details.retryable || attempt >= s.maxAttempts) throw finalError(err, attempt)
    const delay = retryDelayMs(attempt, err, deps.now(), deps.random)
    deps.info(`Attempt ${attempt} of ${s.maxAttempts} failed: ${err.message} Retrying in ${(delay / 1000).toFixed(1)} s.`)
    await deps.sleep(delay)
  }
}

/** Adds what the attempts mean to the last error; a retry may have met a token an earlier one rotated. */
function finalError(err: ActionError, attempts: number): ActionError {
  if (attempts === 1) return err
  let message = `${err.message} (${attempts} attempts made.)`
  if (err.code === 'invalid_grant') {
    message +=
      ' An earlier attempt of this run may have reached the server and rotated the refresh token before its answer was lost (RFC 9700 §4.14.2).' +
      " For providers that rotate refresh tokens, 'max-attempts: 1' avoids presenting a token twice."
  }
  return new ActionError(err.code, message, err.details)
}
