/** Notion against a replica of /v1/oauth/token (research/providers/notion.md): JSON, Notion-Version, code and message. */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { notion } from '../support/providers/notion.js'

const h = presetHarness('notion')

describe('notion', () => {
  it('refreshes twice in a row with a JSON body, Basic credentials and the Notion-Version header', async () => {
    const replica = notion()
    const [first, second] = await h.chain(replica)
    const req = replica.seen[1]!
    expect([req.headers['content-type'], req.headers['notion-version'], req.headers.authorization?.slice(0, 6)]).toEqual(['application/json', '2026-03-11', 'Basic '])
    expect(JSON.parse(req.body)).toEqual({ grant_type: 'refresh_token', refresh_token: replica.issuedRefresh[1] })
    expect(first.expiresAt).toBeUndefined()
    expect(second.responseFields).toMatchObject({ workspace_id: 'a8f5c2de-9b1e-4f3c-8d2a-6e7f1b9c0d3e', bot_id: 'b3414d65-1224-4f74-b7e3-4fae7a6c4a2b', workspace_name: 'Acme' })
  })

  it('a dead refresh token: code invalid_grant, in Notion\'s words', async () => {
    const e = await h.dead(notion(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toContain('HTTP 400 invalid_grant (Invalid refresh token.). Notion says the refresh token is invalid, expired or revoked')
  })

  it("request-format: form overrides the preset's json, and Notion's own error code says why it failed", async () => {
    const out = await h.refresh(notion(), { 'request-format': 'form' })
    expect(out.error!.code).toBe('oauth_error')
    expect(out.error!.message).toContain('HTTP 400 validation_error (expected a json body).')
  })

  it('a refused client: Notion\'s 401 unauthorized is invalid_client', async () => {
    const out = await h.refresh(notion(), { 'client-secret': 'wrong' })
    expect(out.error!.code).toBe('invalid_client')
    expect(out.error!.details.oauthError).toBe('unauthorized')
  })
})
