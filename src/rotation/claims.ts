import { ActionError, foreign } from '../errors.js'
import type { Api } from '../github/api.js'
import { describeSecret, type SecretTarget } from '../github/targets.js'
import { create, deleteVariable, readVariable, updateVariable } from '../github/variables.js'

/**
 * The barrier: before a run presents a refresh token, it creates the Actions variable
 * `<secret>_CLAIM_<tokenId>` (POST, which GitHub answers 409 when the name exists, so exactly one run
 * creates it). A run whose create meets an existing claim never presents that token. Only GitHub's
 * atomic create decides: no read that may lag, no lease that may be misjudged.
 *
 * A claim says who presented the token and what came of it: `presenting` from its creation,
 * `uncertain` when no answer came (outcome.ts), `spent` when the provider rotated the token but the
 * state could not record it. A claim is deleted by its creator when the provider answered without
 * spending the token (refused, or no rotation), and pruned an hour after the state records the token
 * as spent (state.ts). `_AGAIN` is the one re-presentation a provider's reuse window allows.
 */
export const claimVariable = (secretName: string, id: string, again = false): string => `${secretName}_CLAIM_${id}${again ? '_AGAIN' : ''}`

const MARK = 'oauth-refresh-action:claim:v1 '

export type ClaimStatus = 'presenting' | 'uncertain' | 'spent'

/** Who makes a claim: the run's name for messages, its nonce (shared with its lock), its lifetime. */
export interface Claimant {
  readonly holder: string
  readonly nonce: string
  readonly ttlMs: number
}

/** Another run's claim as read back; fields undefined when unreadable or not yet visible. */
export interface ClaimSeen {
  readonly value: string | undefined
  readonly holder: string | undefined
  readonly nonce: string | undefined
  readonly status: ClaimStatus | undefined
  readonly ttlMs: number | undefined
  /** GitHub's clock: when the claim was created, and when this answer was given. */
  readonly createdAt: number | undefined
  readonly serverNow: number | undefined
}

export class Claim {
  readonly name: string
  readonly where: string
  private readonly api: Api
  private readonly t: SecretTarget
  private readonly by: Claimant
  /** When the token was claimed: GitHub's clock (`Date` of the answer), and this runner's then. */
  private at: { readonly server: number; readonly local: number } | undefined

  constructor(api: Api, t: SecretTarget, secretName: string, id: string, by: Claimant, again = false) {
    this.api = api
    this.t = t
    this.by = by
    this.name = claimVariable(secretName, id, again)
    this.where = describeSecret(t, this.name, 'variable')
  }

  value(status: ClaimStatus = 'presenting'): string {
    return MARK + JSON.stringify({ holder: this.by.holder, nonce: this.by.nonce, ttl_s: Math.ceil(this.by.ttlMs / 1000), status })
  }

  /**
   * True when this run now holds the claim, else the claim that stands. A create whose answer was
   * lost and whose repeat met 409 finds this run's own nonce when read back: that is a success too.
   * A 409 whose claim cannot be read yet (a lagging read) is someone else's.
   */
  async create(): Promise<true | ClaimSeen> {
    let answer: { created: boolean; serverNow: number | undefined }
    try {
      answer = await create(this.api, this.t, this.name, this.value())
    } catch (e) {
      const found = await this.read().catch(() => undefined)
      if (found?.nonce !== this.by.nonce) throw e
      answer = { created: true, serverNow: found.createdAt }
    }
    const local = this.api.deps.now()
    if (answer.created) {
      this.at = { server: answer.serverNow ?? local, local }
      return true
    }
    const found = await this.read()
    if (found?.nonce === this.by.nonce) {
      this.at = { server: found.createdAt ?? local, local }
      return true
    }
    return found ?? { value: undefined, holder: undefined, nonce: undefined, status: undefined, ttlMs: undefined, createdAt: undefined, serverNow: undefined }
  }

