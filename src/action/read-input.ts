import * as core from '@actions/core'
import { foreign, inputError } from '../errors.js'
import { urlProblem } from '../http.js'

/** The readers every input goes through, so each kind of value is parsed and refused one way. */

export function required(name: string): string {
  const value = core.getInput(name)
  if (!value) throw inputError(name, 'is required and was empty.')
  return value
}

/** 'true' or 'false' in any case (as YAML booleans arrive), else the fallback when empty. */
export function boolean(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name)
  if (!raw) return fallback
  if (!/^(true|false)$/i.test(raw)) throw inputError(name, `must be 'true' or 'false'; got '${foreign(raw, 80)}'.`)
  return raw.toLowerCase() === 'true'
}

export function number(name: string, fallback: number, min: number, max: number, integer = false): number {
  const raw = core.getInput(name)
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw inputError(name, `must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; got '${foreign(raw, 80)}'.`)
  }
  return value
}

/** An endpoint that will receive credentials: absolute, and https unless loopback (RFC 6749 §3.2). */
export function endpointUrl(name: string, value: string): URL {
  if (!URL.canParse(value)) throw inputError(name, `must be an absolute https URL; got '${foreign(value, 80)}'.`)
  const url = new URL(value)
  const problem = urlProblem(url)
  if (problem) throw inputError(name, `${problem}.`)
  return url
}
