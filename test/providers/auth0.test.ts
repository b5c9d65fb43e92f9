/** Auth0 with refresh token rotation and no overlap period, against a replica (research/providers/auth0.md). */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { auth0 } from '../support/providers/auth0.js'
import { CLIENT_SECRET } from '../support/providers/replica.js'

const h = presetHarness('auth0')

describe('auth0', () => {
  it('refreshes twice in a row with body credentials at the tenant token-url gives', async () => {
    const replica = auth0()
    await h.chain(replica)
    expect(replica.seen.map((r) => r.form.get('client_secret'))).toEqual([CLIENT_SECRET, CLIENT_SECRET])
  })

  it('a dead refresh token: 403 invalid_grant', async () => {
    const e = await h.dead(auth0(), 'invalid_grant', 'invalid_grant')
    expect(e.details.status).toBe(403)
    expect(e.message).toContain('which revokes the whole family')
  })

  it('reusing a rotated token revokes the family: the newest token dies too, and the preset says reuse window 0', async () => {
    const replica = auth0()
    const [, second] = await h.chain(replica)
    expect((await h.refresh(replica, { 'refresh-token': replica.issuedRefresh[1]! })).error!.code).toBe('invalid_grant')
    expect((await h.refresh(replica, { 'refresh-token': replica.issuedRefresh[2]! })).error!.code).toBe('invalid_grant')
    expect(second.endpoints!.preset).toMatchObject({ rotation: 'configurable', reuseWindowS: 0 })
  })

  it('without token-url or issuer: an input error naming token-url, with the issuer\'s trailing slash', async () => {
    const out = await h.refresh(auth0(), { 'token-url': '' })
    expect(out.error!.code).toBe('input')
    expect(out.error!.message).toContain("Set 'token-url' (e.g. https://{yourDomain}/oauth/token) or 'issuer' (its discovery, e.g. https://{yourDomain}/).")
  })
})
