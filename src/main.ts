import * as core from '@actions/core'
import { setTimeout as sleep } from 'node:timers/promises'
import { ActionError } from './errors.js'
import { send } from './http.js'
import { getInputs } from './inputs.js'
import { expiresAt, setRefreshTokenOutputs, setTokenOutputs, writeSummary } from './outputs.js'
import { requestTokens } from './refresh.js'
import { checkRequiredScopes, grantedScopes } from './scopes.js'
import { rotatedRefreshToken, validateTokenResponse } from './token-response.js'
import { preflight, type Writeback } from './writeback.js'

/**
 * The main step: inputs → refresh → outputs. The one place that turns an error into the step's
 * single `::error` annotation.
 */
export async function run(): Promise<void> {
  let rotated: string | undefined
  let writesSecret = false
  let writeback: Writeback | undefined
  try {
    const s = getInputs()
    const where = s.tokenUrl.host
    core.debug(`Refreshing at ${s.tokenUrl.origin}${s.tokenUrl.pathname} with ${s.authMethod}, up to ${s.maxAttempts} attempt(s) of ${s.timeoutMs / 1000} s`)
    const deps = { send, mask: core.setSecret, info: core.info, sleep: (ms: number) => sleep(ms), now: Date.now }

    // Never spend a token that cannot be stored: prove the secret is writable before the refresh.
    if (s.secret) {
      writesSecret = true
      writeback = await preflight(s.secret, s.refreshToken, { root: s.secret.apiUrl, token: s.secret.githubToken, timeoutMs: s.timeoutMs, deps }, core.warning)
    }
    const { fields, attempts } = await requestTokens(s, deps)
    const receivedAt = Date.now()
    rotated = rotatedRefreshToken(fields)
    if (rotated) setRefreshTokenOutputs(rotated, true)
    // Stored before any validation: the old token may be dead whatever the rest of the response says.
    await writeback?.store(rotated)
    if (writeback?.updated) core.info(`Stored the new refresh token in ${writeback.secret}.`)

    const tokens = validateTokenResponse(fields, where)
    for (const warning of tokens.warnings) core.warning(warning)
    const granted = grantedScopes(tokens.scope, s.scope, tokens.accessToken)
    checkRequiredScopes(s.requiredScopes, granted)

    if (!rotated) setRefreshTokenOutputs(s.refreshToken, false)
    setTokenOutputs(s, tokens, granted, receivedAt)
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
