/**
 * Issues 10 and 17: many runs on one refresh token. The bundled action, run as a runner would, against a
 * strict token server (every refresh rotates; a reused token revokes the grant, RFC 9700 §4.14.2)
 * and a GitHub API stand-in that behaves like the real one: secrets write-only, POST of an existing
 * variable 409, PATCH or DELETE of a missing one 404, timestamps and `Date` on its own clock.
 */
import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { GitHubApi, nextSeq } from './support/github-api.js'
import { annotations, runAction, secretLeaks, type RunResult } from './support/runner.js'
import { MockServer, RotatingGrant } from './support/token-server.js'

const CLIENT_SECRET = 'cs-0123456789abcdef'
const FIRST = 'rt-first-0123456789abcdefghij'
const PAT = 'github_pat_11AAAAAAA0123456789_abcdefghijklmnopqrstuvwxyz'
const KEY = 'repo:octo/app:HP_RT'
const STATE = 'repo:octo/app:HP_RT_STATE'
const LOCK = 'repo:octo/app:HP_RT_LOCK'

let tokenServer: MockServer
let gh: GitHubApi
let grant: RotatingGrant
/** Sequence numbers of the token endpoint's requests, on the GitHub stand-in's counter. */
let tokenCalls: number[]

beforeAll(async () => {
  tokenServer = await MockServer.start()
  gh = await GitHubApi.start()
})
afterAll(async () => {
  await tokenServer.close()
  await gh.close()
})
beforeEach(() => {
  gh.reset().token(PAT, 'secrets', 'variables').repo('octo/app')
  gh.seed(KEY, FIRST)
  grant = new RotatingGrant(FIRST)
  tokenCalls = []
  tokenServer.reply((req) => {
    tokenCalls.push(nextSeq())
    return grant.handler(req)
  })
})

const run = (over: Record<string, string> = {}, onSpawn?: (c: ChildProcess) => void): Promise<RunResult> =>
  runAction(
    {
      'token-url': `${tokenServer.url}/oauth/token`,
      'client-id': 'cid',
      'client-secret': CLIENT_SECRET,
      'refresh-token': gh.secrets.get(KEY)!.value,
      'secret-name': 'HP_RT',
      'github-token': PAT,
      ...over
    },
    { env: { GITHUB_REPOSITORY: 'octo/app', GITHUB_API_URL: gh.url, GITHUB_RUN_ID: String(nextSeq()), GITHUB_JOB: 'report' }, onSpawn }
  )

/** Nothing left behind: no lock, no write probe. */
function expectClean(): void {
  expect([...gh.variables.keys()].filter((k) => k.endsWith('_LOCK'))).toEqual([])
  expect([...gh.secrets.keys()].filter((k) => k.includes('_PROBE_'))).toEqual([])
}

/** The chain is alive when the token in the secret is the server's one live token. */
function expectChainAlive(): void {
  expect(grant.revoked).toBe(false)
  expect(gh.secrets.get(KEY)!.value).toBe(grant.current)
}

/** The secrets a run knew: its inputs and what it output (a run served a shared token never sees a refresh token). */
const secrets = (r: RunResult, refreshToken: string): string[] => [CLIENT_SECRET, PAT, refreshToken, r.outputs['access-token'] ?? '', r.outputs['refresh-token'] ?? ''].filter(Boolean)

