import type { Api } from '../github/api.js'
import { deleteSecret, orgVisibility, readPublicKey } from '../github/secrets.js'
import { describeSecret, type SecretTarget } from '../github/targets.js'
import { deleteVariable, updateVariable } from '../github/variables.js'
import { claimVariable, nonceOf, readClaimVariable, withStatus } from './claims.js'
import type { Cleanup, LeftClaim } from './cleanup.js'
import { tokenId } from './fingerprint.js'
import { deleteLock, leftLockStillHeld, lockVariable } from './lock.js'
import { readState } from './state.js'
import { storeRotation } from './store.js'

interface Log {
  readonly info: (line: string) => void
  readonly warning: (line: string) => void
}

/**
 * The post step's part of the protocol: finishes what a killed, cancelled or failed main step left
 * (cleanup.ts). It acts as the lock's holder (stores a rotated token, releases the lock) only while
 * the lock still carries that step's value and is young enough that no waiter can have taken it
 * over; it settles only that step's own claim; and it deletes only that step's probe.
 */
export async function finishLeftovers(api: Api, t: SecretTarget, name: string, left: Cleanup, log: Log): Promise<void> {
  const holding = left.lock !== undefined && (await leftLockStillHeld(api, t, name, left.lock))
  // Each part on its own: a store that fails again must not keep the lock from being released.
  const parts: (() => Promise<void>)[] = []
  if (left.rotated && holding) parts.push(() => storeLeft(api, t, name, left.rotated!, left.claim, log))
  else if (left.rotated) {
    log.warning(
      `The main step was stopped after the provider rotated the refresh token and before it was stored, and ${describeSecret(t, lockVariable(name), 'variable')} is no longer this job's, so the post step did not write the token (it could be older than one another run stored). ` +
        "It is in the main step's masked 'refresh-token' output; if the next run fails with invalid_grant, authorize again."
    )
  }
  if (left.claim) parts.push(() => settleLeftClaim(api, t, left.claim!, log))
  if (holding) {
    parts.push(async () => {
      await deleteLock(api, t, name)
      log.info(`Released ${describeSecret(t, lockVariable(name), 'variable')}, which the main step left behind.`)
    })
  }
  // The name comes from saved state: only a probe of this secret is ever deleted.
  if (left.probe?.startsWith(`${name}_PROBE_`) && /^[A-Za-z0-9_]+_PROBE_[0-9A-F]{8}$/.test(left.probe)) parts.push(() => deleteSecret(api, t, left.probe!))
  for (const part of parts) {
    try {
      await part()
    } catch (e) {
      log.warning(`Cleaning up after the main step: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
}

/** Stores, as the lock's holder, a rotated refresh token the main step could not store. */
async function storeLeft(api: Api, t: SecretTarget, name: string, rotated: string, claim: LeftClaim | undefined, log: Log): Promise<void> {
  const [key, org, state] = await Promise.all([readPublicKey(api, t, name), t.kind === 'organization' ? orgVisibility(api, t, name) : undefined, readState(api, t, name)])
  const presentedId = claim?.name.slice(`${name}_CLAIM_`.length, `${name}_CLAIM_`.length + 16) ?? tokenId(rotated)
  const nowS = Math.floor((state.serverNow ?? api.deps.now()) / 1000)
  const stored = await storeRotation(api, t, name, key, org, state, { rotated, presentedId, currentId: tokenId(rotated), claimedAtS: nowS, nowS, shared: [], claimName: describeSecret(t, claimVariable(name, presentedId), 'variable') })
  if (stored.stateError) log.warning(stored.stateError.message)
  log.info(`Stored in ${describeSecret(t, name)} the refresh token the provider rotated before the main step stopped.`)
}

/**
 * The main step's claim, if still its own: released when the token was never sent or the provider did
 * not spend it; marked `uncertain` when the step was stopped while the refresh was in flight, so later
 * runs say so rather than wait (claim-wait.ts); left as it is when the token was spent.
 */
async function settleLeftClaim(api: Api, t: SecretTarget, claim: LeftClaim, log: Log): Promise<void> {
  const current = await readClaimVariable(api, t, claim.name)
  if (!current || current.nonce === undefined || current.nonce !== nonceOf(claim.value)) return
  const where = describeSecret(t, claim.name, 'variable')
  if (!claim.presented || claim.outcome === 'unspent') {
    await deleteVariable(api, t, claim.name)
    log.info(`Deleted ${where}: the main step stopped ${claim.presented ? 'after the provider answered without spending' : 'before it presented'} the refresh token, so the next run may present it.`)
  } else if (claim.outcome === 'spent' && current.status === 'presenting') {
    await updateVariable(api, t, claim.name, withStatus(claim.value, 'spent'))
  } else if (claim.outcome === undefined && current.status === 'presenting') {
    await updateVariable(api, t, claim.name, withStatus(claim.value, 'uncertain'))
    log.warning(
      `The main step was stopped while its refresh request was in flight: the provider may have rotated the refresh token, and this job never saw the answer. ${capitalize(where)} now records that; no run will present this token again (RFC 9700 §4.14.2: a spent token presented again can revoke the whole grant), except once within a reuse window the provider documents. ` +
        'If the provider shows no refresh at this time, delete that variable and run again; otherwise authorize again.'
    )
  }
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
