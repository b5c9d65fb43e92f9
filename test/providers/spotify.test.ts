/** Spotify against a replica of accounts.spotify.com/api/token (research/providers/spotify.md). */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { CLIENT_ID, CLIENT_SECRET } from '../support/providers/replica.js'
import { spotify } from '../support/providers/spotify.js'
import { decodeBasic } from '../support/token-server.js'

const h = presetHarness('spotify')
const T = Date.UTC(2030, 0, 1)

describe('spotify', () => {
  it('refreshes twice in a row with Basic credentials; without a new refresh token it keeps the one it has', async () => {
    const replica = spotify()
    const [first, second] = await h.chain(replica)
    expect(replica.seen.map((r) => decodeBasic(r.headers.authorization))).toEqual([[CLIENT_ID, CLIENT_SECRET], [CLIENT_ID, CLIENT_SECRET]])
    expect(first.tokens.refreshToken).toBe(replica.current)
    // "When a refresh token is not returned, continue using the existing token."
    expect(second.tokens.refreshToken).toBeUndefined()
    const third = await h.refresh(replica, { 'refresh-token': replica.current! })
    expect([third.error, third.rotated]).toEqual([undefined, undefined])
  })

  it('a dead refresh token: invalid_grant, the six months from authorization and "do not retry"', async () => {
    const e = await h.dead(spotify(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toContain("(Invalid refresh token). Spotify refused the refresh token: it reached the end of its six months, counted from the user's authorization (refreshing does not extend it)")
    expect(e.message).toContain('Do not retry: have the user authorize the app again')
  })

  it('invalid_grant is not retried, whatever max-attempts says', async () => {
    const replica = spotify()
    const out = await h.refresh(replica, { 'refresh-token': replica.dead, 'max-attempts': '5' })
    expect(out.error!.code).toBe('invalid_grant')
    expect(replica.seen).toHaveLength(1)
  })

  it('a PKCE client (no client-secret) sends client_id in the body and no Authorization', async () => {
    const replica = spotify()
    const out = await h.refresh(replica, { 'client-secret': '' })
    expect(out.error).toBeUndefined()
    const sent = replica.seen[0]!
    expect([sent.headers.authorization, sent.form.get('client_id'), sent.form.has('client_secret')]).toEqual([undefined, CLIENT_ID, false])
  })

  it('the six months count from authorization, which no response says: no date, no warning', async () => {
    const out = await h.refresh(spotify(), {}, T)
    expect(out.rotated).toBeDefined()
    expect(out.lifetime).toBeUndefined()
    expect(out.printed).not.toContain('::warning::')
  })
})