describe('scheduled runs in a row', () => {
  it('four runs with the default settings all succeed: the first refreshes, the next three share its token', async () => {
    const results: RunResult[] = []
    const inputs: string[] = []
    for (let i = 0; i < 4; i++) {
      inputs.push(gh.secrets.get(KEY)!.value)
      results.push(await run())
    }
    expect(results.map((r) => [r.code, r.outputs['token-source']])).toEqual([
      [0, 'refreshed'],
      [0, 'shared'],
      [0, 'shared'],
      [0, 'shared']
    ])
    expect(grant.presented).toBe(1)
    expect(new Set(results.map((r) => r.outputs['access-token']))).toEqual(new Set([...grant.live]))
    expect(results[1]!.stdout).toContain('Took the access token another run refreshed at 127.0.0.1:')
    expect(results[1]!.outputs['expires-in']).toMatch(/^1[78]\d\d$/)
    expectChainAlive()
    expectClean()
    results.forEach((r, i) => expect(secretLeaks(r, secrets(r, inputs[i]!))).toEqual([]))
  })

  it('four runs that each need a fresh token rotate four times, each reading what the last one stored', async () => {
    for (let i = 0; i < 4; i++) {
      const input = gh.secrets.get(KEY)!.value
      const r = await run({ 'min-validity': '86400' })
      expect(annotations(r.stdout)).toEqual([])
      expect(r.outputs).toMatchObject({ 'token-source': 'refreshed', 'refresh-token-rotated': 'true', 'secret-updated': 'true' })
      expectChainAlive()
      expect(secretLeaks(r, secrets(r, input))).toEqual([])
    }
    expect(grant.refreshes).toBe(4)
    expectClean()
  })

  it('the state holds fingerprints and sealed copies of the access token, never a token in plaintext', async () => {
    const r = await run()
    const state = gh.variables.get(STATE)!
    expect(state).toMatch(/^oauth-refresh-action:state:v2 \{"current":"[0-9A-F]{16}","spent":\[\["[0-9A-F]{16}",\d+,1\]\],"shared":\["v1\.[\w-]+\.[\w-]+\.[\w-]+","v1\.[\w-]+\.[\w-]+\.[\w-]+"\]\}$/)
    for (const token of [...grant.used, grant.current!, r.outputs['access-token']!]) expect(state).not.toContain(token)
  })
})

describe('a run that starts with a token another run already spent', () => {
  it('gets the shared access token without calling the token endpoint; the chain stays alive', async () => {
    const stale = gh.secrets.get(KEY)!.value
    expect((await run()).code).toBe(0)
    const r = await run({ 'refresh-token': stale })
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({ 'token-source': 'shared', 'refresh-token-rotated': 'false', 'secret-updated': 'false' })
    expect(r.outputs['refresh-token']).toBeUndefined()
    expect(grant.live.has(r.outputs['access-token']!)).toBe(true)
    expect(grant.presented).toBe(1)
    expectChainAlive()
    expect(secretLeaks(r, secrets(r, stale))).toEqual([])
  })

  it('stops without presenting it when no shared token will do (sharing off)', async () => {
    const stale = gh.secrets.get(KEY)!.value
    expect((await run()).code).toBe(0)
    const r = await run({ 'refresh-token': stale, 'share-token': 'false' })
    expect(r.code).toBe(1)
    expect(grant.presented).toBe(1)
    expect(annotations(r.stdout)).toEqual([
      'The refresh token given to this run was already presented by another run, and the provider rotated it: presenting it again could make the provider revoke the whole grant (RFC 9700 §4.14.2), so it was not sent. ' +
        'Start a new run: it reads the repository secret HP_RT of octo/app as it is now. A refresh token you stored by hand (a fallback step, or after authorizing again) is presented normally.'
    ])
    expectChainAlive()
    expectClean()
  })

  it('stops when the shared token expires sooner than min-validity, and says no shared token would do', async () => {
    const stale = gh.secrets.get(KEY)!.value
    expect((await run()).code).toBe(0)
    const r = await run({ 'refresh-token': stale, 'min-validity': '3600' })
    expect(r.code).toBe(1)
    expect(annotations(r.stdout)[0]).toContain("No shared access token valid for 'min-validity' with the needed scopes was there to use instead.")
    expectChainAlive()
  })

  it('does not take a shared token that lacks a required scope, nor one of another scope than asked', async () => {
    expect((await run()).code).toBe(0)
    const lacking = await run({ 'required-scopes': 'Write', 'min-validity': '60' })
    expect(lacking.outputs['token-source']).toBeUndefined()
    expect(lacking.code).toBe(1) // refreshed, and the new token lacks Write too
    expect(annotations(lacking.stdout)[0]).toMatch(/^The new access token lacks required scopes: missing Write; granted Read\./)
    const other = await run({ scope: 'Read Other' })
    expect(other.outputs['token-source']).toBe('refreshed')
    expect(grant.refreshes).toBe(3)
    expectChainAlive()
  })

  it('without the guard, presents the stale token, and the strict server revokes the grant: what the guard prevents', async () => {
    const stale = gh.secrets.get(KEY)!.value
    expect((await run()).code).toBe(0)
    const r = await run({ 'refresh-token': stale, 'share-token': 'false', 'stale-token-guard': 'false' })
    expect(r.code).toBe(1)
    expect(annotations(r.stdout)[0]).toMatch(/invalid_grant/)
    expect(grant.revoked).toBe(true)
  })
})

