/** Microsoft Entra against a replica of one tenant's v2.0 token endpoint (research/providers/microsoft-entra.md). */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { microsoftEntra } from '../support/providers/microsoft-entra.js'

const h = presetHarness('microsoft-entra')
const T = Date.UTC(2030, 0, 1)

describe('microsoft-entra', () => {
  it('refreshes twice in a row at the tenant token-url gives, with body credentials', async () => {
    const replica = microsoftEntra()
    await h.chain(replica)
    expect(replica.seen.map((r) => [r.url, r.form.get('client_id'), r.headers.authorization])).toEqual([
      ['/contoso.onmicrosoft.com/oauth2/v2.0/token', 'replica-client-id', undefined],
      ['/contoso.onmicrosoft.com/oauth2/v2.0/token', 'replica-client-id', undefined]
    ])
  })

  it('a dead refresh token: invalid_grant, with the advice of AADSTS700082', async () => {
    const e = await h.dead(microsoftEntra(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toMatch(/invalid_grant \(AADSTS700082: The refresh token has expired due to inactivity\..*\)\. Microsoft Entra says the refresh token expired after going unused \(AADSTS700082\)\./)
    // Entra never revokes a used token: the generic chain-lost story would be wrong here.
    expect(e.message).not.toContain('RFC 9700')
  })

  it('an expired client secret: AADSTS7000222 says to create a new one, and only that', async () => {
    const out = await h.refresh(microsoftEntra(), { 'client-secret': 'expired-secret' })
    expect(out.error!.code).toBe('invalid_client')
    expect(out.error!.message).toMatch(/\. Microsoft Entra says the app's client secret has expired \(AADSTS7000222\)\. Create a new client secret for the app and update 'client-secret'\.$/)
  })

  it('an old refresh token still works after a rotation (Entra does not revoke it), and the idle 90 days never warn', async () => {
    const replica = microsoftEntra()
    await h.chain(replica)
    const again = await h.refresh(replica, { 'refresh-token': replica.first }, T)
    expect(again.error).toBeUndefined()
    expect(again.lifetime).toBe('2030-04-01T00:00:00Z (if unused until then)')
    expect(again.printed).not.toContain('::warning::')
    expect(again.obtained!.endpoints!.preset).toMatchObject({ rotation: 'always', reuseWindowS: 'unlimited' })
  })
})
