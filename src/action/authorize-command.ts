import { PROVIDERS } from '../oauth/providers/index.js'
import type { Settings } from './inputs.js'

/**
 * The `npx oauth-refresh-action authorize …` line that recovers a lost chain with the arguments
 * this run used: where the provider is, the client id, the scope, and where the secret lives. Never
 * a secret value: the client secret is said to go in OAUTH_CLIENT_SECRET. The flags are the
 * command's own (src/cli/args.ts); a test parses this line with it. Kept here, in the action's
 * room, so that the action's bundle carries no code of the command.
 */
export function authorizeCommand(s: Settings): { readonly line: string; readonly placeholder: boolean } {
  const args = ['npx', 'oauth-refresh-action', 'authorize']
  if (s.provider) args.push('--provider', s.provider)
  if (s.source.kind === 'issuer') args.push('--issuer', s.source.issuer)
  if (s.source.kind === 'token-url') args.push('--token-url', s.source.url.href)
  // Only a preset or discovery knows where users consent; with a token-url alone, or a preset whose
  // authorization endpoint is per tenant (https://{yourDomain}/authorize), the run knows neither.
  const placeholder = s.source.kind === 'token-url' && (!s.provider || /\{/.test(PROVIDERS[s.provider].authorize.url))
  if (placeholder) args.push('--authorization-url', AUTHORIZATION_URL)
  args.push('--client-id', s.clientId)
  if (s.authMethod) args.push('--auth-method', s.authMethod)
  if (s.scope) args.push('--scope', s.scope)
  const secret = s.secret
  if (!secret) {
    args.push('--out', 'refresh-token.txt')
  } else {
    args.push('--secret-name', secret.name)
    const t = secret.target
    if (t.kind === 'organization') args.push('--org', t.org)
    else args.push('--repo', t.repository, ...(t.kind === 'environment' ? ['--environment', t.environment] : []))
    if (secret.apiUrl.href !== 'https://api.github.com/') args.push('--github-api-url', secret.apiUrl.href.replace(/\/$/, ''))
  }
  return { line: args.map(shellWord).join(' '), placeholder }
}

export const AUTHORIZATION_URL = 'AUTHORIZATION_URL'

/** POSIX shell quoting: a word of safe characters as it is, anything else in single quotes. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

/** The sentence added to a message that ends in "authorize again". */
export function authorizeAgain(s: Settings): string {
  const { line, placeholder } = authorizeCommand(s)
  const notes = [
    s.clientSecret ? 'the client secret in OAUTH_CLIENT_SECRET' : '',
    placeholder ? `${AUTHORIZATION_URL} replaced by the provider's authorization endpoint` : '',
    // The run only knows the scope it was told to refresh with; without one, the consent must say.
    s.scope ? '' : '--scope and the scopes the app needs added'
  ].filter(Boolean)
  const then = s.secret ? '' : " Then store the file's content where 'refresh-token' reads it, and delete the file."
  return `To authorize again, run on your machine: ${line}${notes.length ? ` (with ${notes.join(', and ')})` : ''}.${then}`
}
