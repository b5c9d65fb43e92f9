import * as core from '@actions/core'
import { AUTH_METHODS, type AuthMethod } from '../oauth/token-request.js'

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
  readonly accessToken: string
}

export function saveRevokeState(state: RevokeState): void {
  core.saveState(REVOKE, JSON.stringify(state))
}

/** The saved revocation, undefined when none was asked for; throws when the state is unreadable. */
export function loadRevokeState(): RevokeState | undefined {
  const saved = core.getState(REVOKE)
  if (!saved) return undefined
  const state = JSON.parse(saved) as RevokeState
  core.setSecret(state.accessToken)
  if (!AUTH_METHODS.includes(state.authMethod)) throw new Error('unknown auth method')
  return state
}
