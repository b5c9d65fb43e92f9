import { createHash } from 'node:crypto'
import { ActionError, foreign } from '../errors.js'
import type { Api } from './api.js'
import { describeSecret, type SecretTarget } from './targets.js'
import { createVariable, readVariable, updateVariable } from './variables.js'

/**
 * The rotation state next to the secret, in the Actions variable `<secret>_STATE`: the fingerprint of
 * the refresh token the secret holds (the stale-token guard compares against it) and the shared
 * access token, sealed (sealed-value.ts). Variables are readable by anyone who can read the
 * repository's variables, so nothing here is a token in plaintext.
 */
export const stateVariable = (secretName: string): string => `${secretName}_STATE`

const MARK = 'oauth-refresh-action:state:v1 '
/** GitHub's limit on a variable's value. */
const MAX_VALUE_BYTES = 48 * 1024

export interface RotationState {
  /** fingerprint() of the refresh token the secret was last written with; undefined before the first write. */
  readonly fingerprint: string | undefined
  /** The last access token, sealed; undefined when none is shared. */
  readonly shared: string | undefined
}

export interface StoredState extends RotationState {
  readonly exists: boolean
}

/**
 * A non-secret fingerprint of a refresh token: SHA-256 over a domain-separation label and the
 * token, cut to 128 bits. Refresh tokens carry at least 128 bits of entropy (RFC 6749 §10.10), so
 * the fingerprint cannot be inverted or guessed back into a token; the label keeps it from matching
 * any other hash of the same token. Why not an HMAC keyed with the client secret: see README.
 */
export function fingerprint(refreshToken: string): string {
  return `v1:${createHash('sha256').update('oauth-refresh-action/refresh-token-fingerprint/v1\n').update(refreshToken).digest('hex').slice(0, 32)}`
}

export function encodeState(s: RotationState): string {
  return MARK + JSON.stringify({ fingerprint: s.fingerprint, shared: s.shared })
}

/** Reads the value back; one the action did not write is never taken for its own, nor overwritten. */
export function decodeState(value: string, where: string): RotationState {
  if (!value.startsWith(MARK)) {
    throw new ActionError(
      'foreign_variable',
      `${capitalize(where)} exists but was not written by this action (its value does not start with '${MARK.trim()}'; it starts '${foreign(value, 24)}'). The action never overwrites a variable it did not write: rename that variable, or choose another 'secret-name'.`
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(value.slice(MARK.length))
  } catch {
    parsed = undefined
  }
  const { fingerprint: fp, shared } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>
  const fpOk = fp === undefined || (typeof fp === 'string' && /^v1:[0-9a-f]{32}$/.test(fp))
  if (parsed === undefined || !fpOk || (shared !== undefined && typeof shared !== 'string')) {
    throw new ActionError(
      'state_unreadable',
      `${capitalize(where)} holds state this action cannot read, so the stale-token guard cannot tell whether this run's refresh token is the newest. Nothing was refreshed. If the secret holds the newest refresh token, delete the variable; the next run records it again.`
    )
  }
  return { fingerprint: fp, shared: shared }
}

export async function readState(api: Api, t: SecretTarget, secretName: string): Promise<StoredState> {
  const name = stateVariable(secretName)
  const variable = await readVariable(api, t, name)
  if (!variable) return { exists: false, fingerprint: undefined, shared: undefined }
  return { exists: true, ...decodeState(variable.value, describeSecret(t, name, 'variable')) }
}

/**
 * Writes the state: PATCH when it exists, POST when not (and the other when GitHub says the guess
 * was wrong). A shared token too large for a variable is dropped rather than failing the write:
 * the fingerprint is what keeps the chain safe. Returns whether the shared token was kept.
 */
export async function writeState(api: Api, t: SecretTarget, secretName: string, s: RotationState, exists: boolean): Promise<boolean> {
  const name = stateVariable(secretName)
  let state = s
  if (Buffer.byteLength(encodeState(state)) > MAX_VALUE_BYTES) state = { fingerprint: s.fingerprint, shared: undefined }
  const value = encodeState(state)
  const written =
    exists ? (await updateVariable(api, t, name, value)) || (await createVariable(api, t, name, value)) :
    (await createVariable(api, t, name, value)) ||
    // Created since this run read it: overwrite only what this action wrote (decodeState throws otherwise).
    ((await readState(api, t, secretName)) && (await updateVariable(api, t, name, value)))
  if (!written) throw new ActionError('github_api', `Writing ${describeSecret(t, name, 'variable')} kept meeting a variable that came and went; the action will not guess which value stands.`)
  return state.shared === s.shared
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
