import { ActionError } from '../errors.js'
import type { Refreshed } from '../oauth/obtained.js'
import type { Presentation } from '../oauth/outcome.js'
import type { Claim } from './claims.js'
import { MAX_SHARE_MS, sealShared, type ShareContext } from './shared-token.js'

/** What settling a claim needs to know of the run. */
interface Policy {
  readonly share: boolean
  readonly refreshToken: string
  readonly needs: { readonly scope: string | undefined }
  readonly reuseWindowMs: number
  readonly spendsOnError: boolean
}

/**
 * After a refresh that failed, the claim says what came of it (oauth/outcome.ts): released when the
 * provider cannot have spent the token, so the next run may present it; `uncertain` when no answer
 * came; `spent` when the provider issued tokens this run could not read, or spends a token on any
 * answer. Returns the error to throw, with what later runs will do said once, loudly.
 */
export async function settleClaim(claim: Claim, p: Presentation, policy: Policy, error: unknown, io: { readonly warning: (line: string) => void }): Promise<unknown> {
  const message = error instanceof ActionError ? error.message : String(error)
  const rethrow = (extra: string): unknown => (error instanceof ActionError ? new ActionError(error.code, `${message} ${extra}`, error.details) : error)
  if ((p === 'unsent' || p === 'refused') && !policy.spendsOnError) {
    await claim.release().catch((e: unknown) => io.warning(unreleased(claim, { reason: e })))
    return error
  }
  const status = p === 'uncertain' ? 'uncertain' : 'spent'
  const marked = await claim.mark(status).then(
    () => true,
    () => false
  )
  const recorded = marked ? `${capitalize(claim.where)} records it` : `${capitalize(claim.where)}, created before the refresh, stands`
  if (status === 'spent') {
    return rethrow(`The provider ${p === 'refused' ? 'spends a refresh token on any answer' : 'issued tokens this run could not use'}, so the refresh token is taken as spent. ${recorded}: no run will present it again. Authorize again and store the new refresh token in the secret.`)
  }
  const window = policy.reuseWindowMs > 0 ? (Number.isFinite(policy.reuseWindowMs) ? ` except once within the provider's reuse window (${Math.round(policy.reuseWindowMs / 1000)} s)` : ' except when the next run tries (the provider accepts a refresh token again)') : ''
  return rethrow(
    `${recorded}: no run will present this token again${window}. If the provider shows no refresh at this time, delete that variable and run again; otherwise authorize again and store the new refresh token in the secret.`
  )
}

export function unreleased(claim: Claim, r: { readonly reason: unknown }): string {
  const why = r.reason instanceof Error ? r.reason.message : String(r.reason)
  return `${capitalize(claim.where)} could not be deleted: ${why} The provider did not spend the refresh token, but runs will not present it while that variable exists: delete it.`
}

/**
 * The access token to share, sealed for the runs that may open it (shared-token.ts): none when
 * sharing is off, when the response was not usable, or when its lifetime is unknown or doubtful (an
 * `expires_in` that reads as milliseconds). Its expiry is on GitHub's clock, never longer than a day.
 */
export function sharedCopies(refreshed: Refreshed, claim: Claim, policy: Policy, newest: string, ctx: ShareContext): string[] {
  const o = refreshed.obtained
  if (!policy.share || !o || refreshed.invalid || o.tokens.expiresIn === undefined || o.tokens.lifetimeDoubtful) return []
  const expiresAt = claim.githubTime(o.receivedAt ?? 0) + Math.min(o.tokens.expiresIn * 1000, MAX_SHARE_MS)
  const keys = refreshed.rotated ? [newest, policy.refreshToken] : [policy.refreshToken]
  return sealShared({ tokens: o.tokens, granted: o.granted, expiresAt, requested: policy.needs.scope }, keys, ctx)
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
