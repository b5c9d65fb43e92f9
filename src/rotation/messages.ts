import { ActionError, foreign } from '../errors.js'
import { describeSecret, type SecretTarget } from '../github/targets.js'
import type { ClaimSeen } from './claims.js'

/**
 * The errors that stop a run before it presents a refresh token, each saying what happened, that
 * nothing was spent, and what to do. One place, so that every path words a case the same way.
 */

const iso = (ms: number | undefined): string => (ms === undefined || Number.isNaN(new Date(ms).getTime()) ? 'an unknown time' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'))
const who = (seen: ClaimSeen): string => foreign(seen.holder ?? 'a run whose claim is unreadable')

/** The token was presented already and the provider answered: it is spent. */
export function spentToken(t: SecretTarget, name: string, sharing: boolean): ActionError {
  return new ActionError(
    'stale_token',
    `The refresh token given to this run was already presented by another run, and the provider rotated it: presenting it again could make the provider revoke the whole grant (RFC 9700 §4.14.2), so it was not sent. ` +
      `${sharing ? "No shared access token valid for 'min-validity' with the needed scopes was there to use instead. " : ''}` +
      `Start a new run: it reads ${describeSecret(t, name)} as it is now. A refresh token you stored by hand (a fallback step, or after authorizing again) is presented normally.`
  )
}

/**
 * The token was presented by a run that got no answer, or was stopped while it waited: the provider
 * may or may not have rotated it (oauth/outcome.ts). Loud, never silent.
 */
export function outcomeUnknown(t: SecretTarget, claimName: string, seen: ClaimSeen, windowMs: number): ActionError {
  const why = seen.status === 'uncertain' ? 'got no answer from the provider' : 'was stopped before it said what came of it'
  const window = windowMs > 0 && Number.isFinite(windowMs) ? ` The provider's reuse window (${Math.round(windowMs / 1000)} s) has passed, and it was presented again once already or too late.` : ''
  return new ActionError(
    'outcome_unknown',
    `The refresh token given to this run was presented at ${iso(seen.createdAt)} by ${who(seen)}, which ${why}. The provider may have rotated it, and presenting a spent refresh token can make it revoke the whole grant (RFC 9700 §4.14.2), so it was not sent.${window} ` +
      `If that run's log shows it never reached the refresh, or the provider shows no refresh at that time, delete ${describeSecret(t, claimName, 'variable')} and run again; otherwise authorize again and store the new refresh token in the secret.`
  )
}

/** Another run claimed the token and has not said what came of it, and this run cannot wait longer. */
export function stillPresenting(t: SecretTarget, claimName: string, seen: ClaimSeen): ActionError {
  return new ActionError(
    'lock_timeout',
    `The refresh token given to this run was claimed by ${who(seen)} at ${iso(seen.createdAt)} (${describeSecret(t, claimName, 'variable')}), which has not recorded what came of it: it may still be presenting it, or its record is late. It was not sent. ` +
      'Run again in a few minutes: by then that run has shared its access token or recorded the token as spent.'
  )
}

/** Before any token is presented, the secret must exist where `secret-name` says (issue 17, case 4). */
export function secretMissing(t: SecretTarget, name: string): ActionError {
  const scope = t.kind === 'organization' ? `organization ${t.org}` : t.kind === 'environment' ? `environment '${t.environment}' of ${t.repository}` : `repository ${t.repository}`
  const hint =
    t.kind === 'organization' ? '' :
    ` If ${name} is an organization secret, set 'secret-org'${t.kind === 'environment' ? ' and leave out secret-environment' : ''}: its claims and lock must live where the secret does, or two scopes would each let a run present the same token.`
  return new ActionError(
    'secret_missing',
    `${describeSecret(t, name).replace(/^the/, 'The')} does not exist: the ${scope} holds no secret by that name, so the token given to this run comes from somewhere else. Nothing was refreshed.${hint} ` +
      `Otherwise create ${name} there with the current refresh token, and read it with 'refresh-token: \${{ secrets.${name} }}'.`
  )
}
