import * as core from '@actions/core'
import { hostname } from 'node:os'
import { ActionError } from '../errors.js'
import { API_ATTEMPTS, type Api } from '../github/api.js'
import { CrossRunLock, MAX_TTL_MS } from '../github/lock.js'
import { lockRound, waitForLock, type AcquireOptions, type Round } from '../github/lock-wait.js'
import { orgVisibility, readPublicKey } from '../github/secrets.js'
import { fingerprint, readState, stateVariable, type StoredState } from '../github/state.js'
import { describeSecret } from '../github/targets.js'
import { proveWritable, storeRotation } from '../github/writeback.js'
import { resolveEndpoints, type Endpoints } from '../oauth/endpoints.js'
import type { RefreshDeps } from '../oauth/refresh.js'
import { MAX_DELAY_MS } from '../retry.js'
import type { Settings } from './inputs.js'
import { refreshStep } from './obtain.js'
import type { Obtained, Progress } from './obtained.js'
import { critically, deps as runtime } from './runtime.js'
import type { SecretSettings } from './secret-inputs.js'
import { openShared, sealShared, shareKey, usable, type SharedToken } from './shared-token.js'
import { saveCleanup } from './state.js'

/** Time kept free between the end of this run's work under the lock and the lock's expiry. */
const LOCK_MARGIN_MS = 10_000

/**
 * The lock's lifetime: this run's own worst case. The state read and write probe, the refresh with
 * every attempt and the longest wait between two, the store with every attempt, and a margin. Work
 * under the lock carries deadlines derived from it (retry.ts `deadline`), so it is over before the
 * lock can expire and another run take it over.
 */
export function lockTtlMs(s: Pick<Settings, 'timeoutMs' | 'maxAttempts' | 'basicAuthEncoding'>): number {
  const github = API_ATTEMPTS * s.timeoutMs
  // `auto` may try the refresh once more, with the other Basic encoding (refresh.ts refreshGrant).
  const encodings = s.basicAuthEncoding === 'auto' ? 2 : 1
  const refresh = encodings * (s.maxAttempts * s.timeoutMs + (s.maxAttempts - 1) * MAX_DELAY_MS)
  // No longer than a waiter believes any lock can live (lock.ts): the deadlines below then hold.
  return Math.min(github + refresh + github + LOCK_MARGIN_MS, MAX_TTL_MS)
}

/** Names this run for those waiting on its lock: a link to the run, and the job. */
export function holderName(env: NodeJS.ProcessEnv = process.env): string {
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt, GITHUB_JOB: job } = env
  if (repo && run) return `${server}/${repo}/actions/runs/${run}${attempt ? `/attempts/${attempt}` : ''}${job ? ` (job ${job})` : ''}`
  return `process ${process.pid} on ${hostname()}`
}

/**
 * A refresh that keeps a rotating refresh token alive in a GitHub secret while any number of runs
 * share it (RFC 9700 §4.14.2: presenting a spent refresh token can revoke the whole grant). Five
 * round trips when it refreshes:
 *   1. the lock (and a look at the shared token), the public key, the endpoints;
 *   2. the state as it is under the lock, and the write probe;
 *   3. the refresh;
 *   4. the secret and the state, together;
 *   5. the lock released and the probe deleted, together.
 * A run that finds a shared token valid long enough stops after the first (or after waiting).
 * `deps` is the outside world (network, masking, log, clock); tests pass a fake clock.
 */
