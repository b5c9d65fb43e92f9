import * as core from '@actions/core'
import { ActionError, CONTROL, foreign, inputError } from '../errors.js'
import type { EndpointSource } from '../oauth/endpoints.js'
import { isProviderName, presetInputError, PROVIDERS, reuseWindowMs as presetReuseWindowMs, type Preset, type ProviderName } from '../oauth/providers/index.js'
import { parseScopes } from '../oauth/scopes.js'
import { AUTH_METHODS, type AuthMethod, type EncodingChoice, type RequestFormat } from '../oauth/token-request.js'
import { boolean, endpointUrl, number, required } from './read-input.js'
import { extraParams, requestFormat } from './request-inputs.js'
import { secretSettings, type SecretSettings } from './secret-inputs.js'
import { mask } from './runtime.js'

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
   * RFC 6749 §2.3.1 form-encodes id and secret before base64 (`form`); many servers never decode
   * them (`raw`). `auto`, the default, tries `form` and falls back to `raw` once, after
   * invalid_client only (oauth/refresh.ts refreshGrant).
   */
  readonly basicAuthEncoding: EncodingChoice
  /** `request-format`; undefined lets the preset choose, else form (RFC 6749 §6). */
  readonly requestFormat?: RequestFormat
  /** `extra-params`, added to the refresh request (GitLab's redirect_uri, Auth0's audience…). */
  readonly extraParams?: Readonly<Record<string, string>>
  /** Space-separated scope to request (RFC 6749 §6), normalized; undefined when not set. */
  readonly scope: string | undefined
  readonly requiredScopes: readonly string[]
  readonly timeoutMs: number
  readonly maxAttempts: number
  /**
   * How long the provider accepts a refresh token again after it was presented (oauth/outcome.ts):
   * `reuse-window-seconds`, else the preset's documented window, else 0 (RFC 9700 §4.14.2).
   */
  readonly reuseWindowMs: number
  /** The preset says any answer of the token endpoint spends the refresh token (no retry of any kind). */
  readonly spendsOnError: boolean
  readonly exportEnv: string | undefined
  readonly verifyUrl: URL | undefined
  readonly revoke: boolean
  readonly revocationUrl: URL | undefined
  /** Warn when an absolute refresh-token end is fewer than this many days away (0: never). */
  readonly refreshTokenWarnDays?: number
  /** Where to store a rotated refresh token (`secret-name` and friends); undefined when not asked. */
  readonly secret?: SecretSettings
}

/**
 * Environment variable names that the runner, Node, the dynamic linker or the shells give meaning to
 * (PATH, HOME, BASH_ENV, LD_*, NODE_OPTIONS, GITHUB_*, …): `export-env` refuses them, in any case, as
 * the names are case-insensitive on Windows runners.
 */
const RESERVED_ENV =
  /^(PATH|PATHEXT|HOME|SHELL|ENV|BASH_ENV|BASHOPTS|SHELLOPTS|IFS|CDPATH|PS4|PROMPT_COMMAND|TMPDIR|TEMP|TMP|USER|LOGNAME|PWD|OLDPWD|TZ|LANG|LANGUAGE|LC_\w*|LD_\w*|DYLD_\w*|NODE_\w*|NPM_CONFIG_\w*|GITHUB_\w*|RUNNER_\w*|ACTIONS_\w*|INPUT_\w*|STATE_\w*|CI|HTTPS?_PROXY|NO_PROXY|ALL_PROXY|PYTHON\w*|PERL\w*|RUBYOPT|RUBYLIB|GEM_\w*|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS|DOTNET_\w*|COMPLUS_\w*|GIT_\w*|SSH_\w*|GCONV_PATH|MALLOC_\w*|GLIBC_TUNABLES|HOSTALIASES|LOCALDOMAIN|RES_OPTIONS|SYSTEMROOT|COMSPEC|PSMODULEPATH)$/i

/**
 * Reads and validates every input. The secret inputs are masked the moment they are read, before
 * any validation could print anything.
 */
