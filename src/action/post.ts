import * as core from '@actions/core'
import { foreign } from '../errors.js'
import type { Api } from '../github/api.js'
import { revokeAccessToken } from '../oauth/revoke.js'
import { finishLeftovers } from '../rotation/leftovers.js'
import { number, required } from './read-input.js'
import { deps, mask } from './runtime.js'
import { githubApiUrl, secretTarget } from './secret-inputs.js'
import { loadCleanup, loadRevokeState } from './state.js'

/**
 * The post step, for whatever the main step left: a lock, a claim, a write probe or a rotated token it
 * could not finish with (it was killed, cancelled, or GitHub failed), and the revocation it was asked for. It reads only the inputs each
 * of these needs, and trusts nothing it reads back. A failure is a warning, never a failed job.
 */
export async function run(): Promise<void> {
  await cleanUp()
  await revoke()
}

async function cleanUp(): Promise<void> {
  const left = loadCleanup()
  if (!left.lock && !left.probe && !left.claim) return
  try {
    const token = core.getInput('github-token')
    mask(token)
    const api: Api = { root: githubApiUrl(), token, timeoutMs: 30_000, deps }
    await finishLeftovers(api, secretTarget(), required('secret-name'), left, { info: core.info, warning: core.warning })
  } catch (e) {
    core.warning(`Cleaning up after the main step failed: ${e instanceof Error ? e.message : foreign(e)} A lock left behind is taken over by the next run that watches it unchanged for its lifetime.`)
  }
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
