import { ActionError, foreign } from '../errors.js'
import { describeBody, header, parseBody, type HttpResponse } from '../http.js'
import { exchange, retryWait } from '../retry.js'
import { maskCredentials, type Limits, type RefreshDeps } from './refresh.js'
import { buildRevocationRequest, type ClientAuth } from './token-request.js'

/** RFC 7009 §2.2: 200 means revoked (also for a token already invalid). Anything else is an error. */
export function revocationError(res: HttpResponse, url: URL): ActionError | undefined {
  if (res.status === 200) return undefined
  const error = parseBody(res)?.error
  const said = typeof error === 'string' ? ` ${foreign(error, 80)}` : ''
  return new ActionError('revocation', `${url.host} answered HTTP ${res.status}${said} to the revocation request: ${describeBody(res)}`, {
    status: res.status,
    retryable: retryWait(res, Date.now()) !== undefined,
    retryAfter: header(res, 'retry-after')
  })
}

/**
 * Revokes an access token (RFC 7009 §2.1), authenticated as the refresh was. The refresh token is
 * never sent: the next run needs it (though §2.1 lets a server revoke it too, and some do).
 */
export async function revokeAccessToken(url: URL, client: ClientAuth, accessToken: string, limits: Limits, deps: RefreshDeps): Promise<void> {
  const req = buildRevocationRequest(url, client, accessToken)
  maskCredentials(req, deps.mask)
  await exchange(
    {
      req,
      attempts: limits.maxAttempts,
      timeoutMs: limits.timeoutMs,
      classify: (res) => {
        const failure = revocationError(res, url)
        if (failure) throw failure
      }
    },
    deps
  )
}
