import * as core from '@actions/core'
import { inputError } from './errors.js'
import { parseScopes } from './scopes.js'
import type { SecretTarget } from './github-secrets.js'
import type { SecretSettings } from './writeback.js'

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
  /** Where to store a rotated refresh token (`secret-name` and friends); undefined when not asked. */
  readonly secret?: SecretSettings
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
  const githubToken = core.getInput('github-token')
  if (githubToken) core.setSecret(githubToken)

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

  const scope = parseScopes(core.getInput('scope')).join(' ') || undefined
  const exportEnv = core.getInput('export-env') || undefined
  if (exportEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(exportEnv)) {
    throw inputError('export-env', `must be an environment variable name (letters, digits, underscores, not starting with a digit); got '${exportEnv}'.`)
  }

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
    exportEnv,
    secret: secretSettings(githubToken)
  }
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

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * The write-back inputs. GitHub's rules for secret and variable names: letters, digits and
 * underscores, not starting with a digit nor with GITHUB_.
 */
function secretSettings(githubToken: string): SecretSettings | undefined {
  const name = core.getInput('secret-name')
  const repository = core.getInput('secret-repository')
  const environment = core.getInput('secret-environment')
  const org = core.getInput('secret-org')
  const guard = core.getInput('stale-token-guard').toLowerCase() || 'false'
  if (guard !== 'true' && guard !== 'false') throw inputError('stale-token-guard', `must be 'true' or 'false'; got '${guard}'.`)
  if (!name) {
    const stray = [['github-token', githubToken], ['secret-repository', repository], ['secret-environment', environment], ['secret-org', org]].find(([, v]) => v)
    if (stray || guard === 'true') throw inputError('secret-name', `is required with '${stray ? stray[0] : 'stale-token-guard'}': it names the secret that holds the refresh token.`)
    return undefined
  }
  if (!SECRET_NAME.test(name) || /^GITHUB_/i.test(name)) {
    throw inputError('secret-name', `must be a GitHub secret name (letters, digits and underscores, not starting with a digit or GITHUB_); got '${name}'.`)
  }
  if (!githubToken) {
    throw inputError('github-token', `is required with 'secret-name': a fine-grained personal access token or GitHub App token that may write ${name} ("Secrets: Read and write"). The workflow's GITHUB_TOKEN cannot write secrets.`)
  }
  let target: SecretTarget
  if (org) {
    if (repository || environment) throw inputError('secret-org', `names an organization secret; leave 'secret-repository' and 'secret-environment' empty with it.`)
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(org)) throw inputError('secret-org', `must be an organization login; got '${org}'.`)
    target = { kind: 'organization', org }
  } else {
    const repo = repository || process.env.GITHUB_REPOSITORY || ''
    if (!/^[^/\s]+\/[^/\s]+$/.test(repo)) {
      throw inputError('secret-repository', repo ? `must be owner/repo; got '${repo}'.` : 'is required outside GitHub Actions (GITHUB_REPOSITORY is not set): owner/repo.')
    }
    target = environment ? { kind: 'environment', repository: repo, environment } : { kind: 'repository', repository: repo }
  }
  const apiUrl = endpointUrl('github-api-url', core.getInput('github-api-url') || process.env.GITHUB_API_URL || 'https://api.github.com')
  return { name, githubToken, target, apiUrl, staleTokenGuard: guard === 'true' }
}
