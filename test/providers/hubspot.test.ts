/** HubSpot against a replica of /oauth/2026-03/token (research/providers/hubspot.md): BAD_REFRESH_TOKEN, hub_id, whatever refresh_token comes back. */
import { describe, expect, it } from 'vitest'
import { hubspot } from '../support/providers/hubspot.js'
import { presetHarness } from '../support/providers/harness.js'
import { CLIENT_SECRET } from '../support/providers/replica.js'

const h = presetHarness('hubspot')

describe('hubspot', () => {
  it('refreshes twice at /oauth/2026-03/token with body credentials; the same refresh token back is no rotation', async () => {
    const replica = hubspot()
    const [first, second] = await h.chain(replica)
    expect(replica.seen.map((r) => [r.url, r.form.get('client_secret'), r.headers.authorization])).toEqual([
      ['/oauth/2026-03/token', CLIENT_SECRET, undefined],
      ['/oauth/2026-03/token', CLIENT_SECRET, undefined]
    ])
    expect(first.tokens).toMatchObject({ refreshToken: replica.first, expiresIn: 1800 })
    expect(h.printed.join('')).not.toContain('::add-mask::access_token\n')
    expect(second.responseFields).toEqual({ token_use: 'access_token', token_type: 'bearer', expires_in: 1800, hub_id: 62515, scopes: ['oauth', 'crm.objects.contacts.read'], user_id: 1234567 })
  })

  it('a dead refresh token: BAD_REFRESH_TOKEN is invalid_grant, with its message and correlationId', async () => {
    const e = await h.dead(hubspot(), 'invalid_grant', 'BAD_REFRESH_TOKEN')
    expect(e.message).toContain('HTTP 400 BAD_REFRESH_TOKEN (missing or invalid refresh token; correlationId a1b2c3d4-0000-4000-8000-000000000000). HubSpot refused the refresh token: the app was uninstalled')
  })

  it('a new refresh token, should HubSpot send one, is kept; the one it replaced is dead', async () => {
    const replica = hubspot('always')
    const out = await h.refresh(replica)
    expect(out.rotated).toBe(replica.current)
    expect(out.printed).toContain(`::add-mask::${replica.current}`)
    expect((await h.refresh(replica, { 'refresh-token': replica.first })).error!.code).toBe('invalid_grant')
  })

  it("the standard error object: the category when there is no RFC code; RFC's error over status 'error'", async () => {
    const replica = hubspot()
    replica.route = () => ({ status: 400, body: { status: 'error', message: 'Invalid input', correlationId: 'f00d', category: 'VALIDATION_ERROR' } })
    const out = await h.refresh(replica)
    expect(out.error!.code).toBe('oauth_error')
    expect(out.error!.message).toContain('HTTP 400 VALIDATION_ERROR (Invalid input; correlationId f00d).')
    const client = await h.refresh(hubspot(), { 'client-secret': 'wrong' })
    expect(client.error!.code).toBe('invalid_client')
    expect(client.error!.message).toContain('HTTP 400 invalid_client (Invalid client_id or client_secret; correlationId c0ffee00-')
  })

  it('a camelCase answer (another rendering of the reference) reads the same', async () => {
    const replica = hubspot()
    replica.route = () => ({ body: { accessToken: 'CJSPcamel-0123456789abcdef', refreshToken: replica.first, expiresIn: 1800, tokenType: 'bearer', hubId: 62515 } })
    const out = await h.refresh(replica)
    expect(out.obtained!.tokens).toMatchObject({ accessToken: 'CJSPcamel-0123456789abcdef', tokenType: 'bearer', expiresIn: 1800 })
    expect(out.obtained!.responseFields).toEqual({ hubId: 62515, expires_in: 1800, token_type: 'bearer' })
  })
})
