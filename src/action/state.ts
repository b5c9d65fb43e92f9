import * as core from '@actions/core'
import { urlProblem } from '../http.js'
import { AUTH_METHODS, type AuthMethod, type BasicAuthEncoding } from '../oauth/token-request.js'
import { REFRESH_TOKEN_SYNTAX } from '../oauth/token-response.js'
import type { Cleanup, LeftClaim } from '../rotation/cleanup.js'
import { mask } from './runtime.js'

/**
 * Every value the main step hands to the post step, in one place (as actions/checkout's
 * state-helper.ts does). GITHUB_STATE is a file, never printed; the post step still reads it back
 * as input it does not trust.
 */

const IS_POST = 'isPost'
const REVOKE = 'revoke'

/** One bundle serves both steps (runs.main and runs.post): the main step marks the state. */
export const isPost = (): boolean => core.getState(IS_POST) === 'true'
export const markMainStep = (): void => core.saveState(IS_POST, 'true')

/** What the post step needs to revoke the access token the main step issued. */
export interface RevokeState {
  readonly url: string
  readonly authMethod: AuthMethod
  /** The Basic encoding the token endpoint accepted, so the revocation authenticates the same way. */
  readonly basicAuthEncoding: BasicAuthEncoding
  readonly accessToken: string
}

export function saveRevokeState(state: RevokeState): void {
  core.saveState(REVOKE, JSON.stringify(state))
}

/**
 * The saved revocation, undefined when none was asked for. Saved state is input like any other: the
 * token is masked first, and the URL must pass the same rule as the main step's (https, or http to
 * loopback only), the auth method must be one this action knows. Throws when it does not.
 */
export function loadRevokeState(): { url: URL; authMethod: AuthMethod; basicAuthEncoding: BasicAuthEncoding; accessToken: string } | undefined {
  const saved = core.getState(REVOKE)
  if (!saved) return undefined
  const state = JSON.parse(saved) as Record<string, unknown>
  const { url, authMethod, accessToken, basicAuthEncoding } = state
  if (typeof accessToken !== 'string' || !accessToken) throw new Error('no access token')
  mask(accessToken)
  if (typeof authMethod !== 'string' || !(AUTH_METHODS as readonly string[]).includes(authMethod)) throw new Error('unknown auth method')
  if (typeof url !== 'string' || !URL.canParse(url) || urlProblem(new URL(url))) throw new Error('unusable revocation URL')
  if (basicAuthEncoding !== 'form' && basicAuthEncoding !== 'raw') throw new Error('unknown Basic encoding')
  return { url: new URL(url), authMethod: authMethod as AuthMethod, basicAuthEncoding, accessToken }
}

const CLEANUP = 'cleanup'

/** Saved as soon as there is something to clean up, and again as it is cleaned (rotation/cleanup.ts). */
export function saveCleanup(c: Cleanup): void {
  core.saveState(CLEANUP, JSON.stringify({ lock: c.lock, probe: c.probe, rotated: c.rotated, claim: c.claim }))
}

/** The saved cleanup, its token masked first; anything unreadable counts as nothing to do. */
export function loadCleanup(): Cleanup {
  try {
    const parsed = JSON.parse(core.getState(CLEANUP) || '{}') as Record<string, unknown>
    const rotated = typeof parsed.rotated === 'string' && REFRESH_TOKEN_SYNTAX.test(parsed.rotated) ? parsed.rotated : undefined
    if (rotated) mask(rotated)
    return {
      lock: typeof parsed.lock === 'string' ? parsed.lock : undefined,
      probe: typeof parsed.probe === 'string' && /^[A-Za-z0-9_]+$/.test(parsed.probe) ? parsed.probe : undefined,
      rotated,
      claim: leftClaim(parsed.claim)
    }
  } catch {
    return {}
  }
}

function leftClaim(c: unknown): LeftClaim | undefined {
  if (typeof c !== 'object' || c === null) return undefined
  const { name, value, presented, outcome } = c as Record<string, unknown>
  if (typeof name !== 'string' || !/^[A-Za-z0-9_]+_CLAIM_[0-9A-F]{16}(_AGAIN)?$/.test(name) || typeof value !== 'string' || typeof presented !== 'boolean') return undefined
  return { name, value, presented, outcome: outcome === 'spent' || outcome === 'unspent' ? outcome : undefined }
}
