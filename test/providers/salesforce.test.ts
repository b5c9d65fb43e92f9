/** Salesforce with refresh token rotation on, against a replica (research/providers/salesforce.md). */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { salesforce } from '../support/providers/salesforce.js'

const h = presetHarness('salesforce')

describe('salesforce', () => {
  it('refreshes twice in a row; no expires_in, so no expiry; instance_url among the response fields', async () => {
    const replica = salesforce()
    const [first, second] = await h.chain(replica)
    expect(replica.seen[1]!.form.get('refresh_token')).toBe(replica.issuedRefresh[1])
    expect(first.expiresAt).toBeUndefined()
    expect(second.responseFields).toEqual({
      scope: 'refresh_token web api',
      instance_url: 'https://acme.my.salesforce.com',
      id: 'https://login.salesforce.com/id/00D5g000004ABCD/0055g00000ABCDE',
      token_type: 'Bearer',
      issued_at: '1893456000000'
    })
  })

  it('a dead refresh token: invalid_grant, with the sandbox host in the advice', async () => {
    const e = await h.dead(salesforce(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toContain("(expired access/refresh token). Salesforce refused the refresh token: the connected app's refresh token policy expired it")
    expect(e.message).toContain("'token-url' https://test.salesforce.com/services/oauth2/token")
  })

  it('a rotated-out token presented again invalidates the current one too: reuse window 0, which the rotation layer reads', async () => {
    const replica = salesforce()
    await h.chain(replica)
    const reused = await h.refresh(replica, { 'refresh-token': replica.first })
    expect(reused.error!.code).toBe('invalid_grant')
    const newest = await h.refresh(replica, { 'refresh-token': replica.issuedRefresh[2]! })
    expect(newest.error!.code).toBe('invalid_grant')
    expect((await h.refresh(salesforce())).obtained!.endpoints!.preset).toMatchObject({ rotation: 'configurable', reuseWindowS: 0 })
  })

  it('revokes beside the token endpoint it refreshed at: a sandbox revokes on its own host', async () => {
    const out = await h.refresh(salesforce())
    expect(out.obtained!.endpoints!.revocationUrl!.href).toBe(`${h.server().url}/services/oauth2/revoke`)
  })
})
