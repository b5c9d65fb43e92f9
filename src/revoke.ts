import * as core from '@actions/core'
import { ActionError } from './errors.js'
import { header, type HttpResponse, type Send } from './http.js'
import { AUTH_METHODS, getInputs, type AuthMethod } from './inputs.js'
import { maskCredentials } from './refresh.js'
import { RETRYABLE_STATUSES, withRetries, type RetryDeps } from './retry.js'
import { buildRevocationRequest } from './token-request.js'
import { describeBody, parseBody } from './token-response.js'

/** State the main step hands to the post step (GITHUB_STATE: a file, never printed). */
export const REVOKE_STATE = 'revoke'
export interface RevokeState {
  readonly url: string
  readonly authMethod: AuthMethod
  readonly accessToken: string
}

/** RFC 7009 §2.2: 200 means revoked (also for a token already invalid). Anything else is an error. */
export function revocationError(res: HttpResponse, url: URL): ActionError | undefined {
  if (res.status === 200) return undefined
  const error = parseBody(res)?.error
  const said = typeof error === 'string' ? ` ${error}` : ''
  return new ActionError('revocation', `${url.host} answered HTTP ${res.status}${said} to the revocation request: ${describeBody(res)}`, {
    status: res.status,
    retryable: RETRYABLE_STATUSES.has(res.status),
    retryAfter: header(res, 'retry-after')
  })
}

/**
 * The post step: revokes the access token the main step issued. The refresh token is never sent: the
 * next run needs it (though RFC 7009 §2.1 lets a server revoke it too, and some do). A failure is a
 * warning, never a failed job: the token expires anyway.
 */
export async function post(deps: RetryDeps & { send: Send }): Promise<void> {
  const saved = core.getState(REVOKE_STATE)
  if (!saved) return
  let state: RevokeState
  try {
    state = JSON.parse(saved) as RevokeState
    core.setSecret(state.accessToken)
    if (!AUTH_METHODS.includes(state.authMethod)) throw new Error('unknown auth method')
  } catch {
    core.warning('The saved state for revocation is unreadable; the access token was not revoked and stays valid until it expires.')
    return
  }
  const url = new URL(state.url)
  try {
    const s = getInputs()
    const req = buildRevocationRequest(url, { ...s, authMethod: state.authMethod }, state.accessToken)
    maskCredentials(req, core.setSecret)
    await withRetries(s.maxAttempts, deps, async () => {
      const failure = revocationError(await deps.send(req, { timeoutMs: s.timeoutMs }), url)
      if (failure) throw failure
    })
    core.info(`Revoked the access token at ${url.host} (RFC 7009). The refresh token was not sent, but RFC 7009 §2.1 lets a server revoke it with the access token: see 'revoke' in the README.`)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    core.warning(`The access token was not revoked: ${message} It stays valid until it expires; the job's result is unchanged.`)
  }
}
