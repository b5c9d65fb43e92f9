import * as core from '@actions/core'
import { CONTROL, foreign, inputError } from '../errors.js'
import { formEncode, type RequestFormat } from '../oauth/token-request.js'
import { mask } from './runtime.js'

/** The inputs that shape the refresh request beyond RFC 6749 §6, for any provider (issue 18). */

export function requestFormat(): RequestFormat | undefined {
  const value = core.getInput('request-format') || undefined
  if (value !== undefined && value !== 'form' && value !== 'json') throw inputError('request-format', `must be 'form' (RFC 6749 §6, the default) or 'json'; got '${foreign(value, 80)}'.`)
  return value
}

/** Set by the action itself: the grant, the client's credentials, and 'scope', which has its own input. */
const OWN_PARAMS = new Set(['grant_type', 'refresh_token', 'client_id', 'client_secret', 'client_assertion', 'client_assertion_type', 'scope'])
/** A parameter worth masking: a name that says secret, or a value that looks like a random credential. */
const SECRET_PARAM = /secret|password|passwd|token|key|assertion|verifier|code/i
const SECRET_VALUE = /^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9._~+/=-]{20,}$/

/**
 * `extra-params`: one name=value per line, blank lines skipped. A value that looks secret is masked
 * in every form a request carries it (the runner adds the URI-escaped one; form and JSON bodies
 * escape differently). Messages name the entry, never its value.
 */
export function extraParams(): Readonly<Record<string, string>> {
  const params = new Map<string, string>()
  core.getMultilineInput('extra-params').forEach((line, i) => {
    const eq = line.indexOf('=')
    const name = line.slice(0, Math.max(eq, 0)).trim()
    const value = line.slice(eq + 1).trim()
    // Not a value of a few characters: the runner would then hide every occurrence of it in the log.
    if (eq > 0 && value.length >= 6 && (SECRET_PARAM.test(name) || SECRET_VALUE.test(value))) {
      for (const form of [value, formEncode(value), JSON.stringify(value).slice(1, -1)]) mask(form)
    }
    const problem =
      eq <= 0 || !/^[A-Za-z0-9_.:-]+$/.test(name) ? 'is not name=value with a name of letters, digits, _ . : or -' :
      OWN_PARAMS.has(name) ? `sets '${name}', which the action sets itself${name === 'scope' ? " (use the 'scope' input)" : ''}` :
      params.has(name) ? `repeats '${name}'` :
      CONTROL.test(value) ? `gives '${name}' a control character` :
      undefined
    if (problem) throw inputError('extra-params', `entry ${i + 1} ${problem}.`)
    params.set(name, value)
  })
  return Object.fromEntries(params)
}
