import { createHash } from 'node:crypto'
import { ActionError } from '../errors.js'
import { parseBody, type HttpResponse } from '../http.js'
import type { Api } from './api.js'
import { sealedBox } from './sealed-box.js'
import { getPublicKey, orgVisibility, parsePublicKey, putSecret, type OrgVisibility, type PublicKey } from './secrets.js'
import { apiError, describeSecret, type SecretTarget } from './targets.js'
import { getVariable, setVariable } from './variables.js'

/** The write-back part of the settings (inputs `secret-*`, `github-token`, `stale-token-guard`). */
export interface SecretSettings {
  readonly name: string
  readonly githubToken: string
  readonly target: SecretTarget
  readonly apiUrl: URL
  readonly staleTokenGuard: boolean
}

/** The Actions variable that holds the guard's fingerprint, next to the secret. */
export const fingerprintVariable = (secretName: string): string => `${secretName}_FINGERPRINT`

/**
 * A non-secret fingerprint of a refresh token: SHA-256 over a domain-separation label and the
 * token, cut to 128 bits. Refresh tokens carry at least 128 bits of entropy (RFC 6749 §10.10), so
 * the fingerprint cannot be inverted or guessed back into a token; the label keeps it from matching
 * any other hash of the same token. Why not an HMAC keyed with the client secret: see README.
 */
export function fingerprint(refreshToken: string): string {
  return `v1:${createHash('sha256').update('oauth-refresh-action/refresh-token-fingerprint/v1\n').update(refreshToken).digest('hex').slice(0, 32)}`
}

export interface Writeback {
  /** Stores a rotated refresh token; nothing when it did not change. Throws when it could not. */
  store(rotated: string | undefined): Promise<void>
  /** True once the new refresh token is in the secret. */
  readonly updated: boolean
  readonly secret: string
}

/**
 * Proves, before the refresh request, that the rotated token will be storable: the target exists,
 * its public key can be read, and `github-token` may write the secret (the current value is
 * written back, sealed anew: GitHub keeps only ciphertext, so nothing changes). With the guard,
 * the fingerprint variable is compared first, so a stale token is never written over a newer one.
 * Reads run together, then the no-op writes together: none of them can lose a token, because the
 * token endpoint has not been called yet.
 */
export async function preflight(s: SecretSettings, current: string, api: Api, warn: (line: string) => void): Promise<Writeback> {
  try {
    return await check(s, current, api, warn)
  } catch (e) {
    if (!(e instanceof ActionError)) throw e
    const context = e.code === 'network' || e.code === 'timeout' ? `Checking that ${describeSecret(s.target, s.name)} can be written failed: ` : ''
    throw new ActionError(e.code, `${context}${e.message} The refresh was not attempted, so the refresh token was not used.`, e.details)
  }
}

async function check(s: SecretSettings, current: string, api: Api, warn: (line: string) => void): Promise<Writeback> {
  const t = s.target
  const secret = describeSecret(t, s.name)
  const variableName = fingerprintVariable(s.name)
  const variable = describeSecret(t, variableName, 'variable')

  const [keyRes, org, varRes] = await Promise.all([
    getPublicKey(api, t),
    t.kind === 'organization' ? orgVisibility(api, t, s.name) : undefined,
    s.staleTokenGuard ? getVariable(api, t, variableName) : undefined
  ])
  if (keyRes.status !== 200) throw apiError(keyRes, `Reading the public key for ${secret}`, t, 'secret', s.githubToken)
  const key = parsePublicKey(keyRes)
  if (!key) throw new ActionError('github_api', `Reading the public key for ${secret} gave no usable key (expected key_id and a 32-byte base64 key). Check 'github-api-url' points at the GitHub REST API.`)

  let variableExists = false
  if (varRes) {
    if (varRes.status === 200) {
      variableExists = true
      const recorded = parseBody(varRes)?.value
      if (recorded !== fingerprint(current)) throw staleToken(secret, variable, variableName)
    } else if (varRes.status !== 404) {
      throw apiError(varRes, `Reading ${variable}`, t, 'variable', s.githubToken)
    }
  }

  const [putRes, setRes] = await Promise.all([
    putSecret(api, t, s.name, sealedBox(current, key.key), key, org),
    s.staleTokenGuard ? setVariable(api, t, variableName, fingerprint(current), variableExists) : undefined
  ])
  if (putRes.status !== 201 && putRes.status !== 204) {
    throw apiError(putRes, `Writing ${secret} (its current value again, to prove the permission before the refresh)`, t, 'secret', s.githubToken)
  }
  if (putRes.status === 201) {
    warn(`${capitalize(secret)} did not exist; it now holds the current refresh token. Make sure 'refresh-token' reads this same secret, or the next run will present a token this run rotated.`)
  }
  if (setRes && !ok(setRes)) throw apiError(setRes, `Writing ${variable} (the stale-token guard's fingerprint)`, t, 'variable', s.githubToken)

  return new Store(s, current, api, key, org, secret, variable)
}

