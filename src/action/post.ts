import * as core from '@actions/core'
import { foreign } from '../errors.js'
import type { Api } from '../github/api.js'
import { deleteLock, leftLockStillHeld, lockVariable } from '../github/lock.js'
import { deleteSecret, orgVisibility, readPublicKey } from '../github/secrets.js'
import { readState } from '../github/state.js'
import { storeRotation } from '../github/writeback.js'
import { describeSecret, type SecretTarget } from '../github/targets.js'
import { revokeAccessToken } from '../oauth/revoke.js'
import { number, required } from './read-input.js'
import { deps, mask } from './runtime.js'
import { githubApiUrl, secretTarget } from './secret-inputs.js'
import { loadCleanup, loadRevokeState } from './state.js'

/**
 * The post step, for whatever the main step left: a lock and a write probe it could not clean up
 * (it was killed or cancelled), and the revocation it was asked for. It reads only the inputs each
 * of these needs, and trusts nothing it reads back. A failure is a warning, never a failed job.
 */
export async function runPost(): Promise<void> {
  await cleanUp()
  await revoke()
}

async function cleanUp(): Promise<void> {
  const left = loadCleanup()
  if (!left.lock && !left.probe) return
  try {
    const token = core.getInput('github-token')
    mask(token)
    const name = required('secret-name')
    const t = secretTarget()
    const api: Api = { root: githubApiUrl(), token, timeoutMs: 30_000, deps }
    // Only this job's own claim, and only while it surely lives: an expired lock may be being taken
    // over right now, and a lock with another claim is another run's.
    const holding = left.lock !== undefined && (await leftLockStillHeld(api, t, name, left.lock))
    if (holding && left.rotated) await storeLeftToken(api, t, name, left.rotated)
    else if (left.rotated) {
      core.warning(
        `The main step was stopped after the provider rotated the refresh token and before it was stored, and ${describeSecret(t, lockVariable(name), 'variable')} is no longer this job's, so the post step did not write the token (it could be older than one another run stored). ` +
          "It is in the main step's masked 'refresh-token' output; if the next run fails with invalid_grant, authorize again."
      )
    }
    if (holding) {
      await deleteLock(api, t, name)
      core.info(`Released ${describeSecret(t, lockVariable(name), 'variable')}, which the main step left behind.`)
    }
    // The name comes from saved state: only a probe of this secret is ever deleted.
    if (left.probe?.startsWith(`${name}_PROBE_`) && /^[A-Za-z0-9_]+_PROBE_[0-9A-F]{8}$/.test(left.probe)) await deleteSecret(api, t, left.probe)
  } catch (e) {
    core.warning(`Cleaning up after the main step failed: ${e instanceof Error ? e.message : foreign(e)} A lock left behind expires by itself.`)
  }
}

/** Stores, as the lock's holder, a rotated refresh token the killed main step could not store. */
async function storeLeftToken(api: Api, t: SecretTarget, name: string, rotated: string): Promise<void> {
  const [key, org, state] = await Promise.all([readPublicKey(api, t, name), t.kind === 'organization' ? orgVisibility(api, t, name) : undefined, readState(api, t, name)])
  const stored = await storeRotation(api, t, name, key, org, state, { rotated, newest: rotated, shared: undefined })
  if (stored.stateError) throw stored.stateError
  core.info(`Stored in ${describeSecret(t, name)} the refresh token the provider rotated before the main step was stopped.`)
}

async function revoke(): Promise<void> {
  let state: ReturnType<typeof loadRevokeState>
  try {
    state = loadRevokeState()
  } catch {
    core.warning('The saved state for revocation is unreadable; the access token was not revoked and stays valid until it expires.')
    return
  }
  if (!state) return
  try {
    const clientSecret = core.getInput('client-secret')
    mask(clientSecret)
    const client = { clientId: required('client-id'), clientSecret, authMethod: state.authMethod, basicAuthEncoding: state.basicAuthEncoding }
    const limits = { timeoutMs: number('timeout-seconds', 30, 1, 600) * 1000, maxAttempts: number('max-attempts', 3, 1, 10, true) }
    await revokeAccessToken(state.url, client, state.accessToken, limits, deps)
    core.info(`Revoked the access token at ${state.url.host} (RFC 7009). The refresh token was not sent, but RFC 7009 §2.1 lets a server revoke it with the access token: see 'revoke' in the README.`)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    core.warning(`The access token was not revoked: ${message} It stays valid until it expires; the job's result is unchanged.`)
  }
}
