import { ActionError, foreign } from '../errors.js'
import { urlProblem, type Fields, type HttpRequest } from '../http.js'
import type { NetDeps } from '../retry.js'
import { requestGrant } from './grants.js'
import type { Provider } from './providers/types.js'
import type { Limits } from './refresh.js'

/** RFC 8628 §3.2: what the device authorization endpoint answers. */
export interface DeviceAuthorization {
  readonly deviceCode: string
  readonly userCode: string
  readonly verificationUri: URL
  readonly verificationUriComplete: URL | undefined
  readonly expiresInS: number
  readonly intervalS: number
}

/** RFC 8628 §3.2: "If no value is provided, clients MUST use 5 as the default." */
const DEFAULT_INTERVAL_S = 5
/** RFC 8628 §3.5: each slow_down adds five seconds to the interval, for this and later polls. */
export const SLOW_DOWN_S = 5

/** Validates a device authorization response; every value shown to the user passes through foreign(). */
export function parseDeviceAuthorization(fields: Fields, where: string): DeviceAuthorization {
  const invalid = (problem: string): ActionError =>
    new ActionError('invalid_response', `The device authorization endpoint at ${where} answered HTTP 200 but the response is invalid: ${problem} (RFC 8628 §3.2). Check the device authorization endpoint, or report it to the provider.`)
  const text = (name: string, value: unknown): string => {
    if (typeof value !== 'string' || !/^[\x21-\x7E]+$/.test(value)) throw invalid(`'${name}' must be a non-empty string of visible ASCII`)
    return value
  }
  const url = (name: string, value: unknown): URL => {
    const raw = text(name, value)
    if (!URL.canParse(raw)) throw invalid(`'${name}' is not an absolute URL`)
    const parsed = new URL(raw)
    if (urlProblem(parsed)) throw invalid(`'${name}' ${urlProblem(parsed)!}`)
    return parsed
  }
  const seconds = (name: string, value: unknown, fallback?: number): number => {
    if (value === undefined && fallback !== undefined) return fallback
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0 || n > 86_400) throw invalid(`'${name}' must be a whole number of seconds from 1 to 86400; got ${foreign(JSON.stringify(value) ?? 'nothing', 40)}`)
    return n
  }
  return {
    deviceCode: text('device_code', fields.device_code),
    userCode: text('user_code', fields.user_code),
    // Google answers verification_url, from before RFC 8628 named it.
    verificationUri: url('verification_uri', fields.verification_uri ?? fields.verification_url),
    verificationUriComplete: fields.verification_uri_complete === undefined ? undefined : url('verification_uri_complete', fields.verification_uri_complete),
    expiresInS: seconds('expires_in', fields.expires_in),
    intervalS: seconds('interval', fields.interval, DEFAULT_INTERVAL_S)
  }
}

/**
 * RFC 8628 §3.4 and §3.5: poll the token endpoint every `interval` seconds while the server says
 * authorization_pending, five seconds slower after each slow_down, until it issues tokens, refuses
 * (access_denied, expired_token and any other error end the polling), or the device code expires.
 * The first poll waits an interval too: no one has entered the code that fast. Sleeps go through
 * `deps.sleep`, so tests run the whole schedule on a fake clock.
 */
export async function pollDeviceToken(poll: () => HttpRequest, d: DeviceAuthorization, limits: Limits, deps: NetDeps, provider?: Provider): Promise<Fields> {
  const deadline = deps.now() + d.expiresInS * 1000
  let intervalMs = d.intervalS * 1000
  for (;;) {
    if (deps.now() + intervalMs > deadline) {
      throw new ActionError('expired_token', `The user code expired (after ${d.expiresInS} s) before the authorization was completed. Nothing was stored; run the command again.`)
    }
    await deps.sleep(intervalMs)
    const answer = await requestGrant(poll(), 'device_code', limits, deps, provider)
    if (answer === 'slow_down') intervalMs += SLOW_DOWN_S * 1000
    else if (answer !== 'authorization_pending') return answer
  }
}
