/** Intuit QuickBooks against a replica of its bearer endpoint (research/providers/quickbooks.md): rolling and hard refresh-token ends. */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { quickbooks } from '../support/providers/quickbooks.js'

const h = presetHarness('quickbooks')
const T = Date.UTC(2030, 0, 1)

describe('quickbooks', () => {
  it('refreshes twice in a row; within a day Intuit hands back the same refresh token, which is no rotation', async () => {
    const replica = quickbooks()
    await h.chain(replica)
    expect(replica.seen.map((r) => r.form.get('refresh_token'))).toEqual([replica.first, replica.issuedRefresh[1]])
    const sameDay = await h.refresh(replica, { 'refresh-token': replica.current! })
    expect(sameDay.rotated).toBeUndefined()
    replica.clock += 86_400
    expect((await h.refresh(replica, { 'refresh-token': replica.current! })).rotated).toBe(replica.current)
  })

  it('a dead refresh token: invalid_grant, in Intuit\'s words', async () => {
    const e = await h.dead(quickbooks(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toContain('(Token invalid). Intuit says the grant is invalid, expired or revoked: the refresh token went unused for 100 days, reached its five-year maximum')
  })

  it('asks for the hard end by header, and warns naming its date once fewer than 14 days remain; the rolling end never warns', async () => {
    const replica = quickbooks(10 * 86_400)
    const out = await h.refresh(replica, {}, T)
    expect(replica.seen[0]!.headers['x-include-refresh-token-hard-expires-in']).toBe('true')
    expect(out.lifetime).toBe('2030-01-11T00:00:00Z')
    expect(out.printed.split('\n').filter((l) => l.startsWith('::warning::'))).toEqual([
      "::warning::The refresh token stops working at 2030-01-11T00:00:00Z, in 10 days, and refreshing does not extend it: authorize again before then and store the new refresh token. (Said while fewer than 14 days remain: 'refresh-token-warn-days'.)"
    ])
    const quiet = await h.refresh(quickbooks(10 * 86_400), { 'refresh-token-warn-days': '7' }, T)
    expect(quiet.printed).not.toContain('::warning::')
  })

  it('the production-or-sandbox keys are the advice on a refused client', async () => {
    const out = await h.refresh(quickbooks(), { 'client-secret': 'sandbox-secret' })
    expect(out.error!.message).toContain("that they are the app's production keys for a production company, or its development keys for a sandbox company")
  })
})
