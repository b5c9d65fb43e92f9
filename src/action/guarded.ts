import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import * as core from '@actions/core'
import { API_ATTEMPTS, type Api } from '../github/api.js'
import { resolveEndpoints, type Endpoints } from '../oauth/endpoints.js'
import type { Obtained, Progress } from '../oauth/obtained.js'
import type { RefreshDeps } from '../oauth/refresh.js'
import { MAX_DELAY_MS } from '../retry.js'
import { MAX_TTL_MS } from '../rotation/lock.js'
import { LOCK_MARGIN_MS, rotate, type RotationIO } from '../rotation/rotate.js'
import type { Settings } from './inputs.js'
import { refreshStep } from './obtain.js'
import { critically, deps as runtime } from './runtime.js'
import type { SecretSettings } from './secret-inputs.js'
import { saveCleanup } from './state.js'

/**
 * The lock's lifetime: this run's own worst case under it. The claim and write probe, the refresh with
 * every attempt and the longest wait between two, the store with every attempt, and a margin. Work
 * under the lock carries deadlines derived from it (retry.ts `deadline`), so it is over before any
 * waiter can have watched the lock for this long.
 */
export function lockTtlMs(s: Pick<Settings, 'timeoutMs' | 'maxAttempts' | 'basicAuthEncoding'>): number {
  const github = API_ATTEMPTS * s.timeoutMs
  // `auto` may try the refresh once more, with the other Basic encoding (refresh.ts refreshGrant).
  const encodings = s.basicAuthEncoding === 'auto' ? 2 : 1
  const refresh = encodings * (s.maxAttempts * s.timeoutMs + (s.maxAttempts - 1) * MAX_DELAY_MS)
  return Math.min(github + refresh + github + LOCK_MARGIN_MS, MAX_TTL_MS)
}

/** Names this run for those waiting on its lock or meeting its claim: a link to the run, and the job. */
export function holderName(env: NodeJS.ProcessEnv = process.env): string {
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt, GITHUB_JOB: job } = env
  if (repo && run) return `${server}/${repo}/actions/runs/${run}${attempt ? `/attempts/${attempt}` : ''}${job ? ` (job ${job})` : ''}`
  return `process ${process.pid} on ${hostname()}`
}

/**
 * With `secret-name`: the refresh inside the rotation protocol (src/rotation/), which this shell feeds
 * with the settings, the refresh step, the log and GITHUB_STATE. `deps` is the outside world
 * (network, masking, log, clock); tests pass a fake clock.
 */
export async function guardedRefresh(s: Settings, w: SecretSettings, progress: Progress, deps: RefreshDeps = runtime): Promise<Obtained> {
  const api: Api = { root: w.apiUrl, token: w.githubToken, timeoutMs: s.timeoutMs, deps }
  const io: RotationIO<Endpoints> = {
    endpoints: () => resolveEndpoints(s, deps),
    refresh: (ep, deadline) => refreshStep(s, ep, progress, deadline, deps),
    info: core.info,
    warning: core.warning,
    save: saveCleanup,
    critically,
    deps
  }
  const outcome = await rotate(
    {
      api,
      target: w.target,
      secretName: w.name,
      refreshToken: s.refreshToken,
      clientId: s.clientId,
      holder: holderName(),
      nonce: randomBytes(12).toString('hex'),
      ttlMs: lockTtlMs(s),
      lock: w.lock,
      lockWaitMs: w.lockWaitMs,
      guard: w.staleTokenGuard,
      share: w.shareToken,
      needs: { minValidityMs: w.minValidityMs, requiredScopes: s.requiredScopes, scope: s.scope },
      reuseWindowMs: s.reuseWindowMs,
      spendsOnError: s.spendsOnError,
      storeReserveMs: API_ATTEMPTS * s.timeoutMs
    },
    io
  )
  const ep = outcome.ep
  if (outcome.kind === 'shared') {
    const { tokens, granted, expiresAt } = outcome.shared
    // GitHub's clock said how long it has left; this runner's outputs count from its own now.
    return { source: 'shared', tokens, granted, expiresAt, attempts: 0, host: ep.tokenUrl.host, endpoints: ep }
  }
  if (outcome.storedIn) progress.storedIn = outcome.storedIn
  if (outcome.refreshed.invalid !== undefined) throw outcome.refreshed.invalid
  return outcome.refreshed.obtained!
}
