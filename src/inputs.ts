import * as core from '@actions/core'
import { ActionError, inputError } from './errors.js'
import { parseScopes } from './scopes.js'

export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const
export type AuthMethod = (typeof AUTH_METHODS)[number]

/** Everything the action was asked to do, validated. No other file reads inputs. */
export interface Settings {
  readonly tokenUrl: URL
  readonly clientId: string
  readonly clientSecret: string
  readonly refreshToken: string
  readonly authMethod: AuthMethod
  /**
   * RFC 6749 §2.3.1 form-encodes id and secret before base64 (`form`); some servers never decode
   * them, so `raw` sends them as they are. Never guessed by retrying: a second refresh can burn a
   * rotating refresh token.
   */
  readonly basicAuthEncoding: 'form' | 'raw'
  /** Space-separated scope to request (RFC 6749 §6), normalized; undefined when not set. */
  readonly scope: string | undefined
  readonly requiredScopes: readonly string[]
  readonly timeoutMs: number
  readonly maxAttempts: number
  readonly exportEnv: string | undefined
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i

/**
 * Reads and validates every input. The secret inputs are masked the moment they are read, before
 * any validation could print anything.
 */
export function getInputs(): Settings {
  const clientSecret = core.getInput('client-secret')
  const refreshToken = core.getInput('refresh-token')
  if (clientSecret) core.setSecret(clientSecret)
  if (refreshToken) core.setSecret(refreshToken)

  const authMethod = (core.getInput('auth-method') || 'client_secret_basic') as AuthMethod
  if (!AUTH_METHODS.includes(authMethod)) {
    throw inputError('auth-method', `must be one of ${AUTH_METHODS.join(', ')}; got '${authMethod}'.`)
  }
  const basicAuthEncoding = core.getInput('basic-auth-encoding') || 'form'
  if (basicAuthEncoding !== 'form' && basicAuthEncoding !== 'raw') {
    throw inputError('basic-auth-encoding', `must be 'form' (RFC 6749 §2.3.1, the default) or 'raw'; got '${basicAuthEncoding}'.`)
  }

  const clientId = required('client-id')
  if (!refreshToken) {
    throw inputError('refresh-token', 'is required and was empty. If it comes from a secret, check the secret name and that the secret is available to this workflow (secrets are not passed to workflows triggered from forks).')
  }
  if (authMethod !== 'none' && !clientSecret) {
    throw inputError('client-secret', `is required with auth-method '${authMethod}' and was empty. If it comes from a secret, check the secret name; for a public client set 'auth-method: none'.`)
  }

  requireFileCommand('GITHUB_OUTPUT', 'outputs')
  const scope = parseScopes(core.getInput('scope')).join(' ') || undefined
  const exportEnv = core.getInput('export-env') || undefined
  if (exportEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(exportEnv)) {
    throw inputError('export-env', `must be an environment variable name (letters, digits, underscores, not starting with a digit); got '${exportEnv}'.`)
  }
  if (exportEnv) requireFileCommand('GITHUB_ENV', "'export-env'")

  return {
    tokenUrl: endpointUrl('token-url', required('token-url')),
    clientId,
    clientSecret,
    refreshToken,
    authMethod,
    basicAuthEncoding,
    scope,
    requiredScopes: parseScopes(core.getInput('required-scopes')),
    timeoutMs: number('timeout-seconds', 30, 1, 600) * 1000,
    maxAttempts: number('max-attempts', 3, 1, 10, true),
    exportEnv
  }
}

/**
 * Without the runner's file commands, @actions/core falls back to printing `::set-output` and
 * `::set-env` lines with the value on stdout: a token would be in the log wherever masks are not
 * applied. Refuse before any token exists.
 */
function requireFileCommand(variable: 'GITHUB_OUTPUT' | 'GITHUB_ENV', what: string): void {
  if (process.env[variable]) return
  throw new ActionError('environment', `${variable} is not set, so ${what} would be printed to the log instead of written to the runner's file. Run this action on a GitHub Actions runner (or one that provides ${variable}); nothing was requested.`)
}

function required(name: string): string {
  const value = core.getInput(name)
  if (!value) throw inputError(name, 'is required and was empty.')
  return value
}

function number(name: string, fallback: number, min: number, max: number, integer = false): number {
  const raw = core.getInput(name)
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw inputError(name, `must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; got '${raw}'.`)
  }
  return value
}

/**
 * Credentials go only over TLS (RFC 6749 §3.2). Plain http is allowed for loopback hosts, where
 * nothing crosses a network, so local servers and tests work.
 */
export function endpointUrl(name: string, value: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw inputError(name, `must be an absolute https URL; got '${value}'.`)
  }
  if (url.username || url.password) {
    throw inputError(name, 'must not carry credentials in the URL; use client-id and client-secret.')
  }
  if (url.hash) throw inputError(name, 'must not have a #fragment (RFC 6749 §3.2).')
  if (url.protocol === 'https:') return url
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return url
  throw inputError(name, `must use https (plain http only for localhost, 127.0.0.0/8 and [::1]); got '${url.protocol}//${url.host}'.`)
}
