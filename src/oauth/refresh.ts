import { ActionError } from '../errors.js'
import { parseBody, type Fields, type HttpRequest } from '../http.js'
import { exchange, type NetDeps } from '../retry.js'
import { responseError, secretsIn } from './token-response.js'

export interface RefreshDeps extends NetDeps {
  /** Registers a value for redaction (core.setSecret). Called before anything could print it. */
  readonly mask: (secret: string) => void
}

export interface Limits {
  readonly maxAttempts: number
  readonly timeoutMs: number
  /** No retry starts that could end after this instant (work under the cross-run lock). */
  readonly deadline?: number
}

/** The runner masks base64 forms of each secret, not of "id:secret" joined: mask the credential itself. */
export function maskCredentials(req: HttpRequest, mask: (secret: string) => void): void {
  const auth = req.headers.authorization
  if (auth) mask(auth.slice(auth.indexOf(' ') + 1))
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
export async function requestTokens(req: HttpRequest, limits: Limits, deps: RefreshDeps): Promise<RefreshResult> {
  maskCredentials(req, deps.mask)
  const where = req.url.host
  try {
    const { value, attempts } = await exchange(
      {
        req,
        attempts: limits.maxAttempts,
        timeoutMs: limits.timeoutMs,
        deadline: limits.deadline,
        classify: (res) => {
          const fields = parseBody(res)
          for (const secret of secretsIn(fields)) deps.mask(secret)
          const failure = responseError(res, fields, where)
          if (failure) throw failure
          return fields!
        }
      },
      deps
    )
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
