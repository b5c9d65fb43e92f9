/** Xero against a replica of identity.xero.com/connect/token (research/providers/xero.md): a 30-minute grace window. */
import { describe, expect, it } from 'vitest'
import { presetHarness } from '../support/providers/harness.js'
import { xero } from '../support/providers/xero.js'

const h = presetHarness('xero')
const T = Date.UTC(2030, 0, 1)

describe('xero', () => {
  it('refreshes twice in a row with Basic credentials', async () => {
    const replica = xero()
    await h.chain(replica)
    expect(replica.seen.every((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true)
  })

  it('a dead refresh token: invalid_grant, naming the 60 days and the 30-minute window', async () => {
    const e = await h.dead(xero(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toMatch(/\. Xero refused the refresh token: it went unused for 60 days, it was replaced more than 30 minutes ago/)
  })

  it('the grace window: the replaced token works again within 30 minutes, not after; the preset says 1800 s', async () => {
    const replica = xero()
    const first = await h.refresh(replica)
    expect(first.obtained!.endpoints!.preset).toMatchObject({ rotation: 'always', reuseWindowS: 1800 })
    replica.clock += 1799
    expect((await h.refresh(replica, { 'refresh-token': replica.first })).error).toBeUndefined()
    const newest = replica.current!
    replica.clock += 1801
    const late = await h.refresh(replica, { 'refresh-token': replica.issuedRefresh[1]! })
    expect(late.error!.code).toBe('invalid_grant')
    expect((await h.refresh(replica, { 'refresh-token': newest })).error).toBeUndefined()
  })

  it('60 days unused is an idle end: the date is out, no warning', async () => {
    const out = await h.refresh(xero(), {}, T)
    expect(out.lifetime).toBe('2030-03-02T00:00:00Z (if unused until then)')
    expect(out.obtained!.tokens.expiresIn).toBe(1800)
    expect(out.printed).not.toContain('::warning::')
  })
})
