/** Issue 18: a refresh token's end, absolute or idle, from the response or the preset, and what the step says about it. */
import { describe, expect, it } from 'vitest'
import { reportRefreshTokenLifetime } from '../src/action/lifetime.js'
import type { Obtained } from '../src/oauth/obtained.js'
import { describeDuration, earliestEnd, refreshTokenExpiry } from '../src/oauth/refresh-lifetime.js'
import { runnerEnv } from './support/inputs.js'

const T = Date.UTC(2030, 0, 1)
const DAY = 86_400_000

describe('refreshTokenExpiry', () => {
  it.each([
    ['GitHub and Google: refresh_token_expires_in is absolute', { refresh_token_expires_in: 15_811_200 }, { absoluteAt: T + 15_811_200_000 }],
    ['Intuit: the rolling x_refresh_token_expires_in is idle, the hard cap absolute', { x_refresh_token_expires_in: '8726400', x_refresh_token_hard_expires_in: 157_680_000 }, { absoluteAt: T + 157_680_000_000, idleAt: T + 8_726_400_000, idleS: 8_726_400 }],
    ['Keycloak: refresh_expires_in is the session idle time', { refresh_expires_in: 1800 }, { idleAt: T + 1_800_000, idleS: 1800 }],
    ['Keycloak offline token: 0 is no limit', { refresh_expires_in: 0 }, undefined],
    ['nonsense is not reported', { refresh_token_expires_in: -5, refresh_expires_in: '1e9', x_refresh_token_expires_in: 10 ** 12 }, undefined]
  ])('%s', (_, fields, expected) => expect(refreshTokenExpiry(fields, T, true)).toEqual(expected === undefined ? undefined : { absoluteAt: undefined, idleAt: undefined, idleS: undefined, ...expected }))

  it("a preset's documented absolute lifetime counts only for a token this response issued", () => {
    const preset = { refreshTokenLifetime: { absoluteS: 100 * 86_400, idleS: 60 * 86_400 } }
    expect(refreshTokenExpiry({}, T, true, preset)).toEqual({ absoluteAt: T + 100 * DAY, idleAt: T + 60 * DAY, idleS: 60 * 86_400 })
    expect(refreshTokenExpiry({}, T, false, preset)).toEqual({ absoluteAt: undefined, idleAt: T + 60 * DAY, idleS: 60 * 86_400 })
    expect(refreshTokenExpiry({ refresh_token_expires_in: 86_400 }, T, true, preset)?.absoluteAt).toBe(T + DAY)
  })

  it('the output is the earlier end', () => {
    expect(earliestEnd({ absoluteAt: 5, idleAt: 3 })).toBe(3)
    expect(earliestEnd(undefined)).toBeUndefined()
  })

  it.each([[1800, '30 minutes'], [86_400, '1 day'], [5_184_000, '60 days'], [8_726_399, 'about 101 days'], [45, '45 seconds']])('%i s reads "%s"', (s, text) => expect(describeDuration(s)).toBe(text))
})

describe('reportRefreshTokenLifetime', () => {
  const printed = runnerEnv()
  const got = (refreshExpiry: Obtained['refreshExpiry'], keepAlive?: string) =>
    ({ refreshExpiry, endpoints: keepAlive ? { preset: { refreshTokenLifetime: { keepAlive } } } : undefined }) as unknown as Obtained
  const lines = (kind: string) => printed.join('').split('\n').filter((l) => l.startsWith(kind))

  it('warns, naming the date, when an absolute end is nearer than the warn days', () => {
    expect(reportRefreshTokenLifetime(got({ absoluteAt: T + 9 * DAY + 5000 }), 14, T)).toBe('2030-01-10T00:00:05Z')
    expect(lines('::warning::')).toEqual([
      "::warning::The refresh token stops working at 2030-01-10T00:00:05Z, in 9 days, and refreshing does not extend it: authorize again before then and store the new refresh token. (Said while fewer than 14 days remain: 'refresh-token-warn-days'.)"
    ])
  })

  it.each([[20, 14], [1, 0]])('does not warn %i days ahead with warn days %i', (days, warn) => {
    reportRefreshTokenLifetime(got({ absoluteAt: T + days * DAY }), warn, T)
    expect(lines('::warning::')).toEqual([])
  })

  it('an idle end never warns: it says what schedule keeps the token alive, in the preset\'s words too', () => {
    expect(reportRefreshTokenLifetime(got({ idleAt: T + 1_800_000, idleS: 1800 }, 'Request offline_access.'), 14, T)).toBe('2030-01-01T00:30:00Z (if unused until then)')
    expect(lines('::warning::')).toEqual([])
    expect(printed.join('')).toContain(
      'The refresh token expires after 30 minutes unused (at 2030-01-01T00:30:00Z unless refreshed before): run this workflow more often than every 30 minutes, with room for late starts. Request offline_access.'
    )
  })

  it('nothing known: an empty output and no summary line', () => {
    expect(reportRefreshTokenLifetime(got(undefined), 14, T)).toBeUndefined()
    expect(printed.join('')).toBe('')
  })
})
