/**
 * Issue 17: the rotation protocol in-process, against the GitHub stand-in (server-side created_at,
 * Date, POST 409, per-key read lag, faults and hangs) and a strict token server (every refresh
 * rotates; a spent token presented again revokes the grant, RFC 9700 §4.14.2). The guarantee under
 * test: a refresh token for which any run received the provider's answer is never presented again.
 * Each numbered case of the issue has its own describe block in test/protocol-failures.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { ActionError } from '../src/errors.js'
import { tokenId } from '../src/rotation/fingerprint.js'
import { resetRotation } from '../src/rotation/reset.js'
import { send } from '../src/http.js'
import { failure, FIRST, PAT, postStep, protocolWorld, SECRET_KEY, startRun } from './support/protocol.js'

const world = protocolWorld()
const { run, variable } = world

describe('one rotation', () => {
  it('claims the token, refreshes, stores the new token and records the old one as spent', async () => {
    const r = await run()
    expect(r.error).toBeUndefined()
    expect(r.outcome?.kind).toBe('refreshed')
    expect(world.gh.secrets.get(SECRET_KEY)!.value).toBe(world.grant.current)
    const claim = variable(`RT_CLAIM_${tokenId(FIRST)}`)
    expect(claim).toMatch(/^oauth-refresh-action:claim:v1 \{"holder":"run [0-9a-f]{6}","nonce":"[0-9a-f]{24}","ttl_s":60,"status":"presenting"\}$/)
    const state = variable('RT_STATE')!
    expect(state).toMatch(/^oauth-refresh-action:state:v2 /)
    const parsed = JSON.parse(state.slice('oauth-refresh-action:state:v2 '.length)) as { current: string; spent: [string, number, number][]; shared: string[] }
    expect(parsed.current).toBe(tokenId(world.grant.current!))
    expect(parsed.spent).toEqual([[tokenId(FIRST), expect.any(Number), 1]])
    expect(parsed.shared).toHaveLength(2)
    expect(state).not.toContain(world.grant.current)
    expect(variable('RT_LOCK')).toBeUndefined()
    expect([...world.gh.secrets.keys()].filter((k) => k.includes('_PROBE_'))).toEqual([])
    expect(r.cleanup).toEqual({})
  })

  it('takes five round trips: lock + state + key, claim + probe + secret, refresh, secret + state + lock, release + probe', async () => {
    await run()
    const kinds = world.gh.requests.map((q) => `${q.method} ${q.path.replace(/^\/repos\/octo\/app\/actions/, '').replace(/_PROBE_\w+/, '_PROBE').replace(/_CLAIM_\w+/, '_CLAIM')}`)
    expect(kinds.slice(0, 3).sort()).toEqual(['GET /secrets/public-key', 'GET /variables/RT_STATE', 'POST /variables'])
    expect(kinds.slice(3, 6).sort()).toEqual(['GET /secrets/RT', 'POST /variables', 'PUT /secrets/RT_PROBE'])
    // The state did not exist yet: created with POST.
    expect(kinds.slice(6, 9).sort()).toEqual(['GET /variables/RT_LOCK', 'POST /variables', 'PUT /secrets/RT'])
    expect(kinds.slice(9).sort()).toEqual(['DELETE /secrets/RT_PROBE', 'DELETE /variables/RT_LOCK'])
    expect(world.grant.refreshes).toBe(1)
  })

  it('five scheduled runs in a row rotate five times, each reading what the last one stored', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await run({ minValidityMs: 10_000_000 })
      expect(r.error).toBeUndefined()
      expect(r.outcome?.kind).toBe('refreshed')
      world.clock.now += 1000
    }
    expect(world.grant.refreshes).toBe(5)
    expect(world.grant.revoked).toBe(false)
    expect(world.gh.secrets.get(SECRET_KEY)!.value).toBe(world.grant.current)
  })

  it('a run that starts while the shared token is valid takes it, with one round trip and no refresh', async () => {
    await run()
    world.gh.requests.length = 0
    const second = await run({ refreshToken: FIRST })
    expect(second.outcome?.kind).toBe('shared')
    expect(world.grant.refreshes).toBe(1)
    expect(world.gh.requests.filter((q) => q.method !== 'GET' || !q.path.endsWith('/public-key')).map((q) => q.method)).toEqual(expect.arrayContaining(['POST', 'GET']))
    expect(variable('RT_LOCK')).toBeUndefined()
  })

  it('four runs started together with the same token cost one refresh, and all four get a working token', async () => {
    const runs = await Promise.all([run(), run(), run(), run()])
    for (const r of runs) expect(r.error).toBeUndefined()
    expect(world.grant.refreshes).toBe(1)
    expect(runs.filter((r) => r.outcome?.kind === 'shared')).toHaveLength(3)
    const accessTokens = runs.map((r) => (r.outcome?.kind === 'shared' ? r.outcome.shared.tokens.accessToken : r.outcome?.refreshed.obtained?.tokens.accessToken))
    for (const a of accessTokens) expect(world.grant.live.has(a!)).toBe(true)
    expect(world.gh.secrets.get(SECRET_KEY)!.value).toBe(world.grant.current)
  })

  it('the same four runs without the lock still cost one refresh: the claim makes the others wait for the shared token', async () => {
    const runs = await Promise.all([run({ lock: false }), run({ lock: false }), run({ lock: false }), run({ lock: false })])
    for (const r of runs) expect(r.error).toBeUndefined()
    expect(world.grant.refreshes).toBe(1)
    expect(world.grant.revoked).toBe(false)
  })

  it('a run with a spent token and no usable shared token stops without presenting it', async () => {
    await run({ share: false })
    const stale = await run({ refreshToken: FIRST, share: false })
    expect(failure(stale).code).toBe('stale_token')
    expect(failure(stale).message).toMatch(/^The refresh token given to this run was already presented by another run, and the provider rotated it/)
    expect(world.grant.presented).toBe(1)
    expect(world.grant.revoked).toBe(false)
  })

  it('errors are ActionErrors with a stable code', () => {
    expect(new ActionError('outcome_unknown', 'x').code).toBe('outcome_unknown')
  })
})

describe('resetting a chain (authorize)', () => {
  it('deletes the state, the lock and every claim of that secret, over many pages, and nothing else', async () => {
    await run()
    for (let i = 0; i < 40; i++) world.gh.setVariable(`repo:octo/app:RT_CLAIM_${(0xabc000 + i).toString(16).toUpperCase().padStart(16, '0')}`, 'oauth-refresh-action:claim:v1 {}')
    world.gh.setVariable('repo:octo/app:RT_CLAIM_0000000000000001_AGAIN', 'x').setVariable('repo:octo/app:RT_LOCK', 'x')
    world.gh.setVariable('repo:octo/app:RT_CLAIMS_OF_MINE', 'keep').setVariable('repo:octo/app:OTHER_STATE', 'keep').setVariable('repo:octo/app:RT2_CLAIM_0000000000000001', 'keep')
    const deps = { send, mask: () => undefined, info: () => undefined, now: () => world.clock.now, sleep: world.clock.sleep }
    const deleted = await resetRotation({ root: new URL(world.gh.url), token: PAT, timeoutMs: 5000, deps }, { kind: 'repository', repository: 'octo/app' }, 'RT')
    expect(deleted).toHaveLength(1 + 1 + 40 + 1 + 1)
    expect([...world.gh.variables.keys()].sort()).toEqual(['repo:octo/app:OTHER_STATE', 'repo:octo/app:RT2_CLAIM_0000000000000001', 'repo:octo/app:RT_CLAIMS_OF_MINE'])
    const listed = world.gh.requests.filter((q) => q.method === 'GET' && q.path.includes('/variables?'))
    expect(listed.map((q) => q.path)).toEqual(['/repos/octo/app/actions/variables?per_page=30&page=1', '/repos/octo/app/actions/variables?per_page=30&page=2'])
  })
})

describe('stale-token-guard: false', () => {
  it('presents a claimed token anyway, with a warning, and never touches the other run’s claim', async () => {
    await run({ share: false })
    const before = world.gh.variables.get(`repo:octo/app:RT_CLAIM_${tokenId(FIRST)}`)
    const r = await run({ refreshToken: FIRST, share: false, guard: false })
    expect(r.error).toBeInstanceOf(ActionError)
    expect((r.error as ActionError).code).toBe('invalid_grant')
    expect(r.warnings[0]).toMatch(/says another run presented this refresh token; 'stale-token-guard: false' presents it again all the same\.$/)
    // The strict server saw the spent token again and revoked the grant: what the guard prevents.
    expect(world.grant.revoked).toBe(true)
    expect(world.gh.variables.get(`repo:octo/app:RT_CLAIM_${tokenId(FIRST)}`)).toBe(before)
  })
})

describe('a re-presentation inside a reuse window (the _AGAIN claim)', () => {
  /** A run killed while its refresh was in flight, and its post step: the claim says `uncertain`. */
  async function uncertainPresentation(reuseWindowMs: number): Promise<void> {
    let kill = () => undefined as void
    world.tokens.reply((req) => {
      kill()
      return world.grant.handler(req)
    })
    const killed = startRun(world.gh, world.clock, { refreshToken: FIRST, tokenUrl: `${world.tokens.url}/token`, reuseWindowMs })
    kill = killed.kill
    while (world.grant.presented === 0) await new Promise((res) => setTimeout(res, 5))
    world.tokens.reply(world.grant.handler)
    await postStep(world.gh, world.clock, killed.cleanup())
  }

  it('rotated: both claims stay until the state has recorded the token for an hour, then one run prunes both', async () => {
    world.grant.graceMs = 30 * 60_000
    await uncertainPresentation(30 * 60_000)
    expect((await run({ refreshToken: FIRST, reuseWindowMs: 30 * 60_000, share: false })).error).toBeUndefined()
    const base = `RT_CLAIM_${tokenId(FIRST)}`
    expect([variable(base), variable(`${base}_AGAIN`)].every((v) => v !== undefined)).toBe(true)
    expect(variable('RT_STATE')).toContain(`["${tokenId(FIRST)}",`)
    expect(variable('RT_STATE')).toMatch(new RegExp(`\\["${tokenId(FIRST)}",\\d+,2\\]`))
    world.clock.now += 3_700_000
    world.gh.advance(3_700_000)
    expect((await run({ share: false })).error).toBeUndefined()
    expect(variable(base)).toBeUndefined()
    expect(variable(`${base}_AGAIN`)).toBeUndefined()
  })

  it('not rotated (a provider that never spends a token): both claims go at once, the token is proven unspent', async () => {
    // A provider that never rotates: no refresh token comes back. The first request's answer is lost.
    let kill = () => undefined as void
    world.tokens.reply(() => {
      kill()
      return { body: { access_token: `at-${Math.random()}-0123456789`, token_type: 'Bearer', expires_in: 1800 } }
    }, (req) => ({ body: { access_token: `at-${req.form.get('refresh_token')}-0123456789`, token_type: 'Bearer', expires_in: 1800 } }))
    const killed = startRun(world.gh, world.clock, { refreshToken: FIRST, tokenUrl: `${world.tokens.url}/token`, reuseWindowMs: Infinity })
    kill = killed.kill
    while (world.tokens.requests.length === 0) await new Promise((res) => setTimeout(res, 5))
    await postStep(world.gh, world.clock, killed.cleanup())
    expect(variable(`RT_CLAIM_${tokenId(FIRST)}`)).toContain('"status":"uncertain"')
    const again = await run({ refreshToken: FIRST, reuseWindowMs: Infinity, share: false })
    expect(again.error).toBeUndefined()
    expect([...world.gh.variables.keys()].filter((k) => k.includes('_CLAIM_'))).toEqual([])
    // And the next run presents the same token normally.
    expect((await run({ refreshToken: FIRST, reuseWindowMs: Infinity, share: false })).error).toBeUndefined()
  })
})
