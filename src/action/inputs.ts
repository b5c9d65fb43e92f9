import * as core from '@actions/core'
import { ActionError, inputError } from '../errors.js'
import type { EndpointSource } from '../oauth/endpoints.js'
import { isProviderName, PROVIDERS, type ProviderName } from '../oauth/providers.js'
import { parseScopes } from '../oauth/scopes.js'
import { AUTH_METHODS, type AuthMethod, type BasicAuthEncoding } from '../oauth/token-request.js'
import { boolean, endpointUrl, number, required } from './read-input.js'
import { secretSettings, type SecretSettings } from './secret-inputs.js'

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
  readonly basicAuthEncoding: BasicAuthEncoding
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
  const revoke = boolean('revoke', false)

  requireFileCommand('GITHUB_OUTPUT', 'outputs')
  const scope = parseScopes(core.getInput('scope')).join(' ') || undefined
  const exportEnv = core.getInput('export-env') || undefined
  if (exportEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(exportEnv)) {
    throw inputError('export-env', `must be an environment variable name (letters, digits, underscores, not starting with a digit); got '${exportEnv}'.`)
  }
  if (exportEnv) requireFileCommand('GITHUB_ENV', "'export-env'")
  if (revoke) requireFileCommand('GITHUB_STATE', "the access token kept for 'revoke'")

  const verifyUrl = core.getInput('verify-url')
  const revocationUrl = core.getInput('revocation-url')
  return {
    source: endpointSource(provider !== undefined),
    provider,
    clientId,
    clientSecret,
    refreshToken,
    authMethod,
    basicAuthEncoding: basicAuthEncoding(),
    scope,
    requiredScopes: parseScopes(core.getInput('required-scopes')),
    timeoutMs: number('timeout-seconds', 30, 1, 600) * 1000,
    maxAttempts: number('max-attempts', 3, 1, 10, true),
    exportEnv,
    verifyUrl: verifyUrl ? endpointUrl('verify-url', verifyUrl) : undefined,
    revoke,
    revocationUrl: revocationUrl ? endpointUrl('revocation-url', revocationUrl) : undefined,
    secret: secretSettings(githubToken, { clientSecret, revoke })
  }
}

export function basicAuthEncoding(): BasicAuthEncoding {
  const value = core.getInput('basic-auth-encoding') || 'form'
  if (value !== 'form' && value !== 'raw') throw inputError('basic-auth-encoding', `must be 'form' (RFC 6749 §2.3.1, the default) or 'raw'; got '${value}'.`)
  return value
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
export function requireFileCommand(variable: 'GITHUB_OUTPUT' | 'GITHUB_ENV' | 'GITHUB_STATE', what: string): void {
  if (process.env[variable]) return
  throw new ActionError('environment', `${variable} is not set, so ${what} would be printed to the log instead of written to the runner's file. Run this action on a GitHub Actions runner (or one that provides ${variable}); nothing was requested.`)
}
