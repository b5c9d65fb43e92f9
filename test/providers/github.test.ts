/** GitHub App user tokens against a replica (research/providers/github.md): errors in HTTP 200, form answers unless asked for JSON. */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { github } from '../support/providers/github.js'

const h = presetHarness('github')
const T = Date.UTC(2030, 0, 1)

describe('github', () => {
  it('refreshes twice in a row, asking for JSON, each ghr_ token single-use', async () => {
    const replica = github()
    const [first] = await h.chain(replica)
    expect(replica.seen.every((r) => r.headers.accept === 'application/json')).toBe(true)
    expect(first.tokens.accessToken).toMatch(/^ghu_/)
    expect(replica.seen[1]!.form.get('refresh_token')).toMatch(/^ghr_1-/)
  })

  it('a dead refresh token: bad_refresh_token in an HTTP 200 is invalid_grant, in GitHub\'s words', async () => {
    const e = await h.dead(github(), 'invalid_grant', 'bad_refresh_token')
    expect(e.details.status).toBe(200)
    expect(e.message).toContain('GitHub refresh tokens (ghr_…) are single-use and expire after six months')
  })

  it('incorrect_client_credentials in an HTTP 200 is invalid_client', async () => {
    const out = await h.refresh(github(), { 'client-secret': 'wrong' })
    expect(out.error!.code).toBe('invalid_client')
    expect(out.error!.message).toContain("GitHub says the client_id and/or client_secret are incorrect: check 'client-id' and 'client-secret'.")
  })

  it('refresh_token_expires_in dates the new refresh token six months out, without a warning', async () => {
    const out = await h.refresh(github(), {}, T)
    expect(out.lifetime).toBe('2030-07-03T00:00:00Z')
    expect(out.printed).not.toContain('::warning::')
  })
})
