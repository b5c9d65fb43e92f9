import * as core from '@actions/core'
import { describeDuration, earliestEnd } from '../oauth/refresh-lifetime.js'
import type { Obtained } from '../oauth/obtained.js'
import { isoSeconds } from './outputs.js'

const DAY_MS = 86_400_000

/**
 * The refresh token's end, as the `refresh-token-expires-at` output, a warning and a line of the
 * job summary (returned). Only an absolute end warns, once fewer than `refresh-token-warn-days`
 * remain: nothing a run does moves it. An idle end moves with every refresh, so a warning on every
 * run would be noise; the log says instead what schedule keeps the token alive.
 */
export function reportRefreshTokenLifetime(got: Obtained, warnDays: number, now: number): string | undefined {
  const e = got.refreshExpiry
  const end = earliestEnd(e)
  core.setOutput('refresh-token-expires-at', isoSeconds(end))
  if (!e || end === undefined) return undefined
  const provider = got.endpoints?.preset
  if (e.absoluteAt !== undefined && e.absoluteAt - now < warnDays * DAY_MS) {
    const left = Math.max(0, e.absoluteAt - now)
    const inTime = left >= 2 * DAY_MS ? `${Math.round(left / DAY_MS)} days` : describeDuration(Math.max(1, Math.floor(left / 1000)))
    core.warning(
      `The refresh token stops working at ${isoSeconds(e.absoluteAt)}, in ${inTime}, and refreshing does not extend it: authorize again before then and store the new refresh token. ` +
        `(Said while fewer than ${warnDays} days remain: 'refresh-token-warn-days'.)`
    )
  }
  if (e.idleS !== undefined && e.idleAt !== undefined) {
    const keepAlive = provider?.refreshTokenLifetime?.keepAlive
    core.info(
      `The refresh token expires after ${describeDuration(e.idleS)} unused (at ${isoSeconds(e.idleAt)} unless refreshed before): run this workflow more often than every ${describeDuration(e.idleS)}, with room for late starts.${keepAlive ? ` ${keepAlive}` : ''}`
    )
  }
  return `${isoSeconds(end)}${end === e.idleAt && end !== e.absoluteAt ? ' (if unused until then)' : ''}`
}