export async function guardedRefresh(s: Settings, w: SecretSettings, progress: Progress, deps: RefreshDeps = runtime): Promise<Obtained> {
  const t = w.target
  const api: Api = { root: w.apiUrl, token: w.githubToken, timeoutMs: s.timeoutMs, deps }
  const key = w.shareToken ? shareKey(s.clientSecret, s.clientId, t, w.name) : undefined
  const sharedIn = (state: StoredState): SharedToken | undefined => {
    const shared = key ? openShared(state.shared, key, deps.mask) : undefined
    return shared && usable(shared, deps.now(), { minValidityMs: w.minValidityMs, requiredScopes: s.requiredScopes, scope: s.scope }) ? shared : undefined
  }
  const lock = w.lock ? new CrossRunLock(api, t, w.name, { holder: holderName(), ttlMs: lockTtlMs(s) }) : undefined
  const lockOpts: AcquireOptions = { waitMs: w.lockWaitMs, warn: core.warning }
  let seen: StoredState | undefined
  const poll = async (): Promise<SharedToken | undefined> => sharedIn((seen = await readState(api, t, w.name)))
  let removeProbe: (() => Promise<void>) | undefined
  /** GitHub calls under the lock carry its deadline (retry.ts), so they end before it can expire. */
  const lockedApi = (): Api => (lock ? { ...api, deadline: lock.deadline - LOCK_MARGIN_MS } : api)
  /** What the post step must clean up should this step be killed: the lock's claim, the probe's name. */
  const cleanup: { lock?: string; probe?: string; rotated?: string } = {}
  let presented = false
  try {
    const [ep, publicKey, org, first] = await settled([
      resolveEndpoints(s, deps),
      readPublicKey(api, t, w.name),
      t.kind === 'organization' ? orgVisibility(api, t, w.name) : Promise.resolve(undefined),
      lock ? lockRound(lock, poll, lockOpts) : poll().then((value): Round<SharedToken> => (value ? { kind: 'served', value } : { kind: 'acquired' }))
    ])
    let round = lock && first.kind === 'held' ? await waitForLock(lock, poll, first, lockOpts, deps) : first
    if (round.kind === 'served') return fromShared(round.value, ep)
    if (lock) saveCleanup(Object.assign(cleanup, { lock: lock.value() }))

    let state: StoredState
    // Bounded like every loop: a takeover race lost this many times in a row is not worth waiting out.
    for (let races = 0; ; races++) {
      if (races === 5) throw new ActionError('lock_timeout', `Other runs kept taking over ${lock!.where} as this run did. Nothing was refreshed, so the refresh token was not used. Run again.`)
      const [st, probe, ours] = await Promise.allSettled([
        lock ? readState(lockedApi(), t, w.name) : Promise.resolve(seen!),
        // One probe per run: after a lost takeover race the first one already proved the permission.
        removeProbe ? Promise.resolve(undefined) : proveWritable(lockedApi(), t, w.name, publicKey),
        // Every holder, not only one that took an expired lock over (lock.ts stillOurs).
        lock ? lock.stillOurs() : Promise.resolve(true)
      ])
      if (probe.status === 'fulfilled' && probe.value) {
        removeProbe = probe.value.remove
        saveCleanup(Object.assign(cleanup, { probe: probe.value.name }))
      }
      for (const r of [st, probe, ours]) if (r.status === 'rejected') throw r.reason
      if ((ours as PromiseFulfilledResult<boolean>).value) {
        state = (st as PromiseFulfilledResult<StoredState>).value
        break
      }
      // Two runs took over the same expired lock at once and the other one's claim stands: wait again.
      lock!.forget()
      round = await waitForLock(lock!, poll, { kind: 'held', held: undefined }, lockOpts, deps)
      if (round.kind === 'served') return fromShared(round.value, ep)
    }

    const shared = sharedIn(state)
    if (shared) return fromShared(shared, ep)
    if (w.staleTokenGuard && state.fingerprint !== undefined && state.fingerprint !== fingerprint(s.refreshToken)) throw staleToken(w, key !== undefined)

    const storeReserve = API_ATTEMPTS * s.timeoutMs
    const deadline = lock ? lock.deadline - LOCK_MARGIN_MS - storeReserve : undefined
    if (deadline !== undefined && deps.now() + s.timeoutMs > deadline) {
      throw new ActionError('lock_timeout', `GitHub's answers took so long that this run's hold on ${lock!.where} would end before a refresh could be stored. Nothing was refreshed, so the refresh token was not used. Run again.`)
    }
    presented = true
    // From here until the store, a cancelled job finishes storing first (runtime.ts critically).
    return await critically(async () => {
      const refreshed = await refreshStep(s, ep, progress, deadline, deps)
      // Kept for the post step too, should this step be killed before the store below.
      if (refreshed.rotated) saveCleanup(Object.assign(cleanup, { rotated: refreshed.rotated }))
      const newest = refreshed.rotated ?? s.refreshToken
      const o = refreshed.obtained
      const sealed = key && o?.expiresAt !== undefined ? sealShared(o.tokens, o.granted, o.expiresAt, key) : undefined

      if (!lock) {
        // Without the lock another run may have stored a newer token meanwhile: never write over it.
        const now = await readState(api, t, w.name)
        if (now.fingerprint !== state.fingerprint) {
          core.warning(`${capitalize(describeSecret(t, stateVariable(w.name), 'variable'))} changed while this run refreshed ('lock: false'): another run stored a newer refresh token, so this run's was not written over it. It is in this step's masked 'refresh-token' output.`)
          if (refreshed.invalid !== undefined) throw refreshed.invalid
          return o!
        }
      }
      const unchanged = !refreshed.rotated && sealed === undefined && state.exists && state.fingerprint === fingerprint(newest)
      if (!unchanged) {
        const stored = await storeRotation(lockedApi(), t, w.name, publicKey, org, state, { rotated: refreshed.rotated, newest, shared: sealed })
        if (stored.secretUpdated) {
          progress.storedIn = describeSecret(t, w.name)
          saveCleanup(Object.assign(cleanup, { rotated: undefined }))
          core.info(`Stored the new refresh token in ${progress.storedIn}.`)
        }
        if (stored.secretCreated) {
          core.warning(`${capitalize(progress.storedIn!)} did not exist; it now holds the new refresh token. Make sure 'refresh-token' reads this same secret, or the next run will present a token this run rotated.`)
        }
        if (stored.stateError) throw stored.stateError
        if (sealed && !stored.sharedKept) core.warning('The access token is too large to share through a GitHub variable (48 KB); other runs will refresh for themselves.')
      }
      if (refreshed.invalid !== undefined) throw refreshed.invalid
      return o!
    })
  } catch (e) {
    if (presented || !(e instanceof ActionError) || e.code === 'stale_token' || e.code === 'lock_timeout') throw e
    const context = e.code === 'network' || e.code === 'timeout' ? `Checking that ${describeSecret(t, w.name)} can be written failed: ` : ''
    throw new ActionError(e.code, `${context}${e.message} The refresh was not attempted, so the refresh token was not used.`, e.details)
  } finally {
    // Whatever happened: the lock goes back and the probe goes away, together.
    const [released, removed] = await Promise.allSettled([lock?.release(), removeProbe?.()])
    if (released.status === 'fulfilled' && released.value) core.warning(released.value)
    if (removed.status === 'rejected') core.warning(`The write probe could not be deleted: ${removed.reason instanceof Error ? removed.reason.message : String(removed.reason)} The post step tries again.`)
    if (!lock?.held) cleanup.lock = undefined
    if (removed.status === 'fulfilled') cleanup.probe = undefined
    // A rotated token that could not be stored stays for the post step only while the lock does.
    if (!cleanup.lock) cleanup.rotated = undefined
    if (lock || removeProbe) saveCleanup(cleanup)
  }
}

