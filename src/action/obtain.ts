import * as core from '@actions/core'
import { ActionError, foreign } from '../errors.js'
import type { Endpoints } from '../oauth/endpoints.js'
import { refreshGrant, type GrantResult, type RefreshDeps } from '../oauth/refresh.js'
import { grantedScopes } from '../oauth/scopes.js'
import { refreshTokenExpiry } from '../oauth/refresh-lifetime.js'
import { responseFields } from '../oauth/response-fields.js'
import { rotatedRefreshToken, validateTokenResponse } from '../oauth/token-response.js'
import type { Progress, Refreshed } from '../oauth/obtained.js'
import type { Settings } from './inputs.js'
import { setRefreshTokenOutputs } from './outputs.js'
import { deps as runtime } from './runtime.js'

/**
 * The refresh itself (RFC 6749 §6), shared by both paths. A rotated refresh token is put in the
 * outputs before the response is validated: RFC 6749 §6 says the client MUST discard the old one,
 * and the server may already have. Validation failures are handed back, not thrown, so the caller
 * can store the rotated token first.
 */
export async function refreshStep(s: Settings, ep: Endpoints, progress: Progress, deadline?: number, deps: RefreshDeps = runtime): Promise<Refreshed> {
  const client = { clientId: s.clientId, clientSecret: s.clientSecret, authMethod: ep.authMethod, basicAuthEncoding: s.basicAuthEncoding }
  const host = ep.tokenUrl.host
  for (const warning of ep.warnings) core.warning(warning)
  core.debug(`Refreshing at ${foreign(ep.tokenUrl.origin + ep.tokenUrl.pathname)} (from '${ep.source}') with ${ep.authMethod}, ${ep.shape.format ?? 'form'}, up to ${s.maxAttempts} attempt(s) of ${s.timeoutMs / 1000} s`)
  let grant: GrantResult
  try {
    // The preset's method comes from its provider's docs: advice to switch it would mislead.
    const methodFromPreset = s.authMethod === undefined && ep.authMethod === ep.preset?.authMethod
    grant = await refreshGrant(ep.tokenUrl, client, s.refreshToken, s.scope, { ...s, deadline }, deps, { ...ep.shape, provider: ep.preset, methodFromPreset })
  } catch (e) {
    // A public client by default: say so, in case the secret was meant to be there.
    if (e instanceof ActionError && e.code === 'invalid_client' && !s.clientSecret && !s.authMethod) {
      throw new ActionError(e.code, `${e.message} No 'client-secret' was given, so the client was sent as a public one (auth-method none); if it is confidential, check that the secret exists and reaches this workflow (secrets are not passed to workflows triggered from forks).`, e.details)
    }
    throw e
  }
  const { fields, attempts, encoding } = grant
  if (grant.fellBack) {
    core.notice(`The token endpoint at ${host} refused the client credentials form-encoded (RFC 6749 §2.3.1) and accepted them as they are: 'basic-auth-encoding: raw' worked. Set 'basic-auth-encoding: raw' to skip the refused first attempt.`)
  }
  const receivedAt = deps.now()
  // Some providers send the same refresh token back (RFC 6749 §6 lets them): not a rotation.
  const issued = rotatedRefreshToken(fields)
  const rotated = issued !== undefined && issued !== s.refreshToken ? issued : undefined
  if (rotated) {
    progress.rotated = rotated
    setRefreshTokenOutputs(rotated, true)
  }
  try {
    const tokens = validateTokenResponse(fields, host, ep.preset)
    const granted = grantedScopes(tokens.scope, s.scope, tokens.accessToken)
    const expiresAt = tokens.expiresIn === undefined ? undefined : receivedAt + tokens.expiresIn * 1000
    const refreshExpiry = refreshTokenExpiry(fields, receivedAt, rotated !== undefined, ep.preset)
    return { rotated, obtained: { source: 'refreshed', tokens, granted, expiresAt, receivedAt, attempts, host, endpoints: ep, basicAuthEncoding: encoding, refreshExpiry, responseFields: responseFields(fields) } }
  } catch (invalid) {
    if (!(invalid instanceof ActionError)) throw invalid
    return { rotated, invalid }
  }
}
