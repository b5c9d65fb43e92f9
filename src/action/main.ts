import * as core from '@actions/core'
import { ActionError } from '../errors.js'
import { preflight, type Writeback } from '../github/writeback.js'
import { resolveEndpoints } from '../oauth/endpoints.js'
import { requestTokens } from '../oauth/refresh.js'
import { checkRequiredScopes, grantedScopes } from '../oauth/scopes.js'
import { buildRefreshRequest, type ClientAuth } from '../oauth/token-request.js'
import { rotatedRefreshToken, validateTokenResponse } from '../oauth/token-response.js'
import { verifyAccessToken } from '../oauth/verify.js'
import { getInputs } from './inputs.js'
import { expiresAt, setRefreshTokenOutputs, setTokenOutputs, writeSummary } from './outputs.js'
import { deps } from './runtime.js'
import { markMainStep, saveRevokeState } from './state.js'

/**
 * The main step: inputs → endpoints → refresh → checks → outputs. The one place that turns an error
 * into the step's single `::error` annotation.
 */
export async function run(): Promise<void> {
  markMainStep()
  let rotated: string | undefined
  let writesSecret = false
  let writeback: Writeback | undefined
  try {
    const s = getInputs()
    if (s.secret) writesSecret = true
    // Both happen before any token exists, so they may overlap: the preflight proves the secret can be
    // written (never spend a token that cannot be stored), discovery finds the token endpoint.
    const secret = s.secret
    const [ep, wb] = await Promise.all([
      resolveEndpoints(s, deps),
      secret ? preflight(secret, s.refreshToken, { root: secret.apiUrl, token: secret.githubToken, timeoutMs: s.timeoutMs, deps }, core.warning) : undefined
    ])
    writeback = wb
    const where = ep.tokenUrl.host
    core.debug(`Refreshing at ${ep.tokenUrl.origin}${ep.tokenUrl.pathname} (from '${ep.source}') with ${ep.authMethod}, up to ${s.maxAttempts} attempt(s) of ${s.timeoutMs / 1000} s`)

    const client: ClientAuth = { clientId: s.clientId, clientSecret: s.clientSecret, authMethod: ep.authMethod, basicAuthEncoding: s.basicAuthEncoding }
    const { fields, attempts } = await requestTokens(buildRefreshRequest(ep.tokenUrl, client, s.refreshToken, s.scope), s, deps)
    const receivedAt = Date.now()
    rotated = rotatedRefreshToken(fields)
    if (rotated) setRefreshTokenOutputs(rotated, true)
    // Stored before any validation: the old token may be dead whatever the rest of the response says.
    await writeback?.store(rotated)
    if (writeback?.updated) core.info(`Stored the new refresh token in ${writeback.secret}.`)

    const tokens = validateTokenResponse(fields, where, ep.preset?.expiryNote)
    for (const warning of tokens.warnings) core.warning(warning)
    const granted = grantedScopes(tokens.scope, s.scope, tokens.accessToken)
    checkRequiredScopes(s.requiredScopes, granted)
    if (s.verifyUrl) {
      const status = await verifyAccessToken(s.verifyUrl, tokens.accessToken, granted.scopes.join(' '), s, deps)
      core.info(`Verified the new access token: ${s.verifyUrl.host}${s.verifyUrl.pathname} answered HTTP ${status}.`)
    }

    if (!rotated) setRefreshTokenOutputs(s.refreshToken, false)
    setTokenOutputs(s, tokens, granted, receivedAt)
    if (s.revoke && ep.revocationUrl) {
      saveRevokeState({ url: ep.revocationUrl.href, authMethod: ep.authMethod, accessToken: tokens.accessToken })
    } else if (s.revoke) {
      core.info("'revoke' is on but no revocation endpoint is known (no 'revocation-url', and none from discovery or the preset): the access token will not be revoked when the job ends.")
    }
    const expiry = expiresAt(receivedAt, tokens.expiresIn)
    core.info(`Refreshed the access token at ${where}${expiry ? `; it expires at ${expiry}` : ''}; refresh token ${rotated ? 'rotated' : 'not rotated'}.`)
    await writeSummary({ host: where, granted, expiresAt: expiry, rotated: rotated !== undefined, attempts })
  } catch (e) {
    core.setFailed(failureMessage(e, rotated !== undefined, writeback?.updated ? writeback.secret : undefined))
  } finally {
    if (writesSecret) core.setOutput('secret-updated', String(writeback?.updated ?? false))
  }
}

/** One message, no stack trace; a rotated token is pointed at, never printed. */
export function failureMessage(e: unknown, rotated: boolean, storedIn?: string): string {
  const message = e instanceof ActionError ? e.message : `Unexpected error: ${e instanceof Error ? e.message : String(e)}`
  // These already say where the new token is.
  if (!rotated || (e instanceof ActionError && (e.code === 'secret_not_stored' || e.code === 'fingerprint_not_stored'))) return message
  if (storedIn) return `${message} The provider issued a new refresh token before this failure; it is stored in ${storedIn}.`
  return `${message} The provider issued a new refresh token before this failure and the old one may no longer work: it is in this step's masked 'refresh-token' output; store it before retrying.`
}