function fromShared(shared: SharedToken, ep: Endpoints): Obtained {
  return { source: 'shared', tokens: shared.tokens, granted: shared.granted, expiresAt: shared.expiresAt, attempts: 0, host: ep.tokenUrl.host, endpoints: ep }
}

function staleToken(w: SecretSettings, sharing: boolean): ActionError {
  const secret = describeSecret(w.target, w.name)
  const variable = describeSecret(w.target, stateVariable(w.name), 'variable')
  return new ActionError(
    'stale_token',
    `The refresh token given to this run is not the newest: ${variable} records that ${secret} now holds a newer one. ` +
      'Another run has rotated it since this run read the secret (overlapping runs, or a queued or re-run job), or an earlier run could not store its rotated token. ' +
      `The token was not presented, so nothing was spent${sharing ? ", and no shared access token valid for 'min-validity' with the needed scopes was there to use instead" : ''}. ` +
      `Start a new run, which reads the secret's current value; if the secret does hold the newest token (you stored one by hand), delete the variable ${stateVariable(w.name)} and the next run records it again.`
  )
}

/** Promise.all that lets every call finish (so nothing runs on unseen), then throws the first failure. */
async function settled<T extends readonly unknown[]>(calls: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(calls)
  for (const r of results) if (r.status === 'rejected') throw r.reason
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
