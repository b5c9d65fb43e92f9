import * as core from '@actions/core'
import { ActionError, inputError } from './errors.js'
import { isProviderName, PROVIDERS, type ProviderName } from './providers.js'
import { parseScopes } from './scopes.js'
import type { SecretTarget } from './github-secrets.js'
import type { SecretSettings } from './writeback.js'

export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const
export type AuthMethod = (typeof AUTH_METHODS)[number]

/**
 * Where the token endpoint comes from: `token-url` wins over both others; without it, exactly one of
 * `issuer` (RFC 8414 discovery) and `provider` (a preset) must be set.
 */
export type EndpointSource =
  | { readonly kind: 'token-url'; readonly url: URL }
  | { readonly kind: 'issuer'; readonly issuer: string; readonly url: URL }
  | { readonly kind: 'provider' }

/** Everything the action was asked to do, validated. No other file reads inputs. */
export interface Settings {
  readonly source: EndpointSource
  /** A preset's defaults, when `provider` is set (also alongside `token-url`). */
  readonly provider: ProviderName | undefined
  readonly clientId: string
  readonly clientSecret: string
  readonly refreshToken: string
  /** As given; undefined lets the preset or the server's metadata choose (else client_secret_basic). */
  readonly authMethod: AuthMethod | undefined
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
  readonly verifyUrl: URL | undefined
  readonly revoke: boolean
  readonly revocationUrl: URL | undefined
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

  const authMethod = (core.getInput('auth-method') || undefined) as AuthMethod | undefined
  if (authMethod !== undefined && !AUTH_METHODS.includes(authMethod)) {
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
    throw inputError('client-secret', `is required with auth-method '${authMethod ?? 'client_secret_basic'}' and was empty. If it comes from a secret, check the secret name; for a public client set 'auth-method: none'.`)
  }
  const provider = core.getInput('provider') || undefined
  if (provider !== undefined && !isProviderName(provider)) {
    throw inputError('provider', `must be one of ${Object.keys(PROVIDERS).join(', ')}; got '${provider}'. For another provider, set 'token-url' or 'issuer'.`)
  }
  const revoke = core.getInput('revoke') || 'false'
  if (!/^(true|false)$/i.test(revoke)) throw inputError('revoke', `must be 'true' or 'false'; got '${revoke}'.`)

  requireFileCommand('GITHUB_OUTPUT', 'outputs')
  const scope = parseScopes(core.getInput('scope')).join(' ') || undefined
  const exportEnv = core.getInput('export-env') || undefined
  if (exportEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(exportEnv)) {
    throw inputError('export-env', `must be an environment variable name (letters, digits, underscores, not starting with a digit); got '${exportEnv}'.`)
  }
  if (exportEnv) requireFileCommand('GITHUB_ENV', "'export-env'")
  if (/^true$/i.test(revoke)) requireFileCommand('GITHUB_STATE', "the access token kept for 'revoke'")

  const verifyUrl = core.getInput('verify-url')
  const revocationUrl = core.getInput('revocation-url')
  return {
    source: endpointSource(provider !== undefined),
    provider,
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
    verifyUrl: verifyUrl ? endpointUrl('verify-url', verifyUrl) : undefined,
    revoke: revoke.toLowerCase() === 'true',
    revocationUrl: revocationUrl ? endpointUrl('revocation-url', revocationUrl) : undefined,
    secret: secretSettings(githubToken)
  }
}

function endpointSource(hasProvider: boolean): EndpointSource {
  const tokenUrl = core.getInput('token-url')
  const issuer = core.getInput('issuer')
  if (tokenUrl) return { kind: 'token-url', url: endpointUrl('token-url', tokenUrl) }
  if (issuer && hasProvider) {
    throw inputError('issuer', "and 'provider' were both set: set only one of 'issuer' or 'provider' (or 'token-url', which wins over both) so the token endpoint comes from one place.")
  }
  if (issuer) return { kind: 'issuer', issuer, url: endpointUrl('issuer', issuer) }
  if (hasProvider) return { kind: 'provider' }
  throw inputError('token-url', "is required unless 'issuer' or 'provider' says where the token endpoint is; none of the three was set.")
}

/**
 * Without the runner's file commands, @actions/core falls back to printing `::set-output`,
 * `::set-env` and `::save-state` lines with the value on stdout: a token would be in the log wherever masks are not
 * applied. Refuse before any token exists.
 */
function requireFileCommand(variable: 'GITHUB_OUTPUT' | 'GITHUB_ENV' | 'GITHUB_STATE', what: string): void {
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
