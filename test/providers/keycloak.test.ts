/** Keycloak against a replica of one realm's token endpoint (research/providers/keycloak.md). */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { keycloak } from '../support/providers/keycloak.js'

const h = presetHarness('keycloak')
const T = Date.UTC(2030, 0, 1)

describe('keycloak', () => {
  it('refreshes twice in a row; session_state stays out of the response fields', async () => {
    const replica = keycloak()
    const [, second] = await h.chain(replica)
    expect(second.responseFields).toEqual({ expires_in: 300, refresh_expires_in: 1800, token_type: 'Bearer', 'not-before-policy': 0, scope: 'profile email' })
  })

  it('a dead refresh token with Revoke Refresh Token on: invalid_grant, told to store the newest', async () => {
    const e = await h.dead(keycloak(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toContain('(Maximum allowed refresh token reuse exceeded). Keycloak says this refresh token was already used and the realm revokes used ones (Revoke Refresh Token).')
  })

  it('an idle session: "Token is not active" points at offline_access', async () => {
    const e = await h.dead(keycloak(false), 'invalid_grant', 'invalid_grant')
    expect(e.message).toContain('(Token is not active). Keycloak says the refresh token is no longer active: its session went idle')
  })

  it('refresh_expires_in is the idle time: no warning on any run, the log says what keeps it alive', async () => {
    const out = await h.refresh(keycloak(), {}, T)
    expect(out.lifetime).toBe('2030-01-01T00:30:00Z (if unused until then)')
    expect(out.printed).not.toContain('::warning::')
    expect(out.printed).toContain('The refresh token expires after 30 minutes unused (at 2030-01-01T00:30:00Z unless refreshed before): run this workflow more often than every 30 minutes, with room for late starts. Keycloak: for a token that outlives the session, request the offline_access scope')
  })

  it('a realm without Revoke Refresh Token keeps the used token valid', async () => {
    const replica = keycloak(false)
    await h.chain(replica)
    expect((await h.refresh(replica, { 'refresh-token': replica.first })).error).toBeUndefined()
  })
})
