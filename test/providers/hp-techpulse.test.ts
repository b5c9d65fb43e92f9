/** HP TechPulse (US and EU) against a replica of its documented token endpoint (research/providers/hp-techpulse.md). */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { hpTechPulse } from '../support/providers/hp-techpulse.js'
import { CLIENT_ID, CLIENT_SECRET } from '../support/providers/replica.js'
import { decodeBasic } from '../support/token-server.js'

const h = presetHarness('hp-techpulse')

describe('hp-techpulse', () => {
  it('refreshes twice in a row with Basic credentials, each time presenting the token the last one issued', async () => {
    const replica = hpTechPulse()
    const [first, second] = await h.chain(replica)
    expect(replica.seen.map((r) => decodeBasic(r.headers.authorization))).toEqual([[CLIENT_ID, CLIENT_SECRET], [CLIENT_ID, CLIENT_SECRET]])
    expect(replica.seen[1]!.form.get('refresh_token')).toBe(replica.issuedRefresh[1])
    expect(second.tokens.accessToken).not.toBe(first.tokens.accessToken)
  })

  it('a dead refresh token: invalid_grant, in RFC 6749 words (HP documents none)', async () => {
    await h.dead(hpTechPulse(), 'invalid_grant', 'invalid_grant')
  })

  it('the millisecond-looking 1799999 is capped to the documented 30 minutes', async () => {
    const out = await h.refresh(hpTechPulse())
    expect(out.obtained!.tokens.expiresIn).toBe(1800)
    expect(out.obtained!.tokens.warnings).toEqual([expect.stringMatching(/^'expires_in' is 1799999, longer than the 30 minutes HP TechPulse documents for its access tokens .*: 'expires-in' and 'expires-at' use 30 minutes\.$/)])
  })

  it('refused client credentials name the 365-day secret expiry, once, and nothing else', async () => {
    const out = await h.refresh(hpTechPulse(), { 'client-secret': 'an-old-secret+/=' })
    expect(out.error!.code).toBe('invalid_client')
    expect(out.error!.message).toMatch(/HTTP 401 invalid_client\. The client credentials were rejected\. HP TechPulse client secrets expire 365 days after they are created/)
    expect(out.error!.message).not.toMatch(/basic-auth-encoding|auth-method|Both Basic/)
  })

  it('hp-techpulse-eu is the same preset on the EU host', async () => {
    const { PROVIDERS } = await import('../../src/oauth/providers/index.js')
    const eu = PROVIDERS['hp-techpulse-eu']
    const us = PROVIDERS['hp-techpulse']
    expect([eu.id, eu.name, eu.tokenUrl, eu.authorize.url]).toEqual(['hp-techpulse-eu', 'HP TechPulse (EU)', 'https://eu.daas.api.hp.com/oauth/v1/token', 'https://eu.daas.api.hp.com/oauth/v1/authorize'])
    expect({ ...eu, id: us.id, name: us.name, tokenUrl: us.tokenUrl, authorize: us.authorize }).toEqual(us)
  })
})
