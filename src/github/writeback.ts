import { randomBytes } from 'node:crypto'
import { ActionError } from '../errors.js'
import type { Api } from './api.js'
import { sealedBox } from './sealed-box.js'
import { deleteSecret, putSecret, type OrgVisibility, type PublicKey } from './secrets.js'
import { fingerprint, stateVariable, writeState, type StoredState } from './state.js'
import { apiError, describeSecret, type SecretTarget } from './targets.js'

/**
 * Proves that `github-token` may write secrets in the target before any token is spent, without
 * touching the real secret: a throw-away secret `<name>_PROBE_<random>` is written (and deleted
 * after). Rewriting the real secret with the input token would prove the same, but only after the
 * state had shown that token to be the newest, one round trip later; the probe needs nothing but
 * the public key, so it runs alongside the state read. A random suffix keeps two runs' probes apart.
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
  /** The refresh token the secret holds after this run: the rotated one, else the one presented. */
  readonly newest: string
  /** The access token to share, sealed; undefined when none is. */
  readonly shared: string | undefined
}

export interface StoreResult {
  readonly secretUpdated: boolean
  /** The secret did not exist before (201): `refresh-token` may be reading another one. */
  readonly secretCreated: boolean
  readonly sharedKept: boolean
  /** The state could not be written: thrown by the caller once it has noted that the secret is stored. */
  readonly stateError?: ActionError
}

/**
 * Stores a rotation: the secret (when the refresh token changed) and the state, together. Should
 * the secret write fail, the state already names the new token, so the next run stops as stale (or
 * takes the shared token) instead of presenting the old, now dead one and setting off reuse
 * detection (RFC 9700 §4.14.2). Should the state write fail, the secret is still stored.
 */
export async function storeRotation(api: Api, t: SecretTarget, name: string, key: PublicKey, org: OrgVisibility | undefined, state: StoredState, r: Rotation): Promise<StoreResult> {
  const secret = describeSecret(t, name)
  const variable = describeSecret(t, stateVariable(name), 'variable')
  const [secretWrite, stateWrite] = await Promise.allSettled([
    r.rotated ? putSecret(api, t, name, sealedBox(r.rotated, key.key), key, org) : undefined,
    writeState(api, t, name, { fingerprint: fingerprint(r.newest), shared: r.shared }, state.exists)
  ])
  const secretFailure =
    secretWrite.status === 'rejected' ? asActionError(secretWrite.reason) :
    secretWrite.value && secretWrite.value.status !== 201 && secretWrite.value.status !== 204 ? apiError(secretWrite.value, `Writing ${secret}`, t, 'secret', api.token) :
    undefined
  const stateFailure = stateWrite.status === 'rejected' ? asActionError(stateWrite.reason) : undefined
  if (secretFailure) {
    const guard = stateFailure ? '' : ` ${capitalize(variable)} already names the new token, so later runs stop before presenting the old one.`
    throw new ActionError(
      'secret_not_stored',
      `The provider rotated the refresh token, but storing the new one failed: ${secretFailure.message} ${capitalize(secret)} still holds the old refresh token, which probably no longer works. ` +
        `The new one is in this step's masked 'refresh-token' output: store it from a later step (if: failure()) before the job ends, or authorize again.${guard}`,
      secretFailure.details
    )
  }
  const created = secretWrite.status === 'fulfilled' && secretWrite.value?.status === 201
  const done = { secretUpdated: r.rotated !== undefined, secretCreated: created }
  if (stateFailure) {
    const stateError = new ActionError(
      'fingerprint_not_stored',
      `${r.rotated ? `The new refresh token is stored in ${secret}, but the` : 'The'} stale-token guard's record could not be updated: ${stateFailure.message} ` +
        `${capitalize(variable)} may still name an older token, so the next run could stop as stale: delete that variable (the next run records it again), and fix its permission if that is what failed.`,
      stateFailure.details
    )
    return { ...done, sharedKept: false, stateError }
  }
  return { ...done, sharedKept: stateWrite.status === 'fulfilled' && stateWrite.value }
}

function asActionError(e: unknown): ActionError {
  if (e instanceof ActionError) return e
  throw e
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
