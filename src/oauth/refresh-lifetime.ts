import type { Fields } from '../http.js'
import type { Provider } from './providers/types.js'

/**
 * RFC 6749 gives a refresh token no lifetime field; providers add their own, of two kinds. An
 * absolute end comes whatever the runs do, so it deserves a warning as it nears. An idle end moves
 * with every refresh, so a schedule keeps it away and a warning on every run would be noise.
 */
const FIELDS = [
  // GitHub ("The value will always be 15811200 (6 months)", per new token) and Google (time-based access).
  ['refresh_token_expires_in', 'absolute'],
  // Intuit's five-year cap, sent when asked with x-include-refresh-token-hard-expires-in [sdk, not docs].
  ['x_refresh_token_hard_expires_in', 'absolute'],
  // Intuit: "a rolling expiry date that is extended each time the token is used" (100 days).
  ['x_refresh_token_expires_in', 'idle'],
  // Keycloak: the token's exp follows the session idle timeout, which each refresh resets.
  ['refresh_expires_in', 'idle']
] as const

/** No provider documents a refresh token outliving this; a larger number is not a lifetime. */
const LONGEST_S = 30 * 365 * 86_400

export interface RefreshTokenExpiry {
  /** Epoch ms after which nothing keeps the refresh token alive. */
  readonly absoluteAt?: number
  /** Epoch ms at which it expires unless used before; every refresh moves it. */
  readonly idleAt?: number
  readonly idleS?: number
}

/**
 * When the refresh token in hand stops working, from the response's fields, else from what the
 * provider documents. A documented absolute lifetime counts from a token's issue, so it applies only
 * to a token this response issued (`rotated`). Keycloak reports 0 for an offline token without a
 * limit (UNVERIFIED): 0 and anything unreadable count as not reported.
 */
export function refreshTokenExpiry(fields: Fields, receivedAt: number, rotated: boolean, preset?: Pick<Provider, 'refreshTokenLifetime'>): RefreshTokenExpiry | undefined {
  let absoluteS: number | undefined
  let idleS: number | undefined
  for (const [name, kind] of FIELDS) {
    const value = seconds(fields[name])
    if (value === undefined) continue
    if (kind === 'absolute') absoluteS = Math.min(absoluteS ?? value, value)
    else idleS = Math.min(idleS ?? value, value)
  }
  const documented = preset?.refreshTokenLifetime
  if (absoluteS === undefined && rotated) absoluteS = documented?.absoluteS
  idleS ??= documented?.idleS
  if (absoluteS === undefined && idleS === undefined) return undefined
  return {
    absoluteAt: absoluteS === undefined ? undefined : receivedAt + absoluteS * 1000,
    idleAt: idleS === undefined ? undefined : receivedAt + idleS * 1000,
    idleS
  }
}

/** The earliest instant the token may stop working, for the `refresh-token-expires-at` output. */
export function earliestEnd(e: RefreshTokenExpiry | undefined): number | undefined {
  const ends = [e?.absoluteAt, e?.idleAt].filter((t): t is number => t !== undefined)
  return ends.length ? Math.min(...ends) : undefined
}

function seconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN
  return Number.isInteger(n) && n > 0 && n <= LONGEST_S ? n : undefined
}

/** A lifetime as people say it: "30 minutes", "60 days", "about 101 days", never "1.0 hours". */
export function describeDuration(s: number): string {
  for (const [unit, size] of [['day', 86_400], ['hour', 3600], ['minute', 60]] as const) {
    if (s < size || (s % size !== 0 && s < 2 * size)) continue
    const n = Math.round(s / size)
    return `${s % size === 0 ? '' : 'about '}${n} ${unit}${n === 1 ? '' : 's'}`
  }
  return `${s} second${s === 1 ? '' : 's'}`
}
