/** Zoho against a replica of {accounts-server}/oauth/v2/token (research/providers/zoho.md): data centres, api_domain, errors in HTTP 200. */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { CLIENT_SECRET } from '../support/providers/replica.js'
import { zoho } from '../support/providers/zoho.js'

const h = presetHarness('zoho')

describe('zoho', () => {
  it('refreshes twice with the same refresh token and body credentials; api_domain is a response field', async () => {
    const replica = zoho()
    const [first, second] = await h.chain(replica)
    expect(replica.seen.map((r) => [r.form.get('refresh_token'), r.form.get('client_secret'), r.headers.authorization])).toEqual([
      [replica.first, CLIENT_SECRET, undefined],
      [replica.first, CLIENT_SECRET, undefined]
    ])
    expect(first.tokens.refreshToken).toBeUndefined()
    expect(second.responseFields).toEqual({ scope: 'ZohoCRM.modules.ALL', api_domain: 'https://www.zohoapis.com', token_type: 'Bearer', expires_in: 3600 })
    expect(second.endpoints!.preset).toMatchObject({ rotation: 'never', reuseWindowS: 'unlimited' })
  })

  it('a dead refresh token: invalid_code in an HTTP 200 is invalid_grant, naming the data centres', async () => {
    const e = await h.dead(zoho(), 'invalid_grant', 'invalid_code')
    expect(e.details.status).toBe(200)
    expect(e.message).toContain('HTTP 200 invalid_code. Zoho does not know the refresh token at this data centre.')
    expect(e.message).toContain("or 'token-url' is not the user's data centre: the accounts server returned at authorization (accounts-server), e.g. https://accounts.zoho.eu/oauth/v2/token")
    expect(e.message).not.toMatch(/concurrent|RFC 9700/)
  })

  it("another data centre is its host in token-url, not issuer; the preset stays and that centre's api_domain comes out", async () => {
    const eu = await h.refresh(zoho('https://www.zohoapis.eu'))
    expect(eu.obtained!.endpoints!.authMethod).toBe('client_secret_post')
    expect(eu.obtained!.responseFields).toMatchObject({ api_domain: 'https://www.zohoapis.eu' })
    const issuer = await h.refresh(zoho(), { 'token-url': '', issuer: 'https://accounts.zoho.eu' })
    expect(issuer.error!.code).toBe('input')
    expect(issuer.error!.message).toContain("Zoho has a fixed token endpoint. To use another host (a region, sandbox or your own server), set 'token-url' instead")
  })

  it('the ten-in-ten-minutes throttle, in an HTTP 200, says to wait and run less often', async () => {
    const replica = zoho()
    replica.route = () => ({ body: { error: 'Access Denied' } })
    const out = await h.refresh(replica)
    expect(out.error!.code).toBe('oauth_error')
    expect(out.error!.message).toContain('HTTP 200 Access Denied. Zoho allows ten access tokens per refresh token in ten minutes')
  })
})
