/** DocuSign against a replica of its account server's /oauth/token (research/providers/docusign.md). */
import { describe, expect, it } from 'vitest'
import { getInputs } from '../../src/action/inputs.js'
import { deps } from '../../src/action/runtime.js'
import { resolveEndpoints } from '../../src/oauth/endpoints.js'
import { setInputs } from '../support/inputs.js'
import { docusign } from '../support/providers/docusign.js'
import { presetHarness } from '../support/providers/harness.js'
import { CLIENT_ID, CLIENT_SECRET } from '../support/providers/replica.js'
import { decodeBasic } from '../support/token-server.js'

const h = presetHarness('docusign')
const T = Date.UTC(2030, 0, 1)

describe('docusign', () => {
  it('refreshes twice in a row with Basic integration key and secret, a new refresh token each time', async () => {
    const replica = docusign()
    const [first, second] = await h.chain(replica)
    expect(replica.seen.map((r) => decodeBasic(r.headers.authorization))).toEqual([[CLIENT_ID, CLIENT_SECRET], [CLIENT_ID, CLIENT_SECRET]])
    expect(replica.seen.map((r) => r.form.get('client_secret'))).toEqual([null, null])
    expect([first.tokens.refreshToken, second.tokens.refreshToken]).toEqual(replica.issuedRefresh.slice(1))
    expect(second.tokens.expiresIn).toBe(28_800)
  })

  it('a dead refresh token: invalid_grant, naming the 30 days, the extended scope and the demo host', async () => {
    const e = await h.dead(docusign(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toContain('HTTP 400 invalid_grant. DocuSign refused the refresh token: refresh tokens last 30 days (without the extended scope in the original consent, refreshing does not renew them)')
    expect(e.message).toContain("set 'token-url' to https://account-d.docusign.com/oauth/token")
  })

  it('production by default; the demo account server through token-url keeps the preset', async () => {
    setInputs({ provider: 'docusign', 'client-id': CLIENT_ID, 'client-secret': CLIENT_SECRET, 'refresh-token': 'rt' })
    const prod = await resolveEndpoints(getInputs(), deps)
    expect([prod.tokenUrl.href, prod.authMethod, prod.source]).toEqual(['https://account.docusign.com/oauth/token', 'client_secret_basic', 'provider'])
    setInputs({ provider: 'docusign', 'token-url': 'https://account-d.docusign.com/oauth/token', 'client-id': CLIENT_ID, 'client-secret': CLIENT_SECRET, 'refresh-token': 'rt' })
    const demo = await resolveEndpoints(getInputs(), deps)
    expect([demo.tokenUrl.href, demo.authMethod, demo.source, demo.preset?.id]).toEqual(['https://account-d.docusign.com/oauth/token', 'client_secret_basic', 'token-url', 'docusign'])
  })

  it('the used refresh token is dead after a rotation (docs silent: RFC 6749)', async () => {
    const replica = docusign()
    await h.refresh(replica)
    const again = await h.refresh(replica, { 'refresh-token': replica.first })
    expect(again.error!.code).toBe('invalid_grant')
  })

  it('the 30 days are counted from consent, which no response says: no date rather than a wrong one, and no warning', async () => {
    const out = await h.refresh(docusign(), {}, T)
    expect(out.lifetime).toBeUndefined()
    expect(out.obtained!.refreshExpiry).toBeUndefined()
    expect(out.printed).not.toContain('::warning::')
  })
})
