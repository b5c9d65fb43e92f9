/** Dropbox against a replica of api.dropboxapi.com/oauth2/token (research/providers/dropbox.md): no rotation, PKCE apps without a secret. */
import { describe, expect, it } from 'vitest'
import { dropbox } from '../support/providers/dropbox.js'
import { presetHarness } from '../support/providers/harness.js'
import { CLIENT_ID, CLIENT_SECRET } from '../support/providers/replica.js'

const h = presetHarness('dropbox')

describe('dropbox', () => {
  it('refreshes twice with the same refresh token, which Dropbox never replaces; credentials in the body', async () => {
    const replica = dropbox()
    const [first, second] = await h.chain(replica)
    expect(replica.seen.map((r) => [r.form.get('refresh_token'), r.form.get('client_secret'), r.headers.authorization])).toEqual([
      [replica.first, CLIENT_SECRET, undefined],
      [replica.first, CLIENT_SECRET, undefined]
    ])
    expect(first.tokens).toMatchObject({ refreshToken: undefined, tokenType: 'bearer', expiresIn: 14_400 })
    expect(second.endpoints!.preset).toMatchObject({ rotation: 'never', reuseWindowS: 'unlimited' })
  })

  it('a dead refresh token: invalid_grant, saying Dropbox tokens do not expire and no concurrent run caused it', async () => {
    const e = await h.dead(dropbox(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toContain('HTTP 400 invalid_grant. Dropbox says the refresh token is invalid: Dropbox refresh tokens do not expire, so the user unlinked the app')
    expect(e.message).not.toMatch(/RFC 9700|secret-name/)
  })

  it('a PKCE app without a secret refreshes with client_id alone, and has no revocation preset', async () => {
    const replica = dropbox()
    const out = await h.refresh(replica, { 'client-secret': '' })
    expect(out.error?.message).toBeUndefined()
    expect(Object.fromEntries(replica.seen[0]!.form)).toEqual({ grant_type: 'refresh_token', refresh_token: replica.first, client_id: CLIENT_ID })
    expect(out.obtained!.endpoints).toMatchObject({ authMethod: 'none', revocationUrl: undefined })
  })

  it('a 400 that is plain text, as some Dropbox errors are, fails with a short excerpt and no secret', async () => {
    const replica = dropbox()
    replica.route = () => ({ status: 400, body: 'Error in call to API function "oauth2/token": Invalid grant_type parameter.' })
    const out = await h.refresh(replica)
    expect(out.error!.code).toBe('http_status')
    expect(out.error!.message).toContain('text/plain')
    expect(out.error!.message).toContain('Error in call to API function')
  })
})