class Store implements Writeback {
  updated = false
  private readonly s: SecretSettings
  private readonly current: string
  private readonly api: Api
  private readonly key: PublicKey
  private readonly org: OrgVisibility | undefined
  readonly secret: string
  private readonly variable: string
  constructor(s: SecretSettings, current: string, api: Api, key: PublicKey, org: OrgVisibility | undefined, secret: string, variable: string) {
    this.s = s
    this.current = current
    this.api = api
    this.key = key
    this.org = org
    this.secret = secret
    this.variable = variable
  }

  /**
   * The guard's fingerprint is updated before the secret: if the secret write then fails, the
   * variable already names the new token, so the next run stops instead of presenting the old,
   * dead one (and triggering reuse detection, RFC 9700 §4.14.2); a fallback step that stores the
   * new token makes them agree again.
   */
  async store(rotated: string | undefined): Promise<void> {
    // Some providers send the same refresh token back (RFC 6749 §6 lets them): nothing to store.
    if (!rotated || rotated === this.current) return
    const { s, api } = this
    let variableError: ActionError | undefined
    if (s.staleTokenGuard) {
      const res = await attempt(() => setVariable(api, s.target, fingerprintVariable(s.name), fingerprint(rotated), true))
      if (res instanceof ActionError || !ok(res)) variableError = res instanceof ActionError ? res : apiError(res, `Writing ${this.variable}`, s.target, 'variable', s.githubToken)
    }
    const res = await attempt(() => putSecret(api, s.target, s.name, sealedBox(rotated, this.key.key), this.key, this.org))
    if (res instanceof ActionError || !ok(res)) {
      const why = res instanceof ActionError ? res : apiError(res, `Writing ${this.secret}`, s.target, 'secret', s.githubToken)
      const guard = s.staleTokenGuard && !variableError ? ` ${capitalize(this.variable)} already names the new token, so later runs stop before presenting the old one.` : ''
      throw new ActionError(
        'secret_not_stored',
        `The provider rotated the refresh token, but storing the new one failed: ${why.message} ${capitalize(this.secret)} still holds the old refresh token, which probably no longer works. ` +
          `The new one is in this step's masked 'refresh-token' output: store it from a later step (if: failure()) before the job ends, or authorize again.${guard}`,
        why.details
      )
    }
    this.updated = true
    if (variableError) {
      throw new ActionError(
        'fingerprint_not_stored',
        `The new refresh token is stored in ${this.secret}, but the stale-token guard could not record it: ${variableError.message} ` +
          `${capitalize(this.variable)} still names the old token, so the next run would stop as stale: delete that variable (the next run records it again), and fix its permission if that is what failed.`,
        variableError.details
      )
    }
  }
}

function staleToken(secret: string, variable: string, variableName: string): ActionError {
  return new ActionError(
    'stale_token',
    `The refresh token given to this run is not the one ${secret} was last known to hold: ${variable} names a newer one. ` +
      `Another run has probably rotated it already (overlapping runs, or a queued or re-run job that read the secret before that rotation), or an earlier run could not store its rotated token. ` +
      `Start a new run, which reads the secret's current value; if the secret does hold the newest token, delete the variable ${variableName} and the next run records it again.`
  )
}

const ok = (res: HttpResponse): boolean => res.status >= 200 && res.status < 300

/** A network failure becomes a value, so one failed write does not skip the next. */
async function attempt(f: () => Promise<HttpResponse>): Promise<HttpResponse | ActionError> {
  try {
    return await f()
  } catch (e) {
    if (e instanceof ActionError) return e
    throw e
  }
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
