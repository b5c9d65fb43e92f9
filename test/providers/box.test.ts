/** Box against a replica of api.box.com/oauth2/token (research/providers/box.md): single-use refresh tokens, 60 days. */
import { describe, expect, it } from 'vitest'
import { box } from '../support/providers/box.js'
import { presetHarness } from '../support/providers/harness.js'
import { CLIENT_SECRET } from '../support/providers/replica.js'

const h = presetHarness('box')
const T = Date.UTC(2030, 0, 1)

describe('box', () => {
  it('refreshes twice in a row, each time with the refresh token the last one returned, credentials in the body', async () => {
    const replica = box()
    const [, second] = await h.chain(replica)
    expect(replica.seen.map((r) => [r.form.get('refresh_token'), r.form.get('client_secret')])).toEqual([
      [replica.first, CLIENT_SECRET],
      [replica.issuedRefresh[1], CLIENT_SECRET]
    ])
    expect(second.tokens.refreshToken).toBe(replica.current)
    expect(second.responseFields).toEqual({ expires_in: 3600, restricted_to: [], token_type: 'bearer' })
  })

  it('a dead refresh token: invalid_grant, in Box\'s words', async () => {
    const e = await h.dead(box(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toContain('HTTP 400 invalid_grant (Refresh token has expired). Box says the refresh token is invalid or expired: each Box refresh token works once and for 60 days')
  })

  it('single use: the token a refresh replaced is dead at once, and the preset allows no reuse window', async () => {
    const replica = box()
    const first = await h.refresh(replica)
    expect(first.obtained!.endpoints!.preset).toMatchObject({ rotation: 'always', reuseWindowS: 0 })
    expect((await h.refresh(replica, { 'refresh-token': replica.first })).error!.code).toBe('invalid_grant')
    expect((await h.refresh(replica, { 'refresh-token': first.rotated! })).error).toBeUndefined()
  })

  it('60 days from each new token is an idle end: the date is out, with no warning; no revocation preset', async () => {
    const out = await h.refresh(box(), {}, T)
    expect(out.lifetime).toBe('2030-03-02T00:00:00Z (if unused until then)')
    expect(out.printed).not.toContain('::warning::')
    expect(out.obtained!.endpoints!.revocationUrl).toBeUndefined()
  })

  it("a refused client: Box's invalid_client, in its words", async () => {
    const out = await h.refresh(box(), { 'client-secret': 'wrong' })
    expect(out.error!.code).toBe('invalid_client')
    expect(out.error!.message).toContain('(The client credentials are not valid). Box says the client credentials are not valid')
  })
})
