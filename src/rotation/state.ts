import { ActionError, foreign } from '../errors.js'
import type { Api } from '../github/api.js'
import { describeSecret, type SecretTarget } from '../github/targets.js'
import { createVariable, readVariable, updateVariable } from '../github/variables.js'
import { idFromV1 } from './fingerprint.js'

/**
 * The rotation state next to the secret, in the Actions variable `<secret>_STATE`: which token the
 * secret holds, which tokens were spent (the history behind the claims, claims.ts), and the shared
 * access token, sealed (shared-token.ts). Variables are readable by every collaborator, so nothing
 * here is a token in plaintext: ids are fingerprints (fingerprint.ts).
 *
 * A read may return the value from before the last write (GitHub documents no read-after-write
 * consistency), and two writers can each write what they read plus their own change: this variable
 * is a history and a convenience, never the barrier. The barrier is the claim, an atomic create.
 */
export const stateVariable = (secretName: string): string => `${secretName}_STATE`

const MARK_V1 = 'oauth-refresh-action:state:v1 '
const MARK = 'oauth-refresh-action:state:v2 '
/** GitHub's limit on a variable's value. */
const MAX_VALUE_BYTES = 48 * 1024

/**
 * Retention. A claim variable outlives the moment its token is recorded here by an hour, far more
 * than any read lags a write; then the entry here keeps the token blocked for 30 days (longer than
 * any job can hold a token it read: 6 h on GitHub-hosted runners, 5 days self-hosted), or for the
 * last 1,000 spent tokens when they come faster than that. One run deletes at most one claim, so
 * the claims alive stay about the number of rotations in an hour.
 */
export const CLAIM_KEEP_S = 3600
export const SPENT_KEEP_S = 30 * 86_400
export const MAX_SPENT = 1000
const PRUNE_PER_RUN = 1

export interface Spent {
  /** tokenId() of a refresh token some run presented and the provider answered or may have. */
  readonly id: string
  /** When it was claimed, in seconds by GitHub's clock. */
  readonly at: number
  /** Its claim variable may still exist (deleted once CLAIM_KEEP_S has passed). */
  readonly claim: boolean
  /** So may its `_AGAIN` claim: it was presented once more, inside a reuse window (claim-wait.ts). */
  readonly again?: boolean
}

export interface RotationState {
  /** tokenId() of the refresh token the secret was last written with. */
  readonly current: string | undefined
  /** Oldest first. */
  readonly spent: readonly Spent[]
  /** The shared access token, sealed once per key that may open it (shared-token.ts). */
  readonly shared: readonly string[]
}

export interface StoredState extends RotationState {
  readonly exists: boolean
  /** GitHub's clock when it answered the read (its `Date`): what a shared token's expiry is judged by. */
  readonly serverNow?: number
}

export const EMPTY_STATE: StoredState = { exists: false, current: undefined, spent: [], shared: [] }

const ID = /^[0-9A-F]{16}$/

export function encodeState(s: RotationState): string {
  return MARK + JSON.stringify({ current: s.current, spent: s.spent.map((e) => [e.id, e.at, e.claim ? (e.again ? 2 : 1) : 0]), shared: s.shared })
}

/** Reads the value back; one the action did not write is never taken for its own, nor overwritten. */
export function decodeState(value: string, where: string): RotationState {
  if (!value.startsWith(MARK) && !value.startsWith(MARK_V1)) {
    throw new ActionError(
      'foreign_variable',
      `${capitalize(where)} exists but was not written by this action (its value does not start with '${MARK.trim()}'; it starts '${foreign(value, 24)}'). The action never overwrites a variable it did not write: rename that variable, or choose another 'secret-name'.`
    )
  }
  const v1 = value.startsWith(MARK_V1)
  const state = parse(value.slice((v1 ? MARK_V1 : MARK).length), v1)
  if (!state) {
    throw new ActionError(
      'state_unreadable',
      `${capitalize(where)} holds state this action cannot read, so this run cannot tell which refresh tokens were spent. Nothing was refreshed. ` +
        'If no other run is active and the secret holds the newest refresh token, delete the variable and run again: the claim variables of the last hour still keep those tokens from being presented, older spent tokens are no longer recognised.'
    )
  }
  return state
}

