import { ActionError, CONTROL, foreign } from '../errors.js'
import type { SecretFrom } from './args.js'
import type { CliDeps } from './deps.js'

/**
 * The client secret, from where the flags say: never from the command line (shell history, the
 * process list). Empty for a public client, which then authenticates with `none` and PKCE.
 */
export async function clientSecret(from: SecretFrom, d: CliDeps): Promise<string> {
  const value = from.kind === 'stdin' ? (await d.readSecret()).replace(/\r?\n$/, '') : (d.env[from.name] ?? '')
  const where = from.kind === 'stdin' ? 'The client secret read from standard input' : `The client secret in ${from.name}`
  if (from.kind === 'env' && from.named && !value) throw new ActionError('input', `--client-secret-env names ${from.name}, which is not set or empty.`)
  if (from.kind === 'stdin' && !value) throw new ActionError('input', `${where} is empty.`)
  if (CONTROL.test(value)) throw new ActionError('input', `${where} holds a line break or another control character, which no client secret has (RFC 6749 Appendix A).`)
  return value
}

/**
 * The GitHub token that writes the secret: GH_TOKEN, then GITHUB_TOKEN (the GitHub CLI's order),
 * then what `gh auth token` prints for the API's host. Never printed.
 */
export async function githubToken(apiUrl: URL, d: CliDeps): Promise<{ readonly token: string; readonly from: string }> {
  for (const name of ['GH_TOKEN', 'GITHUB_TOKEN']) {
    const value = d.env[name]
    if (value) return { token: checked(value, name), from: name }
  }
  // gh names hosts without the API prefix: api.github.com is github.com, a GHES API root is its host.
  const host = apiUrl.host === 'api.github.com' ? 'github.com' : apiUrl.host.replace(/^api\./, '')
  const args = host === 'github.com' ? ['auth', 'token'] : ['auth', 'token', '--hostname', host]
  const run = await d.run('gh', args)
  const fix = `Set GH_TOKEN to a fine-grained personal access token with "Secrets" and "Variables: Read and write" on the repository, or log in with \`gh auth login${host === 'github.com' ? '' : ` --hostname ${host}`}\`.`
  if (run.missing) throw new ActionError('github_auth', `No GitHub token: GH_TOKEN and GITHUB_TOKEN are not set, and the GitHub CLI (gh) is not installed. ${fix}`)
  const token = run.stdout.trim()
  if (run.code !== 0 || !token) {
    const said = foreign(run.stderr.trim() || `exit code ${run.code}`, 160)
    throw new ActionError('github_auth', `No GitHub token: GH_TOKEN and GITHUB_TOKEN are not set, and \`gh ${args.join(' ')}\` failed (${said}). ${fix}`)
  }
  return { token: checked(token, `\`gh ${args.join(' ')}\``), from: `gh auth token (${host})` }
}

function checked(token: string, from: string): string {
  if (/[^\x21-\x7E]/.test(token)) throw new ActionError('github_auth', `The GitHub token from ${from} holds whitespace, a line break or another character no GitHub token has.`)
  return token
}
