/** Atlassian against a replica of auth.atlassian.com/oauth/token (research/providers/atlassian.md): JSON, a 10-minute leeway, 90 days idle. */
import { describe, expect, it } from 'vitest'
import { atlassian } from '../support/providers/atlassian.js'
import { presetHarness } from '../support/providers/harness.js'
import { CLIENT_ID, CLIENT_SECRET } from '../support/providers/replica.js'

const h = presetHarness('atlassian')
const T = Date.UTC(2030, 0, 1)

describe('atlassian', () => {
  it('refreshes twice in a row with a JSON body carrying the client; the answer has no token_type and reads as Bearer', async () => {
    const replica = atlassian()
    const [first, second] = await h.chain(replica)
    const req = replica.seen[1]!
    expect([req.headers['content-type'], req.headers.authorization]).toEqual(['application/json', undefined])
    expect(JSON.parse(req.body)).toEqual({ grant_type: 'refresh_token', refresh_token: replica.issuedRefresh[1], client_id: CLIENT_ID, client_secret: CLIENT_SECRET })
    expect(first.tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, warnings: [] })
    expect(second.tokens.refreshToken).toBe(replica.current)
  })

  it('a dead refresh token: 403 invalid_grant, naming 90 days, 365 days and the 10-minute leeway', async () => {
    const e = await h.dead(atlassian(), 'invalid_grant', 'invalid_grant')
    expect(e.details.status).toBe(403)
    expect(e.message).toContain('HTTP 403 invalid_grant (Unknown or invalid refresh token.). Atlassian says the refresh token is unknown or invalid: it went unused for 90 days, reached 365 days')
  })

  it('the leeway: the replaced token works again within 10 minutes; after it, a reuse revokes the newest too', async () => {
    const replica = atlassian()
    const first = await h.refresh(replica)
    expect(first.obtained!.endpoints!.preset).toMatchObject({ rotation: 'always', reuseWindowS: 600 })
    replica.clock += 599
    expect((await h.refresh(replica, { 'refresh-token': replica.first })).error).toBeUndefined()
    const newest = replica.current!
    replica.clock += 601
    expect((await h.refresh(replica, { 'refresh-token': replica.issuedRefresh[1]! })).error!.code).toBe('invalid_grant')
    expect((await h.refresh(replica, { 'refresh-token': newest })).error!.code).toBe('invalid_grant')
  })

  it('90 days unused is an idle end: the date is out, with no warning', async () => {
    const out = await h.refresh(atlassian(), {}, T)
    expect(out.lifetime).toBe('2030-04-01T00:00:00Z (if unused until then)')
    expect(out.printed).toContain('The refresh token expires after 90 days unused')
    expect(out.printed).not.toContain('::warning::')
  })
})
