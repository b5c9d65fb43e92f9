import { ActionError } from '../errors.js'
import type { Api } from '../github/api.js'
import { orgVisibility, readPublicKey, secretExists } from '../github/secrets.js'
import { describeSecret, type SecretTarget } from '../github/targets.js'
import type { Variable } from '../github/variables.js'
import type { Refreshed } from '../oauth/obtained.js'
import { presentationOf } from '../oauth/outcome.js'
import type { RefreshDeps } from '../oauth/refresh.js'
import { claimTaken } from './claim-wait.js'
import { Claim, pruneClaim } from './claims.js'
import type { Cleanup } from './cleanup.js'
import { tokenId } from './fingerprint.js'
import { CrossRunLock } from './lock.js'
import { lockRound, waitForLock, type AcquireOptions, type Round } from './lock-wait.js'
import { secretMissing, spentToken } from './messages.js'
import { settleClaim, sharedCopies, unreleased } from './presented.js'
import { openShared, usable, type ShareNeeds, type SharedToken } from './shared-token.js'
import { EMPTY_STATE, isSpent, readState, type Pruned, type StoredState } from './state.js'
import { proveWritable, storeRotation } from './store.js'

/** Time kept free between the end of this run's work under the lock and the lock's deadline. */
export const LOCK_MARGIN_MS = 10_000
/** How long a claim's record may lag behind its claimant (claim-wait.ts). */
const CLAIM_SETTLE_MS = 30_000

export interface RotationParams {
  readonly api: Api
  readonly target: SecretTarget
  readonly secretName: string
  readonly refreshToken: string
  readonly clientId: string
  /** This run, for other runs' messages; its nonce, the same in its lock and its claims. */
  readonly holder: string
  readonly nonce: string
  /** The lock's lifetime: this run's worst case under it (rotation-ttl.ts). */
  readonly ttlMs: number
  readonly lock: boolean
  readonly lockWaitMs: number
  /** `stale-token-guard`: never present a token the state or a claim says is spent. */
  readonly guard: boolean
  readonly share: boolean
  readonly needs: ShareNeeds
  /** The provider's reuse window (oauth/outcome.ts), and whether any answer spends the token. */
  readonly reuseWindowMs: number
  readonly spendsOnError: boolean
  /** What the store after the refresh needs under the lock: every GitHub attempt of it. */
  readonly storeReserveMs: number
}

export interface RotationIO<E> {
  /** Where to refresh (discovery, when asked for, runs alongside the first round trip). */
  readonly endpoints: () => Promise<E>
  /** Presents the token (the action's refresh step); `deadline` bounds its retries. */
  readonly refresh: (ep: E, deadline: number | undefined) => Promise<Refreshed>
  readonly info: (line: string) => void
  readonly warning: (line: string) => void
  /** Saves what the post step must finish should this step be killed (GITHUB_STATE). */
  readonly save: (c: Cleanup) => void
  /** Runs work that a cancellation must not cut short (a rotated token on its way into the secret). */
  readonly critically: <T>(work: () => Promise<T>) => Promise<T>
  readonly deps: RefreshDeps
}

export type Outcome<E> =
  | { readonly kind: 'shared'; readonly shared: SharedToken; readonly ep: E }
  | { readonly kind: 'refreshed'; readonly refreshed: Refreshed; readonly ep: E; readonly storedIn: string | undefined }

/**
 * A refresh that keeps a rotating refresh token alive in a GitHub secret while any number of runs
 * share it (RFC 9700 §4.14.2: presenting a spent refresh token can revoke the whole grant). Five
 * round trips when it refreshes:
 *   1. the lock and the state (a shared token?), the public key, the endpoints;
 *   2. the claim on this token, the write probe, and that the secret exists there;
 *   3. the refresh;
 *   4. the secret and the state, and the lock read back (to release only this run's);
 *   5. the lock released, the probe deleted, an old claim pruned.
 * A run that finds a shared token valid long enough stops after the first (or after waiting).
 */
