import { ActionError, foreign } from '../errors.js'
import { urlProblem } from '../http.js'

/** A usage error: names the flag, as every input error of the action names its input. */
export function flagError(flag: string, problem: string): ActionError {
  return new ActionError('input', `--${flag} ${problem}`)
}

/** An endpoint that will receive credentials: absolute, https unless loopback (RFC 6749 §3.2), as every URL input of the action. */
export function url(flag: string, raw: string | undefined): URL | undefined {
  if (raw === undefined) return undefined
  if (!URL.canParse(raw)) throw flagError(flag, `must be an absolute https URL; got '${foreign(raw, 80)}'.`)
  const parsed = new URL(raw)
  const problem = urlProblem(parsed)
  if (problem) throw flagError(flag, `${problem}.`)
  return parsed
}
