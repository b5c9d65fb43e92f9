/** Procore against a replica of login.procore.com/oauth/token (research/providers/procore.md): any call spends the token. */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { procore } from '../support/providers/procore.js'
import { CLIENT_ID, CLIENT_SECRET } from '../support/providers/replica.js'

const h = presetHarness('procore')

describe('procore', () => {
  it('refreshes twice in a row with body credentials; 90-minute access tokens', async () => {
    const replica = procore()
    const [first] = await h.chain(replica)
    expect(replica.seen.map((r) => [r.headers.authorization, r.form.get('client_id'), r.form.get('client_secret')])).toEqual([
      [undefined, CLIENT_ID, CLIENT_SECRET],
      [undefined, CLIENT_ID, CLIENT_SECRET]
    ])
    expect(first.tokens).toMatchObject({ tokenType: 'bearer', expiresIn: 5400, warnings: [] })
    expect(first.endpoints!.preset).toMatchObject({ rotation: 'always', reuseWindowS: 0, spendsOnError: true })
  })

  it('a dead refresh token: invalid_grant, "The refresh token is invalid", single-use in Procore\'s words', async () => {
    const e = await h.dead(procore(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toContain('HTTP 400 invalid_grant (The refresh token is invalid.). Procore says the refresh token is invalid: refresh tokens are single-use and any refresh call, successful or not, spends the one presented')
  })

  it('a retryable failure is not retried (the call spent the token), and says so', async () => {
    const replica = procore()
    replica.fail({ status: 503, body: 'Service Unavailable' })
    const out = await h.refresh(replica, { 'max-attempts': '3' })
    expect(replica.seen).toHaveLength(1)
    expect(out.error!.code).toBe('http_status')
    expect(out.error!.message).toContain('It was not retried: Procore spends a refresh token on any refresh call, even a failed one, so if this call reached Procore the refresh token is spent')
    // What a retry would have met:
    expect((await h.refresh(replica)).error!.code).toBe('invalid_grant')
  })

  it('a refused client: one call only, never the other Basic encoding, and the advice says the token went with it', async () => {
    const replica = procore()
    const out = await h.refresh(replica, { 'auth-method': 'client_secret_basic', 'max-attempts': '3' })
    expect(replica.seen).toHaveLength(1)
    expect(replica.seen[0]!.headers.authorization).toMatch(/^Basic /)
    expect(out.error!.code).toBe('invalid_client')
    expect(out.error!.message).toContain('Procore spends the refresh token on any refresh call, even this one: authorize again once the credentials are right.')
    expect(replica.current).toBeUndefined()
  })

  it('no revocation preset: revoking Procore\'s access token revokes its refresh token too', async () => {
    const out = await h.refresh(procore())
    expect(out.obtained!.endpoints!.revocationUrl).toBeUndefined()
  })
})
