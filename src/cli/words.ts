/**
 * The rooms below word their errors for the action, naming its inputs ('token-url'); at the
 * terminal the same advice names this command's flags. The one translation, applied to every
 * error line the command prints.
 */
const FLAGS: readonly (readonly [RegExp, string])[] = [
  [/'github-token'/g, 'the GitHub token (GH_TOKEN, GITHUB_TOKEN or gh auth token)'],
  [/'auth-method: (\w+)'/g, '--auth-method $1'],
  [/, or 'basic-auth-encoding: raw' for a server that does not decode Basic credentials/g, ''],
  [/'(token-url|issuer|client-id|auth-method|github-api-url|scope)'/g, '--$1'],
  [/'client-secret'/g, 'the client secret'],
  [/'secret-environment'/g, '--environment'],
  [/'secret-org'/g, '--org'],
  [/'secret-repository'/g, '--repo'],
  [/'secret-name'/g, '--secret-name']
]

export function inFlagTerms(message: string): string {
  return FLAGS.reduce((text, [pattern, flag]) => text.replace(pattern, flag), message)
}
