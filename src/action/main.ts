import * as core from '@actions/core'
import { ActionError, foreign, type ErrorCode } from '../errors.js'
import { resolveEndpoints } from '../oauth/endpoints.js'
import { presentationOf } from '../oauth/outcome.js'
import { checkRequiredScopes } from '../oauth/scopes.js'
import { verifyAccessToken } from '../oauth/verify.js'
import { authorizeAgain } from './authorize-command.js'
import { getInputs, type Settings } from './inputs.js'
import { reportRefreshTokenLifetime } from './lifetime.js'
import { refreshStep } from './obtain.js'
import type { Obtained, Progress } from '../oauth/obtained.js'
import { isoSeconds, setRefreshTokenOutputs, setTokenOutputs, writeSummary } from './outputs.js'
import { deps, handleCancel } from './runtime.js'
import { markMainStep, saveRevokeState } from './state.js'

/**
 * The main step: inputs → a token (refreshed, or shared by another run) → checks → outputs. The one
 * place that turns an error into the step's single `::error` annotation.
 */
export async function run(): Promise<void> {
  markMainStep()
  handleCancel()
  const progress: Progress = {}
  let writesSecret = false
  let s: Settings | undefined
  try {
    s = getInputs()
    writesSecret = s.secret !== undefined
    // The rotation machinery (lock, claims, GitHub API, sealing) is loaded only when it is used: a run
    // without secret-name starts without parsing it (BENCHMARKS.md, start-up target).
    const got = s.secret ? await (await import('./guarded.js')).guardedRefresh(s, s.secret, progress) : await plainRefresh(s, progress)
    await finish(s, got, progress)
  } catch (e) {
    core.setFailed(failureMessage(e, progress, s))
  } finally {
    // Said even after a failure; an unwritable output file must not turn into a stack trace.
    if (writesSecret) {
      try {
        core.setOutput('secret-updated', String(progress.storedIn !== undefined))
      } catch (e) {
        core.setFailed(failureMessage(e, progress))
      }
    }
  }
}

/** Without `secret-name`: find the endpoint, refresh, and hand the rotated token to the workflow. */
async function plainRefresh(s: Settings, progress: Progress): Promise<Obtained> {
  const refreshed = await refreshStep(s, await resolveEndpoints(s, deps), progress).catch((e: unknown) => {
    // The token may be spent and the new one lost: one more try is all there is (no claim to consult).
    if (e instanceof ActionError && presentationOf(e) === 'uncertain' && s.reuseWindowMs === 0) throw new ActionError(e.code, `${e.message} Run again; if that answers invalid_grant, authorize again.`, e.details)
    throw e
  })
  if (refreshed.invalid !== undefined) throw refreshed.invalid
  return refreshed.obtained!
}

async function finish(s: Settings, got: Obtained, progress: Progress): Promise<void> {
  for (const warning of got.tokens.warnings) core.warning(warning)
  // A shared token was only taken if it carries them (shared-token.ts usable()).
  if (got.source === 'refreshed') checkRequiredScopes(s.requiredScopes, got.granted)
  if (s.verifyUrl) {
    const status = await verifyAccessToken(s.verifyUrl, got.tokens.accessToken, got.granted.scopes.join(' '), s, deps)
    core.info(`Verified the ${got.source === 'shared' ? 'shared' : 'new'} access token: ${s.verifyUrl.host}${s.verifyUrl.pathname} answered HTTP ${status}.`)
  }
  if (got.source === 'shared') core.setOutput('refresh-token-rotated', 'false')
  else if (!progress.rotated) setRefreshTokenOutputs(s.refreshToken, false)
  setTokenOutputs(s, got, Date.now())
  const refreshTokenExpires = reportRefreshTokenLifetime(got, s.refreshTokenWarnDays ?? 14, Date.now())
  const revocationUrl = got.endpoints?.revocationUrl
  if (s.revoke && revocationUrl) {
    saveRevokeState({ url: revocationUrl.href, authMethod: got.endpoints.authMethod, basicAuthEncoding: got.basicAuthEncoding ?? 'form', accessToken: got.tokens.accessToken })
  } else if (s.revoke) {
    core.info("'revoke' is on but no revocation endpoint is known (no 'revocation-url', and none from discovery or the preset): the access token will not be revoked when the job ends.")
  }
  const expiry = isoSeconds(got.expiresAt)
  if (got.source === 'shared') {
    core.info(`Took the access token another run refreshed at ${got.host} and shared${expiry ? `; it expires at ${expiry}` : ''}. Nothing was refreshed, so this run's refresh token was not used.`)
  } else {
    core.info(`Refreshed the access token at ${got.host}${expiry ? `; it expires at ${expiry}` : ''}; refresh token ${progress.rotated ? 'rotated' : 'not rotated'}.`)
  }
  try {
    await writeSummary({ host: got.host, tokenType: got.tokens.tokenType, granted: got.granted, expiresAt: expiry, source: got.source, rotated: progress.rotated !== undefined, attempts: got.attempts, refreshTokenExpires })
  } catch (e) {
    // The token is out already: a summary that cannot be written is not worth failing the step.
    core.warning(`The job summary could not be written: ${e instanceof Error ? foreign(e.message) : foreign(e)}`)
  }
}

/** The codes that say the chain is lost (token-response.ts, rotation/messages.ts): only a new consent recovers. */
const CHAIN_LOST: readonly ErrorCode[] = ['invalid_grant', 'outcome_unknown']

/** One message, no stack trace; a rotated token is pointed at, never printed. */
export function failureMessage(e: unknown, progress: Progress, s?: Settings): string {
  // Not an ActionError is a bug of ours: still one line, still no stack trace, still sanitized.
  const said = e instanceof ActionError ? e.message : `Unexpected error: ${foreign(e instanceof Error ? e.message : e)}`
  const message = s && e instanceof ActionError && CHAIN_LOST.includes(e.code) ? `${said} ${authorizeAgain(s)}` : said
  // These already say where the new token is.
  if (!progress.rotated || (e instanceof ActionError && e.code === 'secret_not_stored')) return message
  if (progress.storedIn) return `${message} The provider issued a new refresh token before this failure; it is stored in ${progress.storedIn}.`
  return `${message} The provider issued a new refresh token before this failure and the old one may no longer work: it is in this step's masked 'refresh-token' output; store it before retrying.`
}
