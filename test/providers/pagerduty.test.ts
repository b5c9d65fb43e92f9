/** PagerDuty against a replica of its token endpoint (research/providers/pagerduty.md; mostly REFERENCE.md, UNVERIFIED). */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { pagerduty } from '../support/providers/pagerduty.js'
import { CLIENT_SECRET } from '../support/providers/replica.js'

const h = presetHarness('pagerduty')

describe('pagerduty', () => {
  it('refreshes twice in a row with body credentials, its pdus+_ tokens form-encoded', async () => {
    const replica = pagerduty()
    await h.chain(replica)
    const second = replica.seen[1]!
    expect(second.headers.authorization).toBeUndefined()
    expect(second.form.get('client_secret')).toBe(CLIENT_SECRET)
    expect(second.form.get('refresh_token')).toBe(replica.issuedRefresh[1])
    expect(second.body).toContain(`refresh_token=${encodeURIComponent(replica.issuedRefresh[1]!)}`)
    expect(second.body).not.toContain('pdus+_')
  })

  it('a dead refresh token: invalid_grant', async () => {
    await h.dead(pagerduty(), 'invalid_grant', 'invalid_grant')
  })

  it('the documented 24 hours stand in for expires_in and cap it; no HP advice on a refused client', async () => {
    const out = await h.refresh(pagerduty())
    expect(out.obtained!.tokens.expiresIn).toBe(86_400)
    const refused = await h.refresh(pagerduty(), { 'client-secret': 'wrong-secret' })
    expect(refused.error!.code).toBe('invalid_client')
    expect(refused.error!.message).toMatch(/The client credentials were rejected\. Check 'client-id' and 'client-secret' \(an expired client secret looks the same\)\.$/)
  })
})
