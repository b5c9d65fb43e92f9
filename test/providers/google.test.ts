/** Google against a replica of https://oauth2.googleapis.com/token (research/providers/google.md). */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { google } from '../support/providers/google.js'
import { CLIENT_SECRET } from '../support/providers/replica.js'

const h = presetHarness('google')

describe('google', () => {
  it('refreshes twice with the same refresh token, which Google never replaces', async () => {
    const replica = google()
    const [first, second] = await h.chain(replica)
    expect(replica.seen.map((r) => [r.form.get('refresh_token'), r.form.get('client_secret')])).toEqual([[replica.first, CLIENT_SECRET], [replica.first, CLIENT_SECRET]])
    expect(first.tokens.refreshToken).toBeUndefined()
    expect(second.tokens.expiresIn).toBe(3920)
  })

  it('a dead refresh token: invalid_grant, naming the Testing-status seven days and no concurrent run', async () => {
    const e = await h.dead(google(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toContain('(Token has been expired or revoked.). Google says the refresh token has expired or was revoked. If this comes about seven days after each authorization')
    expect(e.message).toContain('in Testing status, whose refresh tokens expire in 7 days: publish the app (In production)')
    expect(e.message).not.toMatch(/RFC 9700|secret-name/)
  })

  it('deleted_client says a deleted client can be restored for 30 days', async () => {
    const replica = google()
    replica.route = () => ({ status: 401, body: { error: 'deleted_client', error_description: 'The OAuth client was deleted.' } })
    const out = await h.refresh(replica)
    expect(out.error!.code).toBe('oauth_error')
    expect(out.error!.message).toContain('deleted_client (The OAuth client was deleted.). Google says the OAuth client was deleted. A deleted client can be restored within 30 days')
  })

  it('has no revocation preset: revoking an access token would revoke the refresh token too', async () => {
    const out = await h.refresh(google())
    expect(out.obtained!.endpoints!.revocationUrl).toBeUndefined()
  })
})