describe('runs started at the same moment', () => {
  it('four runs with the same token: one refresh, four working tokens, the newest refresh token stored', async () => {
    const results = await Promise.all([run(), run(), run(), run()])
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0])
    expect(grant.presented).toBe(1)
    expect(results.map((r) => r.outputs['token-source']).sort()).toEqual(['refreshed', 'shared', 'shared', 'shared'])
    for (const r of results) expect(grant.live.has(r.outputs['access-token']!)).toBe(true)
    expectChainAlive()
    expectClean()
    expect(gh.connections).toBeLessThanOrEqual(4 * 3)
    for (const r of results) expect(secretLeaks(r, secrets(r, FIRST))).toEqual([])
  })

  it('without the lock (and the guard), the same four runs break the chain: what they prevent', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => run({ lock: 'false', 'share-token': 'false', 'stale-token-guard': 'false' })))
    expect(grant.presented).toBeGreaterThan(1)
    expect(results.some((r) => r.code !== 0)).toBe(true)
    expect(grant.revoked).toBe(true)
  })
})

describe('a run killed while it holds the lock', () => {
  /** Starts a run whose token request never gets an answer, and kills it once the request arrived. */
  async function killedRun(): Promise<RunResult> {
    tokenServer.reply(() => (tokenCalls.push(nextSeq()), 'hang'), (req) => (tokenCalls.push(nextSeq()), grant.handler(req)))
    let child: ChildProcess | undefined
    const done = run({ 'timeout-seconds': '5', 'max-attempts': '1' }, (c) => (child = c))
    while (tokenServer.requests.length === 0) await new Promise((r) => setTimeout(r, 20))
    child!.kill('SIGKILL')
    return done
  }

  /**
   * Starts a run whose store of the secret never gets an answer (the token endpoint has answered,
   * so the provider has rotated), and kills it there. The token endpoint is back to normal after.
   */
  async function killedWhileStoring(): Promise<RunResult> {
    tokenServer.reply((req) => {
      tokenCalls.push(nextSeq())
      gh.fail({ method: 'PUT', hang: true })
      return grant.handler(req)
    })
    let child: ChildProcess | undefined
    const done = run({ 'timeout-seconds': '5', 'max-attempts': '1' }, (c) => (child = c))
    while (!gh.requests.some((q) => q.method === 'PUT' && q.path.endsWith('/secrets/HP_RT'))) await new Promise((r) => setTimeout(r, 20))
    child!.kill('SIGKILL')
    const killed = await done
    tokenServer.reply((req) => (tokenCalls.push(nextSeq()), grant.handler(req)))
    gh.clearFaults()
    return killed
  }

  /** The killed run's post step, as the runner would start it: its saved state as STATE_* variables. */
  const postStepOf = (killed: RunResult): Promise<RunResult> =>
    runAction({ 'secret-name': 'HP_RT', 'github-token': PAT }, { env: { GITHUB_REPOSITORY: 'octo/app', GITHUB_API_URL: gh.url, ...Object.fromEntries(Object.entries(killed.state).map(([k, v]) => [`STATE_${k}`, v])) } })

  it('blocks the next run while the lock lives, and the next run never presents the token the killed run sent', async () => {
    const killed = await killedRun()
    expect(killed.code).toBe(null)
    expect(gh.variables.get(LOCK)).toMatch(/^oauth-refresh-action:lock:v1 \{"holder":"https:\/\/github\.com\/octo\/app\/actions\/runs\/\d+ \(job report\)","nonce":"[0-9a-f]{24}","ttl_s":60\}$/)
    // The lock is taken over only by a run that watched it for its lifetime (tested on a fake clock in
    // test/lock.test.ts and test/protocol-failures.test.ts); with lock-timeout-seconds 0 it stops at once.
    const blocked = await run({ 'timeout-seconds': '5', 'max-attempts': '1', 'lock-timeout-seconds': '0' })
    expect(blocked.code).toBe(1)
    expect(annotations(blocked.stdout)[0]).toMatch(/^Waited 0 s for the lock the repository variable HP_RT_LOCK of octo\/app, held by https:\/\/github\.com\/octo\/app\/actions\/runs\/\d+ \(job report\) \('lock-timeout-seconds'\)\./)
    expect(tokenCalls).toHaveLength(1)
  })

  it('the killed run’s post step releases its lock, marks its claim uncertain, deletes its probe; the next run stops, saying why', async () => {
    const killed = await killedRun()
    expect(JSON.parse(killed.state.cleanup!)).toEqual({
      lock: gh.variables.get(LOCK),
      probe: expect.stringMatching(/^HP_RT_PROBE_[0-9A-F]{8}$/),
      claim: { name: expect.stringMatching(/^HP_RT_CLAIM_[0-9A-F]{16}$/), value: expect.any(String), presented: true }
    })
    const post = await postStepOf(killed)
    expect(post.code).toBe(0)
    expect(post.stdout).toContain('Released the repository variable HP_RT_LOCK of octo/app, which the main step left behind.')
    expect(annotations(post.stdout, 'warning')).toEqual([expect.stringMatching(/^The main step was stopped while its refresh request was in flight/)])
    expectClean()
    const r = await run({ 'timeout-seconds': '5', 'max-attempts': '1' })
    expect(r.code).toBe(1)
    expect(r.stdout).not.toContain('Waiting for the lock')
    expect(annotations(r.stdout)[0]).toMatch(/^The refresh token given to this run was presented at \S+ by https:\/\/github\.com\/octo\/app\/actions\/runs\/\d+ \(job report\), which got no answer from the provider\./)
    // The one presentation is the killed run's: its request reached the endpoint, no other did.
    expect(tokenCalls).toHaveLength(1)
  })

  it('killed before it sent anything: the post step releases the lock and the claim, and the next run refreshes', async () => {
    gh.fail({ method: 'PUT', path: '_PROBE_', hang: true })
    let child: ChildProcess | undefined
    const done = run({ 'timeout-seconds': '5' }, (c) => (child = c))
    while (!gh.requests.some((q) => q.method === 'PUT')) await new Promise((r) => setTimeout(r, 20))
    child!.kill('SIGKILL')
    const killed = await done
    gh.clearFaults()
    expect(JSON.parse(killed.state.cleanup!)).toMatchObject({ claim: { presented: false } })
    const post = await postStepOf(killed)
    expect(post.stdout).toMatch(/Deleted the repository variable HP_RT_CLAIM_[0-9A-F]{16} of octo\/app: the main step stopped before it presented the refresh token/)
    const r = await run()
    expect(r.code).toBe(0)
    expectChainAlive()
  })

  it('killed while storing: the post step, still holding the lock, stores the rotated token the provider issued', async () => {
    const killed = await killedWhileStoring()
    const rotated = grant.current!
    expect(gh.secrets.get(KEY)!.value).toBe(FIRST)
    expect(JSON.parse(killed.state.cleanup!)).toMatchObject({ rotated })
    const post = await postStepOf(killed)
    expect(post.code).toBe(0)
    expect(post.stdout).toContain('Stored in the repository secret HP_RT of octo/app the refresh token the provider rotated before the main step stopped.')
    expect(secretLeaks(post, [PAT, rotated])).toEqual([])
    expectChainAlive()
    expectClean()
    expect((await run({ 'min-validity': '86400' })).code).toBe(0)
    expectChainAlive()
  })

  it('killed while storing: a post step that no longer holds the lock writes nothing and says why', async () => {
    const killed = await killedWhileStoring()
    gh.setVariable(LOCK, 'oauth-refresh-action:lock:v1 {"holder":"another run","nonce":"00","ttl_s":60}')
    const post = await postStepOf(killed)
    expect(post.code).toBe(0)
    expect(annotations(post.stdout, 'warning')).toEqual([expect.stringMatching(/^The main step was stopped after the provider rotated the refresh token and before it was stored, and the repository variable HP_RT_LOCK of octo\/app is no longer this job's/)])
    expect(gh.secrets.get(KEY)!.value).toBe(FIRST)
    expect(gh.variables.get(LOCK)).toContain('another run')
  })

  it('cancelled (SIGINT) while storing: the store finishes first', async () => {
    tokenServer.reply((req) => {
      tokenCalls.push(nextSeq())
      return grant.handler(req)
    })
    gh.latencyMs = 300
    let child: ChildProcess | undefined
    const done = run({}, (c) => (child = c))
    while (tokenCalls.length === 0) await new Promise((r) => setTimeout(r, 10))
    child!.kill('SIGINT')
    const r = await done
    gh.latencyMs = 0
    expect(r.code, r.stdout).toBe(0)
    expect(r.stdout).toContain('Cancelled (SIGINT) while storing a rotated refresh token: the store finishes first.')
    expectChainAlive()
    expectClean()
  })

  it('cancelled (SIGINT) while waiting for the lock: ends at once, nothing spent', async () => {
    gh.setVariable(LOCK, 'oauth-refresh-action:lock:v1 {"holder":"octo/app run 9","nonce":"ab","ttl_s":300}')
    let child: ChildProcess | undefined
    const done = run({}, (c) => (child = c))
    while (!gh.requests.some((q) => q.method === 'GET' && q.path.endsWith('/HP_RT_LOCK'))) await new Promise((r) => setTimeout(r, 10))
    child!.kill('SIGINT')
    const r = await done
    expect(r.code).toBe(130)
    expect(grant.presented).toBe(0)
  })

  it('a post step never deletes a lock another run holds by now', async () => {
    const killed = await killedRun()
    gh.setVariable(LOCK, 'oauth-refresh-action:lock:v1 {"holder":"another run","nonce":"00","ttl_s":60}')
    const post = await postStepOf(killed)
    expect(post.code).toBe(0)
    expect(gh.variables.get(LOCK)).toContain('another run')
  })
})

describe('what is already there', () => {
  it('a lock another run holds stops this run at lock-timeout-seconds, before any token is spent', async () => {
    gh.setVariable(LOCK, 'oauth-refresh-action:lock:v1 {"holder":"octo/app run 7","nonce":"ab","ttl_s":300}')
    const r = await run({ 'lock-timeout-seconds': '0' })
    expect(r.code).toBe(1)
    expect(grant.presented).toBe(0)
    expect(annotations(r.stdout)).toEqual([
      expect.stringMatching(
        /^Waited 0 s for the lock the repository variable HP_RT_LOCK of octo\/app, held by octo\/app run 7 \('lock-timeout-seconds'\)\. Nothing was refreshed, so the refresh token was not used\. Run again later\. A lock whose holder was killed is taken over by the first run that watches it unchanged for its lifetime \(\d+ s with this run's settings\): raise 'lock-timeout-seconds' above that, or delete the variable if no other run is active\.$/
      )
    ])
    expect(gh.variables.get(LOCK)).toContain('octo/app run 7')
  })

  it('unreadable lock content counts as held (for this run’s own lock lifetime, test/lock.test.ts)', async () => {
    gh.setVariable(LOCK, 'oauth-refresh-action:lock:v1 {"holder":', 10 * 60_000)
    const held = await run({ 'lock-timeout-seconds': '0' })
    expect(held.code).toBe(1)
    expect(annotations(held.stdout)[0]).toContain('held by a run whose claim is unreadable (')
    expect(grant.presented).toBe(0)
  })

  it.each([
    ['HP_RT_LOCK', LOCK],
    ['HP_RT_STATE', STATE]
  ])('a variable %s the action did not write is never overwritten', async (name, key) => {
    gh.setVariable(key, '::warning::not ours\nsecond line')
    const r = await run()
    expect(r.code).toBe(1)
    expect(grant.presented).toBe(0)
    expect(gh.variables.get(key)).toBe('::warning::not ours\nsecond line')
    expect(annotations(r.stdout)).toEqual([expect.stringContaining(`The repository variable ${name} of octo/app exists but was not written by this action (its value does not start with`)])
    expect(annotations(r.stdout)[0]).toContain("it starts ': :warning: :not ours se…'")
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::warning'))).toEqual([])
    expect([...gh.secrets.keys()].filter((k) => k.includes('_PROBE_'))).toEqual([])
    expect(gh.variables.has(LOCK)).toBe(key === LOCK)
  })

  it('state it cannot read stops the run before any token is spent', async () => {
    gh.setVariable(STATE, 'oauth-refresh-action:state:v2 {"current":"md5:abc","spent":[],"shared":[]}')
    const r = await run()
    expect(r.code).toBe(1)
    expect(grant.presented).toBe(0)
    expect(annotations(r.stdout)[0]).toMatch(/^The repository variable HP_RT_STATE of octo\/app holds state this action cannot read/)
    expectClean()
  })
})

describe('permissions', () => {
  it('without "Variables: Read and write" the run stops before any token is spent, naming the permission', async () => {
    gh.token(PAT, 'secrets')
    const r = await run()
    expect(r.code).toBe(1)
    expect(grant.presented).toBe(0)
    expect(annotations(r.stdout)).toEqual([
      expect.stringMatching(
        /^Creating the repository variable HP_RT_LOCK of octo\/app failed: HTTP 403 \(Resource not accessible by personal access token\)\. 'github-token' may not do this: it needs the repository permission "Variables: Read and write" on octo\/app .* The refresh was not attempted, so the refresh token was not used\.$/
      )
    ])
  })

  it('without "Secrets: Read and write" the run stops before any token is spent, and gives the lock back', async () => {
    gh.token(PAT, 'variables')
    const r = await run()
    expect(r.code).toBe(1)
    expect(grant.presented).toBe(0)
    expect(annotations(r.stdout)[0]).toMatch(/^Reading the public key for the repository secret HP_RT of octo\/app failed: HTTP 403 .*"Secrets: Read and write"/)
    expectClean()
  })
})

describe('the round trips of one safe rotation', () => {
  it('lock + state + key, claim + probe + secret, refresh, secret + state + lock, release + probe: in that order, on 3 connections', async () => {
    const r = await run()
    expect(r.code).toBe(0)
    const seq = (method: string, match: (path: string) => boolean) => gh.requests.filter((q) => q.method === method && match(q.path)).map((q) => q.seq)
    const [lockPost, claimPost, statePost] = seq('POST', (p) => p.endsWith('/variables'))
    const probe = seq('PUT', (p) => p.includes('_PROBE_'))[0]!
    const exists = seq('GET', (p) => p.endsWith('/secrets/HP_RT'))[0]!
    const store = seq('PUT', (p) => p.endsWith('/secrets/HP_RT'))[0]!
    const release = seq('DELETE', (p) => p.endsWith('/variables/HP_RT_LOCK'))[0]!
    // Before the refresh: the lock, the state, then the claim on this token, the probe and the secret's existence.
    expect(Math.max(lockPost!, claimPost!, probe, exists, ...seq('GET', (p) => p.endsWith('/HP_RT_STATE')))).toBeLessThan(tokenCalls[0]!)
    expect(lockPost!).toBeLessThan(claimPost!)
    expect(Math.min(store, statePost!)).toBeGreaterThan(tokenCalls[0]!)
    expect(release).toBeGreaterThan(store)
    expect(gh.requests.map((q) => q.method).sort()).toEqual(['DELETE', 'DELETE', 'GET', 'GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'PUT', 'PUT'])
    expect(gh.connections).toBeLessThanOrEqual(3)
  })
})
