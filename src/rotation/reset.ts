import type { Api } from '../github/api.js'
import type { SecretTarget } from '../github/targets.js'
import { deleteVariable, listVariableNames } from '../github/variables.js'
import { claimVariable } from './claims.js'
import { lockVariable } from './lock.js'
import { stateVariable } from './state.js'

/**
 * Starts a new chain for a secret (after `authorize` stored a refresh token from a new consent): the
 * state, every claim and the lock go, since they describe tokens of a grant that is over. Only names
 * this action gives its variables are deleted; returns them.
 */
export async function resetRotation(api: Api, t: SecretTarget, secretName: string): Promise<string[]> {
  const claimPrefix = claimVariable(secretName, '')
  const ours = new RegExp(`^${claimPrefix}[0-9A-F]{16}(_AGAIN)?$`, 'i')
  const claims = (await listVariableNames(api, t, claimPrefix)).filter((n) => ours.test(n))
  const names = [stateVariable(secretName), lockVariable(secretName), ...claims]
  const deleted = await Promise.all(names.map(async (n) => ((await deleteVariable(api, t, n)) ? n : undefined)))
  return deleted.filter((n): n is string => n !== undefined)
}