export async function rotate<E>(p: RotationParams, io: RotationIO<E>): Promise<Outcome<E>> {
  const { api, target: t, secretName: name } = p
  const deps = io.deps
  const id = tokenId(p.refreshToken)
  const ctx = { clientId: p.clientId, target: t, secretName: name }
  const claimant = { holder: p.holder, nonce: p.nonce, ttlMs: p.ttlMs }
  const cleanup: { -readonly [K in keyof Cleanup]: Cleanup[K] } = {}
  const save = (c: Partial<Cleanup>): void => io.save(Object.assign(cleanup, c))
  let seen: StoredState = EMPTY_STATE
  /** A shared token this run may use, its expiry moved from GitHub's clock onto this runner's. */
  const servable = (st: StoredState): SharedToken | undefined => {
    const shared = p.share ? openShared(st.shared, p.refreshToken, ctx, deps.mask) : undefined
    const now = deps.now()
    const githubNow = st.serverNow ?? now
    return shared && usable(shared, githubNow, p.needs) ? { ...shared, expiresAt: shared.expiresAt - githubNow + now } : undefined
  }
  const poll = async (): Promise<SharedToken | undefined> => servable((seen = await readState(api, t, name)))
  const lock = p.lock ? new CrossRunLock(api, t, name, { holder: p.holder, nonce: p.nonce, ttlMs: p.ttlMs }) : undefined
  const lockOpts: AcquireOptions = { waitMs: p.lockWaitMs, ownTtlMs: p.ttlMs, warn: io.warning }
  /** GitHub calls under the lock carry its deadline (retry.ts), so they end before it can be taken over. */
  const lockedApi = (): Api => (lock ? { ...api, deadline: lock.deadline - LOCK_MARGIN_MS } : api)
  let removeProbe: (() => Promise<void>) | undefined
  let lockSeen: Promise<Variable | undefined> | undefined
  let prune: readonly Pruned[] = []
  let presented = false
  let keepLock = false
  let unspent: Claim | undefined
  /** This run presents the token once more, through the `_AGAIN` claim (a reuse window). */
  let again = false
  // Saved before the lock's create is sent: a step cancelled in between leaves nothing the post step cannot find.
  if (lock) save({ lock: lock.value() })
  try {
    const [ep, key, org, first] = await settled([
      io.endpoints(),
      readPublicKey(api, t, name),
      t.kind === 'organization' ? orgVisibility(api, t, name) : Promise.resolve(undefined),
      lock ? lockRound(lock, poll, lockOpts) : poll().then((value): Round<SharedToken> => (value ? { kind: 'served', value } : { kind: 'acquired' }))
    ])
    const round = lock && first.kind === 'held' ? await waitForLock(lock, poll, first, lockOpts, deps) : first
    if (round.kind === 'served') return { kind: 'shared', shared: round.value, ep }
    if (t.kind === 'organization' && org === undefined) throw secretMissing(t, name)
    if (p.guard && isSpent(seen, id)) throw spentToken(t, name, p.share)

    let claim = new Claim(api, t, name, id, claimant)
    save({ claim: { name: claim.name, value: claim.value(), presented: false } })
    const [claimed, probe, exists] = await Promise.allSettled([
      claim.create(),
      proveWritable(lockedApi(), t, name, key),
      t.kind === 'organization' ? Promise.resolve(true) : secretExists(lockedApi(), t, name)
    ])
    if (probe.status === 'fulfilled') {
      removeProbe = probe.value.remove
      save({ probe: probe.value.name })
    }
    const ours = claimed.status === 'fulfilled' && claimed.value === true
    const failure = [exists, probe, claimed].find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (failure || (exists.status === 'fulfilled' && !exists.value)) {
      // Never presented: the claim goes again, so the token stays presentable once the cause is fixed.
      if (ours) await claim.release().catch(() => undefined)
      throw failure ? failure.reason : secretMissing(t, name)
    }
    const got = (claimed as PromiseFulfilledResult<Awaited<ReturnType<Claim['create']>>>).value
    if (got !== true) {
      // Holding a lock its last holder released, a claimant that used it has finished: its record is late
      // (a lagging read, a failed write), so a short wait settles it; without the lock it may still be at work.
      const bound = lock ? lock.deadline - LOCK_MARGIN_MS - p.storeReserveMs - api.timeoutMs : deps.now() + p.lockWaitMs
      const until = lock && round.kind === 'acquired' && !round.takenFrom ? Math.min(bound, deps.now() + CLAIM_SETTLE_MS) : bound
      const wait = { api, target: t, secretName: name, id, claimant, poll, spent: () => isSpent(seen, id), sharing: p.share, reuseWindowMs: p.reuseWindowMs, orphanNonce: round.kind === 'acquired' ? round.takenFrom?.nonce : undefined, until, deps }
      const after = p.guard ? await claimTaken(got, wait) : { kind: 'claimed' as const, claim }
      if (after.kind === 'served') return { kind: 'shared', shared: after.shared, ep }
      claim = after.claim
      again = claim.name.endsWith('_AGAIN')
      if (!p.guard) io.warning(`${capitalize(claim.where)} says another run presented this refresh token; 'stale-token-guard: false' presents it again all the same.`)
    }

    const deadline = lock ? lock.deadline - LOCK_MARGIN_MS - p.storeReserveMs : undefined
    if (deadline !== undefined && deps.now() + api.timeoutMs > deadline) {
      await claim.release().catch(() => undefined)
      throw new ActionError('lock_timeout', `GitHub's answers took so long that this run's hold on ${lock!.where} would end before a refresh could be stored. Nothing was refreshed, so the refresh token was not used. Run again.`)
    }
    save({ claim: { name: claim.name, value: claim.value(), presented: true } })
    presented = true
    // From here until the store, a cancelled job finishes storing first (runtime.ts critically).
    return await io.critically(async () => {
      let refreshed: Refreshed
      try {
        refreshed = await io.refresh(ep, deadline)
      } catch (e) {
        const settled = await settleClaim(claim, presentationOf(e), p, e, io)
        save({ claim: undefined })
        throw settled
      }
      const left = { name: claim.name, value: claim.value(), presented: true }
      save({ rotated: refreshed.rotated, claim: { ...left, outcome: refreshed.rotated ? 'spent' : 'unspent' } })
      const newest = refreshed.rotated ?? p.refreshToken
      const shared = sharedCopies(refreshed, claim, p, newest, ctx)
      lockSeen = lock?.readBack()
      if (!refreshed.rotated) {
        // The provider did not spend the token: the claim goes once the state is written (a waiter
        // then finds the shared token rather than an unclaimed token to refresh again).
        unspent = claim
        if (shared.length === 0 && seen.exists && seen.current === id) return { kind: 'refreshed', refreshed, ep, storedIn: undefined }
      }
      const nowS = Math.floor(claim.githubTime(deps.now()) / 1000)
      try {
        const stored = await storeRotation(lockedApi(), t, name, key, org, seen, { rotated: refreshed.rotated, presentedId: id, currentId: tokenId(newest), claimedAtS: claim.claimedAtS, again, nowS, shared, claimName: claim.where })
        prune = stored.prune
        const storedIn = stored.secretUpdated ? describeSecret(t, name) : undefined
        if (storedIn) {
          save({ rotated: undefined, claim: undefined })
          io.info(`Stored the new refresh token in ${storedIn}.`)
        }
        if (stored.stateError) {
          io.warning(stored.stateError.message)
          // The state does not say the token is spent: the claim must, or later runs wait to learn it.
          if (refreshed.rotated) await claim.mark('spent').catch(() => undefined)
        }
        if (shared.length > 0 && !stored.sharedKept && !stored.stateError) io.warning('The access token is too large to share through a GitHub variable (48 KB); other runs will refresh for themselves.')
        return { kind: 'refreshed', refreshed, ep, storedIn }
      } catch (e) {
        // The new token lives only in this step's output: keep the lock for the post step's last try.
        if (e instanceof ActionError && e.code === 'secret_not_stored') keepLock = lock !== undefined
        await claim.mark('spent').catch(() => undefined)
        throw e
      }
    })
  } catch (e) {
    if (presented || !(e instanceof ActionError) || ['stale_token', 'lock_timeout', 'secret_missing', 'outcome_unknown'].includes(e.code)) throw e
    const context = e.code === 'network' || e.code === 'timeout' ? `Checking that ${describeSecret(t, name)} can be written failed: ` : ''
    throw new ActionError(e.code, `${context}${e.message} The refresh was not attempted, so the refresh token was not used.`, e.details)
  } finally {
    const [released, removed, freed, ...pruned] = await Promise.allSettled([
      keepLock ? undefined : lock?.release(lockSeen),
      removeProbe?.(),
      // A re-presentation that did not spend the token frees it of both claims: it is proven unspent.
      unspent && again ? pruneClaim(api, t, name, id, true) : unspent?.release(),
      ...prune.map((x) => pruneClaim(api, t, name, x.id, x.again))
    ])
    if (released.status === 'fulfilled' && released.value) io.warning(released.value)
    if (freed.status === 'rejected') io.warning(unreleased(unspent!, freed))
    else if (unspent) cleanup.claim = undefined
    if (removed.status === 'rejected') io.warning(`The write probe could not be deleted: ${reason(removed)} The post step tries again.`)
    for (const r of pruned) if (r.status === 'rejected') io.warning(`An old claim of ${describeSecret(t, name)} could not be deleted: ${reason(r)} It blocks only a token spent long ago; delete it when convenient.`)
    if (keepLock) io.info(`Kept ${lock!.where} for the post step, which tries once more to store the new refresh token.`)
    save({
      lock: lock?.held ? cleanup.lock : undefined,
      probe: removed.status === 'fulfilled' ? undefined : cleanup.probe,
      // A rotated token that could not be stored stays for the post step only while the lock does.
      rotated: lock?.held ? cleanup.rotated : undefined
    })
  }
}

/** Promise.all that lets every call finish (so nothing runs on unseen), then throws the first failure. */
async function settled<T extends readonly unknown[]>(calls: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(calls)
  for (const r of results) if (r.status === 'rejected') throw r.reason
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T
}

const reason = (r: PromiseRejectedResult): string => (r.reason instanceof Error ? r.reason.message : String(r.reason))
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
