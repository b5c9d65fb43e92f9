import * as core from '@actions/core'
import { inputError } from '../errors.js'
import type { SecretTarget } from '../github/targets.js'
import type { SecretSettings } from '../github/writeback.js'
import { boolean, endpointUrl } from './read-input.js'

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * The write-back inputs. GitHub's rules for secret and variable names: letters, digits and
 * underscores, not starting with a digit nor with GITHUB_.
 */
export function secretSettings(githubToken: string): SecretSettings | undefined {
  const name = core.getInput('secret-name')
  const repository = core.getInput('secret-repository')
  const environment = core.getInput('secret-environment')
  const org = core.getInput('secret-org')
  const guard = boolean('stale-token-guard', false)
  if (!name) {
    const stray = [['github-token', githubToken], ['secret-repository', repository], ['secret-environment', environment], ['secret-org', org]].find(([, v]) => v)
    if (stray || guard) throw inputError('secret-name', `is required with '${stray ? stray[0] : 'stale-token-guard'}': it names the secret that holds the refresh token.`)
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
  return { name, githubToken, target, apiUrl, staleTokenGuard: guard }
}