  /**
   * An instant of this runner's clock on GitHub's, from when the claim was created: how an expiry
   * is recorded for other runs, whose clocks may differ from this one (never earlier than true).
   */
  githubTime(local: number): number {
    const at = this.at ?? { server: local, local }
    return at.server + (local - at.local)
  }

  /** When the token was claimed, in seconds by GitHub's clock. */
  get claimedAtS(): number {
    return Math.floor(this.githubTime(this.at?.local ?? this.api.deps.now()) / 1000)
  }

  read(): Promise<ClaimSeen | undefined> {
    return readClaimVariable(this.api, this.t, this.name)
  }

  /** Whether this run created the claim: only then does it record an outcome or delete it. */
  get owned(): boolean {
    return this.at !== undefined
  }

  /** Records what came of the presentation (PATCH). Throws like any GitHub call. */
  async mark(status: ClaimStatus): Promise<void> {
    if (this.owned) await updateVariable(this.api, this.t, this.name, this.value(status))
  }

  /**
   * Deletes this run's claim: only for a token the provider did not spend, which other runs may then
   * present. Retried like any call; a late repeat could delete a claim another run made on that same
   * unspent token since, which costs at most one more refresh of a token that was still valid.
   */
  async release(): Promise<void> {
    // Another run's claim (met with 'stale-token-guard: false') is never touched.
    if (this.owned) await deleteVariable(this.api, this.t, this.name)
  }
}

/** The nonce a claim's value states, to tell a run's own claim from another's. */
export function nonceOf(value: string): string | undefined {
  try {
    const p = JSON.parse(value.slice(MARK.length)) as { nonce?: unknown }
    return typeof p.nonce === 'string' ? p.nonce : undefined
  } catch {
    return undefined
  }
}

/** The same claim with another status (the post step marks what its main step could not). */
export function withStatus(value: string, status: ClaimStatus): string {
  const p = JSON.parse(value.slice(MARK.length)) as Record<string, unknown>
  return MARK + JSON.stringify({ ...p, status })
}

export async function readClaimVariable(api: Api, t: SecretTarget, name: string): Promise<ClaimSeen | undefined> {
  const v = await readVariable(api, t, name)
  if (!v) return undefined
  if (!v.value.startsWith(MARK)) {
    throw new ActionError(
      'foreign_variable',
      `${capitalize(describeSecret(t, name, 'variable'))} exists but was not written by this action (it starts '${foreign(v.value, 24)}'). The action uses that name to mark a refresh token as presented and never overwrites a variable it did not write: rename that variable, or choose another 'secret-name'. Nothing was refreshed.`
    )
  }
  let p: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(v.value.slice(MARK.length))
    if (typeof parsed === 'object' && parsed !== null) p = parsed as Record<string, unknown>
  } catch {
    // Unreadable: a claim all the same, of an unknown run with an unknown outcome.
  }
  const status = p.status === 'presenting' || p.status === 'uncertain' || p.status === 'spent' ? p.status : undefined
  const ttlS = typeof p.ttl_s === 'number' && Number.isFinite(p.ttl_s) && p.ttl_s > 0 ? p.ttl_s : undefined
  return {
    value: v.value,
    holder: typeof p.holder === 'string' ? p.holder : undefined,
    nonce: typeof p.nonce === 'string' ? p.nonce : undefined,
    status,
    ttlMs: ttlS === undefined ? undefined : ttlS * 1000,
    createdAt: v.createdAt,
    serverNow: v.serverNow
  }
}

/**
 * Deletes a claim whose token the state has recorded as spent for long enough (state.ts), with its
 * `_AGAIN` claim when there is one; or, after a re-presentation the provider answered without
 * spending the token, the claims that kept it from being presented.
 */
export async function pruneClaim(api: Api, t: SecretTarget, secretName: string, id: string, again = false): Promise<void> {
  await Promise.all([deleteVariable(api, t, claimVariable(secretName, id)), again ? deleteVariable(api, t, claimVariable(secretName, id, true)) : undefined])
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
