/** LinkedIn against a replica of www.linkedin.com/oauth/v2/accessToken (research/providers/linkedin.md). */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { linkedin } from '../support/providers/linkedin.js'
import { CLIENT_ID, CLIENT_SECRET } from '../support/providers/replica.js'

const h = presetHarness('linkedin')
const T = Date.UTC(2030, 0, 1)
const DAY_S = 86_400

describe('linkedin', () => {
  it('refreshes twice in a row with body credentials; no token_type in the answer is Bearer, without a warning', async () => {
    const replica = linkedin()
    const [first, second] = await h.chain(replica)
    expect(replica.seen.map((r) => [r.headers.authorization, r.form.get('client_id'), r.form.get('client_secret')])).toEqual([
      [undefined, CLIENT_ID, CLIENT_SECRET],
      [undefined, CLIENT_ID, CLIENT_SECRET]
    ])
    expect(first.tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 60 * DAY_S, warnings: [] })
    expect(second.tokens.refreshToken).toBe(replica.first)
  })

  it('a new refresh token, should LinkedIn send one, is taken and chained', async () => {
    const replica = linkedin({ rotate: true })
    const [first] = await h.chain(replica)
    expect(first.tokens.refreshToken).toBe(replica.issuedRefresh[1])
  })

  it('a dead refresh token: invalid_grant, naming the 365 days from authorization', async () => {
    const e = await h.dead(linkedin(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toContain('LinkedIn refused the refresh token: it lives 365 days from the first authorization and refreshing does not extend it')
  })

  it('refresh_token_expires_in counts down from the authorization: far from the end a date and no warning', async () => {
    const replica = linkedin({ agoS: 59 * DAY_S })
    const out = await h.refresh(replica, {}, T)
    // "Day 59… the refresh token will have a TTL of 306 days (365-59=306)".
    expect(out.lifetime).toBe(new Date(T + 306 * DAY_S * 1000).toISOString().replace('.000', ''))
    expect(out.printed).not.toContain('::warning::')
  })

  it('five days before the end: a warning naming the date, and the access token ends with the refresh token', async () => {
    const replica = linkedin({ agoS: 360 * DAY_S })
    const out = await h.refresh(replica, {}, T)
    expect(out.lifetime).toBe('2030-01-06T00:00:00Z')
    expect(out.obtained!.tokens.expiresIn).toBe(5 * DAY_S)
    expect(out.printed.split('\n').filter((l) => l.startsWith('::warning::'))).toEqual([
      "::warning::The refresh token stops working at 2030-01-06T00:00:00Z, in 5 days, and refreshing does not extend it: authorize again before then and store the new refresh token. (Said while fewer than 14 days remain: 'refresh-token-warn-days'.)"
    ])
  })
})