export function getInputs(): Settings {
  const clientSecret = core.getInput('client-secret')
  const refreshToken = core.getInput('refresh-token')
  mask(clientSecret, true)
  mask(refreshToken, true)
  const githubToken = core.getInput('github-token')
  mask(githubToken, true)

  const authMethod = (core.getInput('auth-method') || undefined) as AuthMethod | undefined
  if (authMethod !== undefined && !AUTH_METHODS.includes(authMethod)) {
    throw inputError('auth-method', `must be one of ${AUTH_METHODS.join(', ')}; got '${foreign(authMethod, 80)}'.`)
  }

  const clientId = required('client-id')
  // RFC 6749 Appendix A: client_id, client_secret and refresh_token are printable ASCII. A line break
  // (a secret pasted with one) would otherwise reach a request; the message never shows the value.
  for (const [name, value] of [['client-id', clientId], ['client-secret', clientSecret], ['refresh-token', refreshToken]] as const) {
    if (CONTROL.test(value)) throw inputError(name, 'holds a line break or another control character, which no client credential or token has (RFC 6749 Appendix A). Check how the secret was stored.')
  }
  if (!refreshToken) {
    throw inputError('refresh-token', 'is required and was empty. If it comes from a secret, check the secret name and that the secret is available to this workflow (secrets are not passed to workflows triggered from forks).')
  }
  // Without a secret and without 'auth-method', the client is public (auth-method none, RFC 6749 §2.1).
  if (authMethod !== undefined && authMethod !== 'none' && !clientSecret) {
    throw inputError('client-secret', `is required with auth-method '${authMethod}' and was empty. If it comes from a secret, check the secret name; for a public client leave out 'auth-method' (or set it to none).`)
  }
  const provider = core.getInput('provider') || undefined
  if (provider !== undefined && !isProviderName(provider)) {
    throw inputError('provider', `must be one of ${Object.keys(PROVIDERS).join(', ')}; got '${foreign(provider, 80)}'. For another provider, set 'token-url' or 'issuer'.`)
  }
  const revoke = boolean('revoke', false)

  requireFileCommand('GITHUB_OUTPUT', 'outputs')
  const scope = parseScopes(core.getInput('scope')).join(' ') || undefined
  const exportEnv = core.getInput('export-env') || undefined
  if (exportEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(exportEnv)) {
    throw inputError('export-env', `must be an environment variable name (letters, digits, underscores, not starting with a digit); got '${foreign(exportEnv, 60)}'.`)
  }
  if (exportEnv !== undefined && RESERVED_ENV.test(exportEnv)) {
    throw inputError('export-env', `may not be '${exportEnv}': the runner, Node or the shells give that name meaning, and a token there would change how later steps run. Choose a name of your own, such as API_TOKEN.`)
  }
  if (exportEnv) requireFileCommand('GITHUB_ENV', "'export-env'")
  if (revoke) requireFileCommand('GITHUB_STATE', "the access token kept for 'revoke'")
  // The lock, the claim and a rotated refresh token are kept there for the post step (rotation/cleanup.ts).
  if (core.getInput('secret-name')) requireFileCommand('GITHUB_STATE', 'the lock, the claim and a rotated refresh token kept for the post step')

  const verifyUrl = core.getInput('verify-url')
  const revocationUrl = core.getInput('revocation-url')
  const params = extraParams()
  return {
    source: endpointSource(provider, params),
    provider,
    clientId,
    clientSecret,
    refreshToken,
    authMethod,
    basicAuthEncoding: basicAuthEncoding(),
    requestFormat: requestFormat(),
    extraParams: params,
    scope,
    requiredScopes: parseScopes(core.getInput('required-scopes')),
    timeoutMs: number('timeout-seconds', 30, 1, 600) * 1000,
    maxAttempts: number('max-attempts', 3, 1, 10, true),
    reuseWindowMs: reuseWindowMs(provider === undefined ? undefined : PROVIDERS[provider]),
    spendsOnError: provider !== undefined && PROVIDERS[provider].spendsOnError === true,
    exportEnv,
    verifyUrl: verifyUrl ? endpointUrl('verify-url', verifyUrl) : undefined,
    revoke,
    revocationUrl: revocationUrl ? endpointUrl('revocation-url', revocationUrl) : undefined,
    refreshTokenWarnDays: number('refresh-token-warn-days', 14, 0, 3650, true),
    secret: secretSettings(githubToken, { revoke })
  }
}

/** `reuse-window-seconds`: a number of seconds, or `unlimited` for a provider that never spends a refresh token. */
function reuseWindowMs(preset: Preset | undefined): number {
  const raw = core.getInput('reuse-window-seconds')
  if (raw === '') return presetReuseWindowMs(preset)
  if (raw.toLowerCase() === 'unlimited') return Infinity
  return number('reuse-window-seconds', 0, 0, 31_536_000, true) * 1000
}

export function basicAuthEncoding(): EncodingChoice {
  const value = core.getInput('basic-auth-encoding') || 'auto'
  if (value !== 'auto' && value !== 'form' && value !== 'raw') throw inputError('basic-auth-encoding', `must be 'auto' (the default: form, then raw after invalid_client), 'form' (RFC 6749 §2.3.1) or 'raw'; got '${foreign(value, 80)}'.`)
  return value
}

/** `token-url` wins; `issuer` goes with no preset or one without a fixed endpoint (presetInputError). */
function endpointSource(provider: ProviderName | undefined, extraParams: Readonly<Record<string, string>>): EndpointSource {
  const tokenUrl = core.getInput('token-url')
  const issuer = core.getInput('issuer')
  const refused = provider && presetInputError(PROVIDERS[provider], { tokenUrl: tokenUrl !== '', issuer: issuer !== '', extraParams })
  if (refused) throw refused
  if (tokenUrl) return { kind: 'token-url', url: endpointUrl('token-url', tokenUrl) }
  if (issuer) return { kind: 'issuer', issuer, url: endpointUrl('issuer', issuer) }
  if (provider) return { kind: 'provider' }
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
