import { ActionError, CONTROL, foreign } from '../errors.js'
import { isLogin, isRepository, isSecretName, type SecretTarget } from '../github/targets.js'
import { flagError, url } from './flags.js'

/** The flags that say where the token goes, as node:util parseArgs gives them. */
export interface SinkFlags {
  readonly 'secret-name'?: string
  readonly out?: string
  readonly print?: boolean
  readonly repo?: string
  readonly environment?: string
  readonly org?: string
  readonly 'github-api-url'?: string
}

/** Where the refresh token goes: a GitHub secret (the action's targets), a new file, or stdout. */
export type Sink = { readonly kind: 'secret'; readonly name: string; readonly target: SecretTarget; readonly apiUrl: URL } | { readonly kind: 'file'; readonly path: string } | { readonly kind: 'stdout' }

/** Exactly one place; the secret's target named as the action's inputs name it (secret-inputs.ts), with GitHub's name rules. */
export function sinkOf(v: SinkFlags, env: Readonly<Record<string, string | undefined>>): Sink {
  const chosen = (['secret-name', 'out', 'print'] as const).filter((f) => v[f] !== undefined)
  if (chosen.length !== 1) {
    throw new ActionError('input', chosen.length === 0 ? 'Say where the refresh token goes: --secret-name NAME with --repo OWNER/REPO (and --environment ENV) or --org ORG; or --out FILE; or --print.' : `--${chosen.join(' and --')} were both given: the refresh token goes to one place.`)
  }
  if (v['secret-name'] === undefined) {
    const stray = (['repo', 'environment', 'org', 'github-api-url'] as const).find((f) => v[f] !== undefined)
    if (stray) throw flagError(stray, 'only means something with --secret-name.')
    return v.out !== undefined ? { kind: 'file', path: v.out } : { kind: 'stdout' }
  }
  const name = v['secret-name']
  if (!isSecretName(name)) throw flagError('secret-name', `must be a GitHub secret name (letters, digits and underscores, not starting with a digit or GITHUB_); got '${foreign(name, 60)}'.`)
  return { kind: 'secret', name, target: targetOf(v), apiUrl: url('github-api-url', v['github-api-url'] ?? (env.GITHUB_API_URL || 'https://api.github.com'))! }
}

function targetOf(v: SinkFlags): SecretTarget {
  const { repo, environment, org } = v
  if (org !== undefined) {
    if (repo !== undefined || environment !== undefined) throw flagError('org', 'names an organization secret: leave out --repo and --environment.')
    if (!isLogin(org)) throw flagError('org', `must be an organization login; got '${foreign(org, 60)}'.`)
    return { kind: 'organization', org }
  }
  if (repo === undefined) throw flagError('repo', 'or --org is required with --secret-name: where the secret lives (OWNER/REPO).')
  if (!isRepository(repo)) throw flagError('repo', `must be OWNER/REPO; got '${foreign(repo, 100)}'.`)
  if (environment === undefined) return { kind: 'repository', repository: repo }
  if (!environment || environment.length > 255 || CONTROL.test(environment)) throw flagError('environment', `must be an environment name (at most 255 characters, no control characters); got '${foreign(environment, 60)}'.`)
  return { kind: 'environment', repository: repo, environment }
}
