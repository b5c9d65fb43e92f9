import type { Api } from '../github/api.js'
import type { SecretTarget } from '../github/targets.js'
import { mayPresentAgain } from '../oauth/outcome.js'
import type { RetryDeps } from '../retry.js'
import { Claim, readClaimVariable, type Claimant, type ClaimSeen } from './claims.js'
import { outcomeUnknown, spentToken, stillPresenting } from './messages.js'
import type { SharedToken } from './shared-token.js'

/**
 * What a run does when its token is already claimed (claims.ts): it never presents it, except in the
 * two cases where that is safe. It takes the shared token if one appears; it stops if the token is
 * spent; it waits while the claimant may still be working; and once the claimant is known to have
 * ended without an outcome (it said `uncertain`, its lock was taken over, or its claim stayed
 * unchanged for its lifetime on this runner's clock), it presents the token once more only inside
 * the provider's reuse window (oauth/outcome.ts), else it stops and says how to go on. A claim its
 * creator deleted means the provider did not spend the token: then this run claims it afresh.
 */

export interface ClaimWait {
  readonly api: Api
  readonly target: SecretTarget
  readonly secretName: string
  readonly id: string
  readonly claimant: Claimant
  /** Reads the state: the shared token this run may use, if any. */
  readonly poll: () => Promise<SharedToken | undefined>
  /** Whether the state last read records the token as spent. */
  readonly spent: () => boolean
  readonly sharing: boolean
  readonly reuseWindowMs: number
  /** The lock this run took over: that run was killed, so a claim of its nonce will get no outcome. */
  readonly orphanNonce: string | undefined
  /** The latest instant (this runner's clock) the wait may go on: the lock must outlast what follows. */
  readonly until: number
  readonly deps: RetryDeps
}

export type AfterClaimed = { readonly kind: 'served'; readonly shared: SharedToken } | { readonly kind: 'claimed'; readonly claim: Claim }

export async function claimTaken(first: ClaimSeen, w: ClaimWait): Promise<AfterClaimed> {
  const claimName = (again = false): Claim => new Claim(w.api, w.target, w.secretName, w.id, w.claimant, again)
  const name = claimName().name
  let seen = first
  let watching = { value: seen.value, since: w.deps.now() }
  for (let n = 1; ; n++) {
    const shared = await w.poll()
    if (shared) return { kind: 'served', shared }
    if (seen.status === 'spent' || w.spent()) throw spentToken(w.target, w.secretName, w.sharing)
    const now = w.deps.now()
    const life = Math.min(seen.ttlMs ?? w.claimant.ttlMs, w.claimant.ttlMs)
    const ended = seen.status === 'uncertain' || (w.orphanNonce !== undefined && seen.nonce === w.orphanNonce) || now - watching.since >= life
    if (ended) {
      const since = seen.createdAt === undefined ? Infinity : (seen.serverNow ?? seen.createdAt) - seen.createdAt
      if (mayPresentAgain('uncertain', w.reuseWindowMs, since)) {
        const again = claimName(true)
        if ((await again.create()) === true) return { kind: 'claimed', claim: again }
      }
      throw outcomeUnknown(w.target, name, seen, w.reuseWindowMs)
    }
    if (now >= w.until) throw stillPresenting(w.target, name, seen)
    const ceiling = Math.min(8000, 500 * 2 ** (n - 1))
    await w.deps.sleep(Math.max(50, Math.min(ceiling / 2 + (w.deps.random ?? Math.random)() * (ceiling / 2), w.until - now)))
    const next = await readClaimVariable(w.api, w.target, name)
    if (!next) {
      // Deleted by its creator: the provider did not spend the token. Claim it afresh (or meet the next claimant).
      const fresh = claimName()
      const got = await fresh.create()
      if (got === true) return { kind: 'claimed', claim: fresh }
      seen = got
    } else {
      seen = next
    }
    if (seen.value !== watching.value) watching = { value: seen.value, since: w.deps.now() }
  }
}
