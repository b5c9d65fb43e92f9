/** Strava against a replica of www.strava.com/oauth/token (research/providers/strava.md). */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { CLIENT_ID, CLIENT_SECRET } from '../support/providers/replica.js'
import { STRAVA_EPOCH_S, strava } from '../support/providers/strava.js'

const h = presetHarness('strava')
const at = (clockS: number) => (STRAVA_EPOCH_S + clockS) * 1000

describe('strava', () => {
  it('refreshes twice in a row with client_id and client_secret in the body', async () => {
    const replica = strava()
    const [, second] = await h.chain(replica)
    expect(replica.seen.map((r) => [r.headers.authorization, r.form.get('client_id'), r.form.get('client_secret')])).toEqual([
      [undefined, CLIENT_ID, CLIENT_SECRET],
      [undefined, CLIENT_ID, CLIENT_SECRET]
    ])
    expect(second.responseFields).toMatchObject({ token_type: 'Bearer', expires_at: expect.any(Number) })
  })

  it('a dead refresh token: Strava\'s errors[] RefreshToken invalid is invalid_grant, in one line', async () => {
    const e = await h.dead(strava(), 'invalid_grant', 'RefreshToken invalid')
    expect(e.message).toContain('HTTP 400 RefreshToken invalid (Bad Request; field refresh_token). Strava says the refresh token is invalid: once Strava returns a new refresh token the older one is invalidated immediately')
  })

  it('a refused application: errors[] Application invalid is invalid_client', async () => {
    const out = await h.refresh(strava(), { 'client-secret': 'wrong' })
    expect(out.error!.code).toBe('invalid_client')
    expect(out.error!.message).toContain("HTTP 400 Application invalid (Bad Request; field client_id). Strava refused the application: check 'client-id'")
  })

  it('the same tokens back while the access token has over an hour left: no rotation, the same expiry; then new ones, and the old refresh token is dead', async () => {
    const replica = strava()
    const first = await h.refresh(replica, {}, at(0))
    replica.clock = 3600
    const same = await h.refresh(replica, { 'refresh-token': first.rotated! }, at(3600))
    expect(same.rotated).toBeUndefined()
    expect(same.obtained!.tokens.accessToken).toBe(first.obtained!.tokens.accessToken)
    expect([first.obtained!.expiresAt, same.obtained!.expiresAt]).toEqual([at(21_600), at(21_600)])
    expect(same.obtained!.tokens.expiresIn).toBe(18_000)
    replica.clock = 18_000
    const renewed = await h.refresh(replica, { 'refresh-token': first.rotated! }, at(18_000))
    expect(renewed.rotated).toBe(replica.current)
    expect(renewed.obtained!.expiresAt).toBe(at(18_000 + 21_600))
    const old = await h.refresh(replica, { 'refresh-token': first.rotated! })
    expect(old.error!.details.oauthError).toBe('RefreshToken invalid')
  })
})