function parse(text: string, v1: boolean): RotationState | undefined {
  let p: unknown
  try {
    p = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return undefined
  const o = p as Record<string, unknown>
  // Version 1 kept a 128-bit fingerprint and a token sealed under the client secret, which no key of
  // version 2 opens: only which token the secret holds carries over.
  if (v1) {
    if (o.fingerprint === undefined) return { current: undefined, spent: [], shared: [] }
    const current = typeof o.fingerprint === 'string' ? idFromV1(o.fingerprint) : undefined
    return current ? { current, spent: [], shared: [] } : undefined
  }
  const { current, spent, shared } = o
  if (current !== undefined && (typeof current !== 'string' || !ID.test(current))) return undefined
  if (!Array.isArray(spent) || !Array.isArray(shared) || !shared.every((x) => typeof x === 'string')) return undefined
  const entries: Spent[] = []
  for (const e of spent as unknown[]) {
    if (!Array.isArray(e) || e.length !== 3) return undefined
    const [id, at, claim] = e as unknown[]
    if (typeof id !== 'string' || !ID.test(id) || !Number.isSafeInteger(at) || (at as number) < 0 || (claim !== 0 && claim !== 1 && claim !== 2)) return undefined
    entries.push(claim === 2 ? { id, at: at as number, claim: true, again: true } : { id, at: at as number, claim: claim === 1 })
  }
  return { current, spent: entries, shared }
}

export async function readState(api: Api, t: SecretTarget, secretName: string): Promise<StoredState> {
  const name = stateVariable(secretName)
  const variable = await readVariable(api, t, name)
  if (!variable) return EMPTY_STATE
  return { exists: true, serverNow: variable.serverNow, ...decodeState(variable.value, describeSecret(t, name, 'variable')) }
}

/** Whether the state records this token as spent. */
export const isSpent = (s: RotationState, id: string): boolean => s.spent.some((e) => e.id === id)

/** A claim to delete, and whether its `_AGAIN` claim goes with it. */
export interface Pruned {
  readonly id: string
  readonly again: boolean
}

export interface Rotated {
  /** tokenId() of the token this run presented, when the provider rotated it (it is spent now). */
  readonly spentId: string | undefined
  /** When it was claimed, seconds by GitHub's clock. */
  readonly at: number
  /** It was a re-presentation through the `_AGAIN` claim. */
  readonly again?: boolean
  /** tokenId() of the token the secret holds after this run. */
  readonly currentId: string
  readonly shared: readonly string[]
  /** Now, seconds by GitHub's clock. */
  readonly nowS: number
}

/**
 * The state after a rotation, and the claims this run deletes (`prune`): those recorded here for
 * longer than CLAIM_KEEP_S, at most PRUNE_PER_RUN, marked as gone in the state written first so that
 * a failed delete leaves a variable behind, never a token unblocked.
 */
export function afterRotation(prev: RotationState, r: Rotated): { state: RotationState; prune: Pruned[] } {
  const prune: Pruned[] = []
  let spent = prev.spent.map((e): Spent => {
    if (!e.claim || r.nowS - e.at < CLAIM_KEEP_S || prune.length >= PRUNE_PER_RUN) return e
    prune.push({ id: e.id, again: e.again === true })
    return { id: e.id, at: e.at, claim: false }
  })
  if (r.spentId !== undefined && !isSpent(prev, r.spentId)) spent.push({ id: r.spentId, at: r.at, claim: true, ...(r.again ? { again: true } : {}) })
  // The token the state last named was replaced since (a run whose state write failed, or a token
  // stored by hand): it is spent too, and its claim, if any, is pruned in its turn.
  const before = prev.current
  if (before !== undefined && before !== r.currentId && before !== r.spentId && !isSpent(prev, before)) spent.push({ id: before, at: r.nowS, claim: true })
  spent = spent.filter((e) => e.claim || r.nowS - e.at < SPENT_KEEP_S)
  while (spent.length > MAX_SPENT) {
    const oldest = spent.findIndex((e) => !e.claim)
    if (oldest === -1) break
    spent.splice(oldest, 1)
  }
  return { state: { current: r.currentId, spent, shared: r.shared }, prune }
}

/**
 * Writes the state: PATCH when it exists, POST when not (and the other when GitHub says the guess
 * was wrong). Too large for a variable: the shared token goes first (other runs then refresh for
 * themselves), then the oldest spent entries whose claims are gone. Returns whether the shared
 * token was kept.
 */
export async function writeState(api: Api, t: SecretTarget, secretName: string, s: RotationState, exists: boolean): Promise<boolean> {
  const name = stateVariable(secretName)
  const fitted = fit(s)
  const value = encodeState(fitted)
  const written =
    exists ? (await updateVariable(api, t, name, value)) || (await createVariable(api, t, name, value)) :
    (await createVariable(api, t, name, value)) ||
    // Created since this run read it: overwrite only what this action wrote (decodeState throws otherwise).
    ((await readState(api, t, secretName)) && (await updateVariable(api, t, name, value)))
  if (!written) throw new ActionError('github_api', `Writing ${describeSecret(t, name, 'variable')} kept meeting a variable that came and went; the action will not guess which value stands.`)
  return fitted.shared.length === s.shared.length
}

function fit(s: RotationState): RotationState {
  const size = (x: RotationState): number => Buffer.byteLength(encodeState(x))
  if (size(s) <= MAX_VALUE_BYTES) return s
  const spent = [...s.spent]
  const out = { ...s, shared: [] as string[], spent }
  while (size(out) > MAX_VALUE_BYTES) {
    const oldest = spent.findIndex((e) => !e.claim)
    if (oldest === -1) break
    spent.splice(oldest, 1)
  }
  return out
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
