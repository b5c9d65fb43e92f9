/** Slack with token rotation against a replica of oauth.v2.access (research/providers/slack.md). */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { slack } from '../support/providers/slack.js'

const h = presetHarness('slack')

describe('slack', () => {
  it('refreshes a bot token twice in a row; token_type bot is no warning, the ids are response fields', async () => {
    const replica = slack()
    const [first, second] = await h.chain(replica)
    expect(replica.seen.every((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true)
    expect(first.tokens).toMatchObject({ tokenType: 'bot', expiresIn: 43_200, warnings: [] })
    expect(second.responseFields).toEqual({
      ok: true,
      app_id: 'A0KRD7HC3',
      team: { id: 'T9TK3CUKW', name: 'Slack Softworks' },
      enterprise: null,
      is_enterprise_install: false,
      token_type: 'bot',
      scope: 'commands,chat:write',
      expires_in: 43_200,
      bot_user_id: 'U0KRQLJ9H',
      authed_user: { id: 'U1234' }
    })
  })

  it('a dead refresh token: ok:false invalid_refresh_token in an HTTP 200 is invalid_grant', async () => {
    const e = await h.dead(slack(), 'invalid_grant', 'invalid_refresh_token')
    expect(e.details.status).toBe(200)
    expect(e.message).toContain('HTTP 200 invalid_refresh_token. Slack says the refresh token is invalid')
  })

  it('bad_client_secret in an HTTP 200 is invalid_client', async () => {
    const out = await h.refresh(slack(), { 'client-secret': 'nope' })
    expect(out.error!.code).toBe('invalid_client')
    expect(out.error!.message).toContain("bad_client_secret. The client credentials were rejected: Slack says 'client-secret' is wrong.")
  })

  it('a user token nested in authed_user is read, masked, and left out of the response fields', async () => {
    const replica = slack(true)
    const out = await h.refresh(replica)
    expect(out.obtained!.tokens).toMatchObject({ tokenType: 'user', accessToken: replica.issuedAccess[0], refreshToken: replica.current })
    expect(out.rotated).toBe(replica.current)
    expect(out.printed).toContain(`::add-mask::${replica.issuedAccess[0]}`)
    expect(out.printed).toContain(`::add-mask::${replica.current}`)
    expect(out.obtained!.responseFields).toEqual({ ok: true, app_id: 'A0KRD7HC3', team: { id: 'T9TK3CUKW', name: 'Slack Softworks' }, enterprise: null, is_enterprise_install: false, authed_user: { id: 'U1234', token_type: 'user', scope: 'chat:write', expires_in: 43_200 }, token_type: 'user', scope: 'chat:write', expires_in: 43_200 })
  })
})
