import * as core from '@actions/core'
import { revokeAccessToken } from '../oauth/revoke.js'
import { getInputs } from './inputs.js'
import { deps } from './runtime.js'
import { loadRevokeState, type RevokeState } from './state.js'

/**
 * The post step: revokes the access token the main step issued, when asked. A failure is a
 * warning, never a failed job: the token expires anyway.
 */
export async function runPost(): Promise<void> {
  let state: RevokeState | undefined
  try {
    state = loadRevokeState()
  } catch {
    core.warning('The saved state for revocation is unreadable; the access token was not revoked and stays valid until it expires.')
    return
  }
  if (!state) return
  const url = new URL(state.url)
  try {
    const s = getInputs()
    await revokeAccessToken(url, { clientId: s.clientId, clientSecret: s.clientSecret, authMethod: state.authMethod, basicAuthEncoding: s.basicAuthEncoding }, state.accessToken, s, deps)
    core.info(`Revoked the access token at ${url.host} (RFC 7009). The refresh token was not sent, but RFC 7009 §2.1 lets a server revoke it with the access token: see 'revoke' in the README.`)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    core.warning(`The access token was not revoked: ${message} It stays valid until it expires; the job's result is unchanged.`)
  }
}
