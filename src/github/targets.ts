import { ActionError, foreign } from '../errors.js'
import { header, type HttpResponse } from '../http.js'
import { githubMessage, isRateLimited } from './api.js'
import { retryWait } from '../retry.js'

/** Where the secret lives (REST API "Actions secrets" and "Actions variables"). */
export type SecretTarget =
  | { readonly kind: 'repository'; readonly repository: string }
  | { readonly kind: 'environment'; readonly repository: string; readonly environment: string }
  | { readonly kind: 'organization'; readonly org: string }

/** GitHub's rules for a user or organization login, and for a repository name. */
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/
const REPO = /^[A-Za-z0-9._-]{1,100}$/

/** GitHub's rules for secret and variable names: letters, digits and underscores, not starting with a digit nor with GITHUB_. */
export function isSecretName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^GITHUB_/i.test(name)
}

export function isLogin(login: string): boolean {
  return LOGIN.test(login)
}

/** owner/repo, as GitHub allows each part. */
export function isRepository(repo: string): boolean {
  const [owner, name, ...rest] = repo.split('/')
  return rest.length === 0 && LOGIN.test(owner ?? '') && REPO.test(name ?? '') && name !== '.' && name !== '..'
}

/** Secret and variable endpoints share a prefix; environments have no `/actions` segment. */
export function basePath(t: SecretTarget): string {
  const repo = (r: string) => r.split('/').map(encodeURIComponent).join('/')
  if (t.kind === 'organization') return `/orgs/${encodeURIComponent(t.org)}/actions`
  if (t.kind === 'environment') return `/repos/${repo(t.repository)}/environments/${encodeURIComponent(t.environment)}`
  return `/repos/${repo(t.repository)}/actions`
}

/** "the repository secret X of o/r", for every message. */
export function describeSecret(t: SecretTarget, name: string, what: 'secret' | 'variable' = 'secret'): string {
  if (t.kind === 'organization') return `the organization ${what} ${name} of ${t.org}`
  if (t.kind === 'environment') return `the ${what} ${name} of environment '${t.environment}' in ${t.repository}`
  return `the repository ${what} ${name} of ${t.repository}`
}

/** Fine-grained token / GitHub App permissions each target needs (REST API docs of each endpoint). */
export function neededPermission(t: SecretTarget, what: 'secret' | 'variable'): string {
  const perm = what === 'secret' ? 'Secrets' : 'Variables'
  if (t.kind === 'organization') return `the organization permission "${perm}: Read and write" (a classic PAT: admin:org)`
  if (t.kind === 'environment') return `the repository permissions "${perm}: Read and write" and "Environments: Read and write" on ${t.repository} (a classic PAT: repo)`
  return `the repository permission "${perm}: Read and write" on ${t.repository} (a classic PAT: repo)`
}

/** How the given `github-token` looks; GITHUB_TOKEN is an installation token (ghs_) like any App's. */
export function tokenKind(token: string, env: NodeJS.ProcessEnv = process.env): 'workflow' | 'installation' | 'other' {
  if (env.GITHUB_TOKEN && token === env.GITHUB_TOKEN) return 'workflow'
  return token.startsWith('ghs_') ? 'installation' : 'other'
}

function tokenHint(token: string, permission: string): string {
  const kind = tokenKind(token)
  if (kind === 'workflow') return ` 'github-token' is this workflow's GITHUB_TOKEN, which can never write secrets or variables: use a fine-grained personal access token or a GitHub App token with ${permission}.`
  if (kind === 'installation') return ` 'github-token' is a GitHub App installation token (ghs_…). If it is the workflow's GITHUB_TOKEN (secrets.GITHUB_TOKEN or github.token), it can never write secrets or variables: use a fine-grained personal access token or a GitHub App token instead. If it is your own App's token, grant the App ${permission}.`
  return ` Give 'github-token' ${permission}.`
}

/** Turns a failed call into one message: what was attempted, the status, GitHub's words, the fix. */
export function apiError(res: HttpResponse, doing: string, t: SecretTarget, what: 'secret' | 'variable', token: string): ActionError {
  const said = githubMessage(res)
  const failed = `${doing} failed: HTTP ${res.status}${said ? ` (${said})` : ''}.`
  const permission = neededPermission(t, what)
  const details = { status: res.status }
  if (res.status === 401) return new ActionError('github_auth', `${failed} GitHub rejected 'github-token': it is expired, revoked or not a token. Replace the secret that feeds it.`, details)
  if (isRateLimited(res)) {
    const wait = retryWait(res, Date.now())
    const seconds = typeof wait === 'number' ? ` GitHub asks to wait ${Math.ceil(wait / 1000)} s.` : ''
    return new ActionError('github_rate_limit', `${failed} GitHub's rate limit for this token was reached and retries did not get through.${seconds} Run again later; other automation sharing 'github-token' uses the same limit.`, details)
  }
  if (res.status === 403) {
    const accepted = foreign(header(res, 'x-accepted-github-permissions') ?? '', 120)
    return new ActionError('github_permission', `${failed} 'github-token' may not do this: it needs ${permission}${accepted ? ` (GitHub accepts: ${accepted})` : ''}.${tokenHint(token, permission)}`, details)
  }
  if (res.status === 404) {
    const where =
      t.kind === 'organization' ? `the organization '${t.org}' does not exist, or 'github-token' cannot see it` :
      t.kind === 'environment' ? `the environment '${t.environment}' does not exist in ${t.repository} (create it under Settings → Environments, or fix 'secret-environment'), or 'github-token' cannot see that repository` :
      `the repository ${t.repository} does not exist, or 'github-token' cannot see it (a fine-grained token must be granted this repository)`
    return new ActionError('github_not_found', `${failed} Either ${where}.${tokenHint(token, permission)}`, details)
  }
  const advice = res.status >= 500 ? 'GitHub failed on its side (5xx answers are retried up to 4 times); run again later.' : 'Check the inputs that name the target.'
  return new ActionError('github_api', `${failed} ${advice}`, details)
}
