import { randomBytes } from 'node:crypto'
import { ActionError } from '../errors.js'
import type { Api } from '../github/api.js'
import { sealedBox } from '../github/sealed-box.js'
import { deleteSecret, putSecret, type OrgVisibility, type PublicKey } from '../github/secrets.js'
import { apiError, describeSecret, type SecretTarget } from '../github/targets.js'
import { afterRotation, stateVariable, writeState, type Pruned, type RotationState } from './state.js'

/**
 * Proves that `github-token` may write secrets in the target before any token is spent, without
 * touching the real secret: a throw-away secret `<name>_PROBE_<random>` is written (and deleted
 * after). Rewriting the real secret with the input token would prove the same, but only once the
 * input token is known to be the newest, one round trip later; the probe needs nothing but the
 * public key, so it runs alongside the claim. A random suffix keeps two runs' probes apart.
 */
export async function proveWritable(api: Api, t: SecretTarget, name: string, key: PublicKey): Promise<{ name: string; remove: () => Promise<void> }> {
  const probe = `${name}_PROBE_${randomBytes(4).toString('hex').toUpperCase()}`
  const res = await putSecret(api, t, probe, sealedBox('write probe of oauth-refresh-action; safe to delete', key.key), key, t.kind === 'organization' ? { visibility: 'selected', repositoryIds: [] } : undefined)
  if (res.status !== 201 && res.status !== 204) {
    throw apiError(res, `Writing ${describeSecret(t, probe)} (a throw-away secret that proves 'github-token' may write ${name} before the refresh)`, t, 'secret', api.token)
  }
  return { name: probe, remove: () => deleteSecret(api, t, probe) }
}

export interface Rotation {
  /** The refresh token the provider just issued, when it differs from the one presented. */
  readonly rotated: string | undefined
  /** tokenId() of the token presented, and of the one the secret holds after this run. */
  readonly presentedId: string
  readonly currentId: string
  /** When the presented token was claimed, and now, in seconds by GitHub's clock. */
  readonly claimedAtS: number
  /** It was presented once more, through the `_AGAIN` claim. */
  readonly again?: boolean
  readonly nowS: number
  /** The access token to share, sealed once per key; empty when none is. */
  readonly shared: readonly string[]
  /** The claim that keeps the spent token from being presented, for messages. */
  readonly claimName: string
}

export interface StoreResult {
  readonly secretUpdated: boolean
  /** The secret did not exist before (201): should not happen, the run checked it exists. */
  readonly secretCreated: boolean
  readonly sharedKept: boolean
  /** Claims whose tokens the state written here records as spent for long enough: to delete now. */
  readonly prune: readonly Pruned[]
  /** The state could not be written: a warning, since the claim alone keeps the spent token blocked. */
  readonly stateError?: ActionError
}

/**
 * Stores a rotation: the secret (when the refresh token changed) and the state, together. Whatever
 * fails, the claim created before the refresh keeps the spent token from being presented again; a
 * failed secret write leaves the new token in the step's output and the post step (rotate.ts).
 */
export async function storeRotation(api: Api, t: SecretTarget, name: string, key: PublicKey, org: OrgVisibility | undefined, prev: RotationState & { readonly exists: boolean }, r: Rotation): Promise<StoreResult> {
  const secret = describeSecret(t, name)
  const next = afterRotation(prev, { spentId: r.rotated ? r.presentedId : undefined, at: r.claimedAtS, again: r.again, currentId: r.currentId, shared: r.shared, nowS: r.nowS })
  const [secretWrite, stateWrite] = await Promise.allSettled([
    r.rotated ? putSecret(api, t, name, sealedBox(r.rotated, key.key), key, org) : undefined,
    writeState(api, t, name, next.state, prev.exists)
  ])
  const secretFailure =
    secretWrite.status === 'rejected' ? asActionError(secretWrite.reason) :
    secretWrite.value && secretWrite.value.status !== 201 && secretWrite.value.status !== 204 ? apiError(secretWrite.value, `Writing ${secret}`, t, 'secret', api.token) :
    undefined
  const stateFailure = stateWrite.status === 'rejected' ? asActionError(stateWrite.reason) : undefined
  if (secretFailure) {
    throw new ActionError(
      'secret_not_stored',
      `The provider rotated the refresh token, but storing the new one failed: ${secretFailure.message} ${capitalize(secret)} still holds the old refresh token, which the provider has spent; ` +
        `${r.claimName} keeps every run from presenting it again. The new one is in this step's masked 'refresh-token' output: the post step tries once more to store it, ` +
        `or store it from a later step (if: failure()) before the job ends; a token stored by hand is presented normally by the next run. Otherwise authorize again.`,
      secretFailure.details
    )
  }
  const done = { secretUpdated: r.rotated !== undefined, secretCreated: secretWrite.status === 'fulfilled' && secretWrite.value?.status === 201 }
  if (stateFailure) {
    const stateError = new ActionError(
      'state_not_stored',
      `${r.rotated ? `The new refresh token is stored in ${secret}, but the` : 'The'} rotation state (${describeSecret(t, stateVariable(name), 'variable')}) could not be updated: ${stateFailure.message} ` +
        `The spent token stays blocked by ${r.claimName}; no access token is shared until a later run updates the state.`,
      stateFailure.details
    )
    return { ...done, sharedKept: false, prune: [], stateError }
  }
  return { ...done, sharedKept: stateWrite.status === 'fulfilled' && stateWrite.value && r.shared.length > 0, prune: next.prune }
}

function asActionError(e: unknown): ActionError {
  if (e instanceof ActionError) return e
  throw e
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
