import * as core from '@actions/core'
import { CONTROL, foreign, inputError } from '../errors.js'
import { isLogin, isRepository, isSecretName, type SecretTarget } from '../github/targets.js'
import { boolean, endpointUrl, number } from './read-input.js'

/** The write-back part of the settings: `secret-name`, `github-token`, the target and the safety switches. */
export interface SecretSettings {
  readonly name: string
  readonly githubToken: string
  readonly target: SecretTarget
  readonly apiUrl: URL
  /** Stop before presenting a refresh token that is not the newest (default on). */
  readonly staleTokenGuard: boolean
  /** Serialize runs with the cross-run lock (default on). */
  readonly lock: boolean
  readonly lockWaitMs: number
  /** Keep the access token, sealed, for runs that start while it is valid (default on when possible). */
  readonly shareToken: boolean
  readonly minValidityMs: number
}

/** Inputs that only mean something with `secret-name`. */
const WRITE_BACK_ONLY = ['github-token', 'secret-repository', 'secret-environment', 'secret-org', 'stale-token-guard', 'lock', 'lock-timeout-seconds', 'share-token', 'min-validity'] as const

/**
 * The defaults action.yml declares for the write-back inputs (the runner passes them when the
 * workflow does not set the input): test/inputs-defaults.test.ts checks the two agree. A value equal
 * to its default is no sign that the write-back was meant.
 */
const DEFAULTS: Readonly<Partial<Record<(typeof WRITE_BACK_ONLY)[number], string>>> = {
  'stale-token-guard': 'true',
  lock: 'true',
  'lock-timeout-seconds': '600',
  'share-token': 'auto',
  'min-validity': '300'
}

/**
 * The write-back inputs. GitHub's rules for secret and variable names: letters, digits and
 * underscores, not starting with a digit nor with GITHUB_. The safety switches default to on.
 */
export function secretSettings(githubToken: string, sharing: { readonly revoke: boolean }): SecretSettings | undefined {
  const name = core.getInput('secret-name')
  if (!name) {
    const stray = WRITE_BACK_ONLY.find((input) => core.getInput(input) && core.getInput(input).toLowerCase() !== DEFAULTS[input])
    if (stray) throw inputError('secret-name', `is required with '${stray}': it names the secret that holds the refresh token.`)
    return undefined
  }
  if (!isSecretName(name)) {
    throw inputError('secret-name', `must be a GitHub secret name (letters, digits and underscores, not starting with a digit or GITHUB_); got '${foreign(name, 80)}'.`)
  }
  if (/[^\x21-\x7E]/.test(githubToken)) {
    throw inputError('github-token', 'holds whitespace, a line break or another character no GitHub token has, so it cannot be sent in an Authorization header. Check how the secret was stored (a trailing newline is a common cause).')
  }
  if (!githubToken) {
    throw inputError('github-token', `is required with 'secret-name': a fine-grained personal access token or GitHub App token that may write ${name} ("Secrets: Read and write", and "Variables: Read and write" for the lock and the rotation state). The workflow's GITHUB_TOKEN cannot write secrets.`)
  }
  // `auto`, the default: on unless 'revoke' is (a token revoked when one job ends cannot be shared).
  const share = core.getInput('share-token')
  if (share && !/^(auto|true|false)$/i.test(share)) throw inputError('share-token', `must be 'auto' (the default: true unless 'revoke' is), 'true' or 'false'; got '${foreign(share, 80)}'.`)
  const shareToken = !share || /^auto$/i.test(share) ? !sharing.revoke : share.toLowerCase() === 'true'
  if (shareToken && sharing.revoke) throw inputError('share-token', "and 'revoke' are both true: a token revoked when one job ends cannot serve the other runs sharing it. Turn one off.")
  return {
    name,
    githubToken,
    target: secretTarget(),
    apiUrl: githubApiUrl(),
    staleTokenGuard: boolean('stale-token-guard', true),
    lock: boolean('lock', true),
    lockWaitMs: number('lock-timeout-seconds', 600, 0, 3600) * 1000,
    shareToken,
    minValidityMs: number('min-validity', 300, 0, 86_400) * 1000
  }
}

export function githubApiUrl(): URL {
  return endpointUrl('github-api-url', core.getInput('github-api-url') || process.env.GITHUB_API_URL || 'https://api.github.com')
}

export function secretTarget(): SecretTarget {
  const repository = core.getInput('secret-repository')
  const environment = core.getInput('secret-environment')
  const org = core.getInput('secret-org')
  if (org) {
    if (repository || environment) throw inputError('secret-org', `names an organization secret; leave 'secret-repository' and 'secret-environment' empty with it.`)
    if (!isLogin(org)) throw inputError('secret-org', `must be an organization login (letters, digits and hyphens, at most 39, not starting with a hyphen); got '${foreign(org, 60)}'.`)
    return { kind: 'organization', org }
  }
  const repo = repository || process.env.GITHUB_REPOSITORY || ''
  if (!isRepository(repo)) {
    throw inputError('secret-repository', repo ? `must be owner/repo (a login, then letters, digits, '.', '-' and '_', at most 100); got '${foreign(repo, 160)}'.` : 'is required outside GitHub Actions (GITHUB_REPOSITORY is not set): owner/repo.')
  }
  if (environment && (environment.length > 255 || CONTROL.test(environment))) {
    throw inputError('secret-environment', `must be an environment name (at most 255 characters, no control characters); got '${foreign(environment, 60)}'.`)
  }
  return environment ? { kind: 'environment', repository: repo, environment } : { kind: 'repository', repository: repo }
}
