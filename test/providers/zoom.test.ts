/** Zoom against a replica of zoom.us/oauth/token (research/providers/zoom.md): Basic, rotation, "Invalid Token!". */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { zoom } from '../support/providers/zoom.js'

const h = presetHarness('zoom')
const T = Date.UTC(2030, 0, 1)

describe('zoom', () => {
  it('refreshes twice in a row with Basic credentials, each time with the newest refresh token; api_url is a response field', async () => {
    const replica = zoom()
    const [, second] = await h.chain(replica)
    expect(replica.seen.map((r) => [r.headers.authorization?.slice(0, 6), r.form.get('refresh_token'), r.form.has('client_secret')])).toEqual([
      ['Basic ', replica.first, false],
      ['Basic ', replica.issuedRefresh[1], false]
    ])
    expect(second.tokens).toMatchObject({ tokenType: 'bearer', expiresIn: 3599, refreshToken: replica.current })
    expect(second.responseFields).toEqual({ token_type: 'bearer', expires_in: 3599, scope: 'user:read:user', api_url: 'https://api.zoom.us' })
  })

  it('a dead refresh token: invalid_request with reason "Invalid Token!" is invalid_grant, in Zoom\'s words', async () => {
    const e = await h.dead(zoom(), 'invalid_grant', 'invalid_request')
    expect(e.message).toContain('HTTP 400 invalid_request (Invalid Token!). Zoom says the refresh token is invalid: Zoom accepts only the latest refresh token')
  })

  it('the prior refresh token is refused at once: no reuse window', async () => {
    const replica = zoom()
    const first = await h.refresh(replica)
    expect(first.obtained!.endpoints!.preset).toMatchObject({ rotation: 'always', reuseWindowS: 0 })
    const prior = await h.refresh(replica, { 'refresh-token': replica.first })
    expect(prior.error!.code).toBe('invalid_grant')
    expect(prior.error!.message).toContain('(Invalid Token!)')
  })

  it("the 15 years of Zoom's support article are each new token's end: the date is out, with no warning", async () => {
    const out = await h.refresh(zoom(), {}, T)
    expect(out.lifetime).toBe(new Date(T + 15 * 365 * 86_400_000).toISOString().replace('.000Z', 'Z'))
    expect(out.printed).not.toContain('::warning::')
  })

  it('a refused client: invalid_client with its reason, in Zoom\'s words', async () => {
    const out = await h.refresh(zoom(), { 'client-secret': 'wrong' })
    expect(out.error!.code).toBe('invalid_client')
    expect(out.error!.message).toContain('invalid_client (Invalid client_id or client_secret). Zoom says the client is invalid')
  })
})
