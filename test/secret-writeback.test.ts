/**
 * Issue 4: the bundled dist/index.js, run as a runner would, writing the rotated refresh token back
 * to a GitHub secret served by a loopback GitHub API that really decrypts what it receives.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { GitHubApi, nextSeq } from './support/github-api.js'
import { annotations, runAction, secretLeaks, type RunResult } from './support/runner.js'
import { MockServer, type Reply } from './support/token-server.js'
import { tokenId } from '../src/rotation/fingerprint.js'

const CLIENT_SECRET = 'cs-0123456789abcdef'
const OLD_RT = 'rt-old-0123456789abcdefghij'
const NEW_RT = 'pdus+_rt-new-0123456789abcdefghij'
const ACCESS = 'at-0123456789abcdefghijklmnop'
const PAT = 'github_pat_11AAAAAAA0123456789_abcdefghijklmnopqrstuvwxyz'
const REPO_KEY = 'repo:octo/app:HP_REFRESH_TOKEN'
const VAR_KEY = 'repo:octo/app:HP_REFRESH_TOKEN_STATE'
const ALL = [CLIENT_SECRET, OLD_RT, NEW_RT, ACCESS, PAT]

let tokenServer: MockServer
let gh: GitHubApi
/** Sequence numbers of the token endpoint's requests, on the same counter as the GitHub API's. */
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
  gh.reset().token(PAT, 'secrets', 'variables', 'environments').repo('octo/app', 'production').org('octo-org')
  gh.seed(REPO_KEY, OLD_RT)
  tokenCalls = []
  rotates()
})

/** The token endpoint answers with a rotated refresh token (none for null). */
function rotates(refreshToken: string | null = NEW_RT, before?: () => void): void {
  tokenServer.reply(() => {
    tokenCalls.push(nextSeq())
    before?.()
    const reply: Reply = { body: { access_token: ACCESS, token_type: 'Bearer', expires_in: 1800, ...(refreshToken ? { refresh_token: refreshToken } : {}) } }
    return reply
  })
}

const run = (over: Record<string, string> = {}, env: Record<string, string> = {}): Promise<RunResult> =>
  runAction(
    {
      'token-url': `${tokenServer.url}/oauth/token`,
      'client-id': 'cid',
      'client-secret': CLIENT_SECRET,
      'refresh-token': OLD_RT,
      'secret-name': 'HP_REFRESH_TOKEN',
      'github-token': PAT,
      ...over
    },
    { env: { GITHUB_REPOSITORY: 'octo/app', GITHUB_API_URL: gh.url, ...env } }
  )

const fp = tokenId
/** One instant for every state a test writes, so two writes of one state compare equal. */
const NOW_S = Math.floor(Date.now() / 1000)
/** The rotation state: which token the secret holds, and which were spent (it also holds a sealed access token). */
const state = (key = VAR_KEY) => JSON.parse(gh.variables.get(key)!.replace(/^oauth-refresh-action:state:v2 /, '')) as { current?: string; spent: [string, number, number][] }
const recorded = (key = VAR_KEY) => state(key).current
const spentIn = (key = VAR_KEY) => state(key).spent.map(([id]) => id)
const stateWith = (token: string, spent: string[] = []) => `oauth-refresh-action:state:v2 ${JSON.stringify({ current: fp(token), spent: spent.map((t) => [fp(t), NOW_S, 0]), shared: [] })}`
/** Claims left behind: those of spent tokens stay an hour (rotation/state.ts CLAIM_KEEP_S). */
const claims = () => [...gh.variables.keys()].filter((k) => k.includes('_CLAIM_'))
const puts = () => gh.requests.filter((r) => r.method === 'PUT')
/** Writes of the real secret, leaving out the throw-away write probe. */
const secretPuts = () => puts().filter((r) => !r.path.includes('_PROBE_'))
/** Nothing left behind: no lock, no write probe. */
const expectClean = () => {
  expect([...gh.variables.keys()].filter((k) => k.endsWith('_LOCK'))).toEqual([])
  expect([...gh.secrets.keys()].filter((k) => k.includes('_PROBE_'))).toEqual([])
}

describe('writing a rotated refresh token back to a secret', () => {
  it('proves the secret writable before the refresh, then stores the new token (repository secret)', async () => {
    const r = await run()
    expect(annotations(r.stdout)).toEqual([])
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({ 'refresh-token': NEW_RT, 'refresh-token-rotated': 'true', 'secret-updated': 'true', 'token-source': 'refreshed' })
    // The real secret is written once, after the refresh; the proof before it is a throw-away probe.
    expect(gh.secrets.get(REPO_KEY)).toEqual({ value: NEW_RT, updates: 1 })
    const [probe, store] = puts()
    expect(probe).toMatchObject({ method: 'PUT', path: expect.stringMatching(/^\/repos\/octo\/app\/actions\/secrets\/HP_REFRESH_TOKEN_PROBE_[0-9A-F]{8}$/), body: { key_id: expect.any(String), encrypted_value: expect.any(String) } })
    expect(store).toMatchObject({ method: 'PUT', path: '/repos/octo/app/actions/secrets/HP_REFRESH_TOKEN' })
    const keyGet = gh.requests.find((q) => q.path === '/repos/octo/app/actions/secrets/public-key')!
    expect(tokenCalls).toHaveLength(1)
    expect(Math.max(keyGet.seq, probe!.seq)).toBeLessThan(tokenCalls[0]!)
    expect(store!.seq).toBeGreaterThan(tokenCalls[0]!)
    expect(recorded()).toBe(fp(NEW_RT))
    expect(spentIn()).toEqual([fp(OLD_RT)])
    expect(claims()).toEqual([`repo:octo/app:HP_REFRESH_TOKEN_CLAIM_${fp(OLD_RT)}`])
    expectClean()
    expect(r.stdout).toContain('Stored the new refresh token in the repository secret HP_REFRESH_TOKEN of octo/app.')
    expect(secretLeaks(r, ALL)).toEqual([])
  })

  it('writes nothing more when the token did not rotate', async () => {
    rotates(null)
    const r = await run()
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({ 'refresh-token': OLD_RT, 'refresh-token-rotated': 'false', 'secret-updated': 'false' })
    expect(secretPuts()).toHaveLength(0)
    expect(gh.secrets.get(REPO_KEY)!.value).toBe(OLD_RT)
    expect(recorded()).toBe(fp(OLD_RT))
    // Not spent: the claim is released, so the next run may present the same token.
    expect(spentIn()).toEqual([])
    expect(claims()).toEqual([])
    expect((await run()).code).toBe(0)
  })

  it('writes nothing more when the provider sends the same refresh token back', async () => {
    rotates(OLD_RT)
    const r = await run()
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({ 'refresh-token': OLD_RT, 'refresh-token-rotated': 'false', 'secret-updated': 'false' })
    expect(secretPuts()).toEqual([])
    expect(recorded()).toBe(fp(OLD_RT))
    expectClean()
  })

  it('stores an environment secret', async () => {
    gh.seed('env:octo/app:production:HP_REFRESH_TOKEN', OLD_RT)
    const r = await run({ 'secret-environment': 'production' })
    expect(r.code).toBe(0)
    expect(gh.secrets.get('env:octo/app:production:HP_REFRESH_TOKEN')!.value).toBe(NEW_RT)
    expect(gh.secrets.get(REPO_KEY)!.value).toBe(OLD_RT)
    expect(secretPuts().map((p) => p.path)).toEqual(['/repos/octo/app/environments/production/secrets/HP_REFRESH_TOKEN'])
    expect(puts()[0]!.path).toMatch(/^\/repos\/octo\/app\/environments\/production\/secrets\/HP_REFRESH_TOKEN_PROBE_/)
    expect(recorded('env:octo/app:production:HP_REFRESH_TOKEN_STATE')).toBe(fp(NEW_RT))
    expectClean()
  })

  it('stores a secret of another repository named by secret-repository', async () => {
    gh.repo('octo/other').seed('repo:octo/other:HP_REFRESH_TOKEN', OLD_RT)
    const r = await run({ 'secret-repository': 'octo/other' })
    expect(r.code).toBe(0)
    expect(gh.secrets.get('repo:octo/other:HP_REFRESH_TOKEN')!.value).toBe(NEW_RT)
    expect(annotations(r.stdout, 'warning')).toEqual([])
  })

  it('stops before presenting anything when the secret does not exist where secret-name says', async () => {
    gh.repo('octo/other')
    const r = await run({ 'secret-repository': 'octo/other' })
    expect(r.code).toBe(1)
    expect(tokenCalls).toEqual([])
    expect(annotations(r.stdout)).toEqual([
      'The repository secret HP_REFRESH_TOKEN of octo/other does not exist: the repository octo/other holds no secret by that name, so the token given to this run comes from somewhere else. Nothing was refreshed. ' +
        "If HP_REFRESH_TOKEN is an organization secret, set 'secret-org': its claims and lock must live where the secret does, or two scopes would each let a run present the same token. " +
        "Otherwise create HP_REFRESH_TOKEN there with the current refresh token, and read it with 'refresh-token: ${{ secrets.HP_REFRESH_TOKEN }}'."
    ])
    expect([...gh.variables.keys()]).toEqual([])
    expectClean()
  })

  it('keeps an organization secret’s selected repositories', async () => {
    gh.seed('org:octo-org:HP_REFRESH_TOKEN', OLD_RT, { visibility: 'selected', selectedRepositoryIds: [101, 202] })
    const r = await run({ 'secret-org': 'octo-org' })
    expect(r.code).toBe(0)
    expect(gh.secrets.get('org:octo-org:HP_REFRESH_TOKEN')).toEqual({ value: NEW_RT, visibility: 'selected', selectedRepositoryIds: [101, 202], updates: 1 })
    // The probe and the lock and state variables are visible to no repository; the secret keeps its list.
    expect(puts().map((p) => p.body)).toEqual([
      expect.objectContaining({ visibility: 'selected', selected_repository_ids: [] }),
      expect.objectContaining({ visibility: 'selected', selected_repository_ids: [101, 202] })
    ])
    expect(gh.requests.filter((q) => q.method === 'POST').map((q) => q.body)).toEqual([
      expect.objectContaining({ name: 'HP_REFRESH_TOKEN_LOCK', visibility: 'selected', selected_repository_ids: [] }),
      expect.objectContaining({ name: `HP_REFRESH_TOKEN_CLAIM_${fp(OLD_RT)}`, visibility: 'selected', selected_repository_ids: [] }),
      expect.objectContaining({ name: 'HP_REFRESH_TOKEN_STATE', visibility: 'selected', selected_repository_ids: [] })
    ])
    expectClean()
  })

  it('reads every page of a long selected-repository list', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => 1000 + i)
    gh.seed('org:octo-org:HP_REFRESH_TOKEN', OLD_RT, { visibility: 'selected', selectedRepositoryIds: ids })
    const r = await run({ 'secret-org': 'octo-org' })
    expect(r.code).toBe(0)
    expect(gh.secrets.get('org:octo-org:HP_REFRESH_TOKEN')!.selectedRepositoryIds).toEqual(ids)
    expect(gh.requests.filter((q) => q.path.includes('/repositories')).map((q) => q.path)).toEqual([
      '/orgs/octo-org/actions/secrets/HP_REFRESH_TOKEN/repositories?per_page=100&page=1',
      '/orgs/octo-org/actions/secrets/HP_REFRESH_TOKEN/repositories?per_page=100&page=2'
    ])
  })

  it('keeps an organization secret’s visibility; one that does not exist stops the run before anything is presented', async () => {
    gh.seed('org:octo-org:HP_REFRESH_TOKEN', OLD_RT, { visibility: 'all' })
    expect((await run({ 'secret-org': 'octo-org' })).code).toBe(0)
    expect(gh.secrets.get('org:octo-org:HP_REFRESH_TOKEN')).toMatchObject({ value: NEW_RT, visibility: 'all' })

    gh.secrets.clear()
    gh.variables.clear()
    tokenCalls = []
    const missing = await run({ 'secret-org': 'octo-org' })
    expect(missing.code).toBe(1)
    expect(tokenCalls).toEqual([])
    expect(annotations(missing.stdout)[0]).toMatch(/^The organization secret HP_REFRESH_TOKEN of octo-org does not exist: the organization octo-org holds no secret by that name/)
  })

  it('retries a 5xx once, then stores', async () => {
    // Retry-After: 0 keeps the backoff out of the test's wall time; the waits are tested in-process.
    rotates(NEW_RT, () => gh.fail({ method: 'PUT', status: 502, headers: { 'retry-after': '0' }, body: { message: 'Server Error' } }))
    const r = await run()
    expect(r.code).toBe(0)
    expect(r.outputs['secret-updated']).toBe('true')
    expect(gh.secrets.get(REPO_KEY)!.value).toBe(NEW_RT)
    expect(puts()).toHaveLength(3)
    expect(r.stdout).toContain('GitHub API attempt 1 of 4 failed: PUT /repos/octo/app/actions/secrets/HP_REFRESH_TOKEN answered HTTP 502 (Server Error).')
  })

  it.each([
    ['retry-after', { 'retry-after': '0' }],
    ['x-ratelimit-reset', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) }]
  ])('waits out a secondary rate limit (%s), then stores', async (_, headers) => {
    rotates(NEW_RT, () => gh.fail({ method: 'PUT', status: 403, headers, body: { message: 'You have exceeded a secondary rate limit.' } }))
    const r = await run()
    expect(r.code).toBe(0)
    expect(gh.secrets.get(REPO_KEY)!.value).toBe(NEW_RT)
    expect(r.stdout).toMatch(/GitHub API attempt 1 of 4 failed: PUT \S+ answered HTTP 403 \(You have exceeded a secondary rate limit\.\)\. Retrying in [01]\.0 s\./)
  })
})

describe('the preflight stops before the token endpoint', () => {
  const expectNothingSpent = (r: RunResult) => {
    expect(r.code).toBe(1)
    expect(tokenServer.requests).toHaveLength(0)
    expect(tokenCalls).toEqual([])
    expect(gh.secrets.get(REPO_KEY)!.value).toBe(OLD_RT)
    expect(r.outputs).toEqual({ 'secret-updated': 'false' })
    expect(secretLeaks(r, [CLIENT_SECRET, OLD_RT, PAT])).toEqual([])
  }

  it('names the missing permission (403)', async () => {
    gh.token(PAT, 'variables')
    const r = await run()
    expectNothingSpent(r)
    expect(annotations(r.stdout)).toEqual([
      'Reading the public key for the repository secret HP_REFRESH_TOKEN of octo/app failed: HTTP 403 (Resource not accessible by personal access token). ' +
        `'github-token' may not do this: it needs the repository permission "Secrets: Read and write" on octo/app (a classic PAT: repo) (GitHub accepts: secrets=write). ` +
        `Give 'github-token' the repository permission "Secrets: Read and write" on octo/app (a classic PAT: repo). The refresh was not attempted, so the refresh token was not used.`
    ])
  })

  it('says plainly when the token is the workflow’s GITHUB_TOKEN', async () => {
    const ghs = 'ghs_0123456789abcdefghijklmnopqrstuvwxyz'
    gh.token(ghs)
    const r = await run({ 'github-token': ghs }, { GITHUB_TOKEN: ghs })
    expect(r.code).toBe(1)
    expect(tokenServer.requests).toHaveLength(0)
    expect(annotations(r.stdout)[0]).toContain(
      `'github-token' is this workflow's GITHUB_TOKEN, which can never write secrets or variables: use a fine-grained personal access token or a GitHub App token with the repository permission "Secrets: Read and write" on octo/app`
    )
    expect(secretLeaks(r, [CLIENT_SECRET, OLD_RT, ghs])).toEqual([])
  })

  it('says conditionally when a ghs_ token may be GITHUB_TOKEN', async () => {
    const ghs = 'ghs_0123456789abcdefghijklmnopqrstuvwxyz'
    gh.token(ghs)
    const r = await run({ 'github-token': ghs })
    expect(annotations(r.stdout)[0]).toContain(
      "'github-token' is a GitHub App installation token (ghs_…). If it is the workflow's GITHUB_TOKEN (secrets.GITHUB_TOKEN or github.token), it can never write secrets or variables"
    )
  })

  it('names a missing environment (404)', async () => {
    const r = await run({ 'secret-environment': 'prod' })
    expectNothingSpent(r)
    expect(annotations(r.stdout)).toEqual([
      "Reading the public key for the secret HP_REFRESH_TOKEN of environment 'prod' in octo/app failed: HTTP 404 (Not Found). " +
        "Either the environment 'prod' does not exist in octo/app (create it under Settings → Environments, or fix 'secret-environment'), or 'github-token' cannot see that repository. " +
        `Give 'github-token' the repository permissions "Secrets: Read and write" and "Environments: Read and write" on octo/app (a classic PAT: repo). The refresh was not attempted, so the refresh token was not used.`
    ])
  })

  it('stops when the token may read but not write (the write probe fails)', async () => {
    gh.fail({ method: 'PUT', status: 403, body: { message: 'Resource not accessible by personal access token' }, headers: { 'x-accepted-github-permissions': 'secrets=write' } })
    const r = await run()
    expectNothingSpent(r)
    expect(annotations(r.stdout)[0]).toMatch(
      /^Writing the repository secret HP_REFRESH_TOKEN_PROBE_[0-9A-F]{8} of octo\/app \(a throw-away secret that proves 'github-token' may write HP_REFRESH_TOKEN before the refresh\) failed: HTTP 403/
    )
    expectClean()
  })

  it('rejects a github-token GitHub does not know (401)', async () => {
    const r = await run({ 'github-token': 'github_pat_unknown_0123456789' })
    expect(r.code).toBe(1)
    expect(tokenServer.requests).toHaveLength(0)
    expect(annotations(r.stdout)[0]).toMatch(/failed: HTTP 401 \(Bad credentials\)\. GitHub rejected 'github-token': it is expired, revoked or not a token\./)
  })

  it('an input error masks github-token and names the input', async () => {
    const r = await run({ 'secret-name': 'GITHUB_X' })
    expect(r.code).toBe(1)
    expect(annotations(r.stdout)).toEqual(["Input 'secret-name' must be a GitHub secret name (letters, digits and underscores, not starting with a digit or GITHUB_); got 'GITHUB_X'."])
    expect(secretLeaks(r, [CLIENT_SECRET, OLD_RT, PAT])).toEqual([])
    expect(gh.requests).toEqual([])
  })
})

describe('when storing fails after a rotation', () => {
  it('fails naming the secret that holds the old token, and keeps the new one in the masked output', async () => {
    rotates(NEW_RT, () => gh.fail({ method: 'PUT', status: 403, times: 10, body: { message: 'Resource not accessible by personal access token' } }))
    const r = await run()
    expect(r.code).toBe(1)
    expect(annotations(r.stdout)).toEqual([
      'The provider rotated the refresh token, but storing the new one failed: Writing the repository secret HP_REFRESH_TOKEN of octo/app failed: HTTP 403 (Resource not accessible by personal access token). ' +
        `'github-token' may not do this: it needs the repository permission "Secrets: Read and write" on octo/app (a classic PAT: repo). Give 'github-token' the repository permission "Secrets: Read and write" on octo/app (a classic PAT: repo). ` +
        `The repository secret HP_REFRESH_TOKEN of octo/app still holds the old refresh token, which the provider has spent; the repository variable HP_REFRESH_TOKEN_CLAIM_${fp(OLD_RT)} of octo/app keeps every run from presenting it again. ` +
        "The new one is in this step's masked 'refresh-token' output: the post step tries once more to store it, or store it from a later step (if: failure()) before the job ends; a token stored by hand is presented normally by the next run. Otherwise authorize again."
    ])
    expect(r.outputs).toEqual({ 'refresh-token': NEW_RT, 'refresh-token-rotated': 'true', 'secret-updated': 'false' })
    expect(gh.secrets.get(REPO_KEY)!.value).toBe(OLD_RT)
    expect(secretLeaks(r, ALL)).toEqual([])
  })

  it('after 5xx on every attempt, says so', async () => {
    rotates(NEW_RT, () => gh.fail({ method: 'PUT', status: 503, times: 10, headers: { 'retry-after': '0' } }))
    const r = await run()
    expect(r.code).toBe(1)
    expect(puts()).toHaveLength(1 + 4)
    expect(annotations(r.stdout)[0]).toMatch(/^The provider rotated the refresh token, but storing the new one failed: Writing the repository secret HP_REFRESH_TOKEN of octo\/app failed: HTTP 503\. GitHub failed on its side \(5xx answers are retried up to 4 times\); run again later\. The repository secret HP_REFRESH_TOKEN of octo\/app still holds the old refresh token/)
  })

  it('a rate limit asking for more than a minute is not waited out', async () => {
    rotates(NEW_RT, () => gh.fail({ method: 'PUT', status: 403, headers: { 'retry-after': '120' }, body: { message: 'You have exceeded a secondary rate limit.' } }))
    const r = await run()
    expect(r.code).toBe(1)
    expect(puts()).toHaveLength(2)
    expect(annotations(r.stdout)[0]).toMatch(
      /^The provider rotated the refresh token, but storing the new one failed: Writing the repository secret HP_REFRESH_TOKEN of octo\/app failed: HTTP 403 \(You have exceeded a secondary rate limit\.\)\. GitHub's rate limit for this token was reached and retries did not get through\. GitHub asks to wait 120 s\./
    )
    expect(r.outputs['secret-updated']).toBe('false')
  })

  it('a later failure (scope check) says the new token was stored', async () => {
    const r = await run({ 'required-scopes': 'admin' })
    expect(r.code).toBe(1)
    expect(r.outputs['secret-updated']).toBe('true')
    expect(gh.secrets.get(REPO_KEY)!.value).toBe(NEW_RT)
    expect(annotations(r.stdout)[0]).toMatch(/The provider issued a new refresh token before this failure; it is stored in the repository secret HP_REFRESH_TOKEN of octo\/app\.$/)
  })

  it('a refused verification (verify-url) still stores the new token and says so', async () => {
    tokenServer.reply((req) =>
      req.url === '/api/me'
        ? { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, body: '' }
        : { body: { access_token: ACCESS, token_type: 'Bearer', expires_in: 1800, refresh_token: NEW_RT } }
    )
    const r = await run({ 'verify-url': `${tokenServer.url}/api/me` })
    expect(r.code).toBe(1)
    expect(tokenServer.requests.map((q) => q.url)).toEqual(['/oauth/token', '/api/me'])
    expect(r.outputs).toMatchObject({ 'refresh-token': NEW_RT, 'refresh-token-rotated': 'true', 'secret-updated': 'true' })
    expect(gh.secrets.get(REPO_KEY)!.value).toBe(NEW_RT)
    expect(annotations(r.stdout)).toEqual([
      expect.stringMatching(/refused the new access token: HTTP 401 invalid_token\. .* it is stored in the repository secret HP_REFRESH_TOKEN of octo\/app\.$/)
    ])
    expect(secretLeaks(r, ALL)).toEqual([])
  })
})

describe('stale-token guard (on by default)', () => {
  it('records the fingerprint on the first run and follows each rotation', async () => {
    const r = await run()
    expect(r.code).toBe(0)
    expect(recorded()).toBe(fp(NEW_RT))
    const writes = gh.writes.map((w) => `${w.method} ${w.path.replace(/_PROBE_[0-9A-F]{8}$/, '_PROBE_*')}`)
    // Before the refresh: the lock, then the claim and the probe; after it, the secret and the state together; then the release.
    expect(writes[0]).toBe('POST /repos/octo/app/actions/variables')
    expect(writes.slice(1, 3).sort()).toEqual(['POST /repos/octo/app/actions/variables', 'PUT /repos/octo/app/actions/secrets/HP_REFRESH_TOKEN_PROBE_*'])
    expect(writes.slice(3, 5).sort()).toEqual(['POST /repos/octo/app/actions/variables', 'PUT /repos/octo/app/actions/secrets/HP_REFRESH_TOKEN'])
    expect(writes.slice(5).sort()).toEqual(['DELETE /repos/octo/app/actions/secrets/HP_REFRESH_TOKEN_PROBE_*', 'DELETE /repos/octo/app/actions/variables/HP_REFRESH_TOKEN_LOCK'])
    expect(tokenCalls[0]).toBeGreaterThan(Math.max(gh.writes[1]!.seq, gh.writes[2]!.seq))
    expect(tokenCalls[0]).toBeLessThan(Math.min(gh.writes[3]!.seq, gh.writes[4]!.seq))
  })

  it('stops before the refresh, writing nothing, when another run already spent the token', async () => {
    // Built once: stateWith() stamps the current second, and the run may end in the next one.
    const seeded = stateWith('rt-rotated-by-another-run', [OLD_RT])
    gh.setVariable(VAR_KEY, seeded)
    const r = await run()
    expect(r.code).toBe(1)
    expect(tokenServer.requests).toHaveLength(0)
    expect(gh.secrets.get(REPO_KEY)).toEqual({ value: OLD_RT, updates: 0 })
    expect(gh.variables.get(VAR_KEY)).toBe(seeded)
    expect(claims()).toEqual([])
    expectClean()
    expect(annotations(r.stdout)).toEqual([
      'The refresh token given to this run was already presented by another run, and the provider rotated it: presenting it again could make the provider revoke the whole grant (RFC 9700 §4.14.2), so it was not sent. ' +
        "No shared access token valid for 'min-validity' with the needed scopes was there to use instead. " +
        'Start a new run: it reads the repository secret HP_REFRESH_TOKEN of octo/app as it is now. A refresh token you stored by hand (a fallback step, or after authorizing again) is presented normally.'
    ])
  })

  it('presents a token stored by hand even though the state names another one: it was never spent', async () => {
    gh.setVariable(VAR_KEY, stateWith('rt-lost-in-a-failed-store', ['rt-older']))
    const r = await run()
    expect(r.code).toBe(0)
    expect(recorded()).toBe(fp(NEW_RT))
    // The token the state named is spent too now: the secret moved past it.
    expect(spentIn()).toEqual([fp('rt-older'), fp(OLD_RT), fp('rt-lost-in-a-failed-store')])
  })

  it('uses the environment’s variables for an environment secret', async () => {
    gh.seed('env:octo/app:production:HP_REFRESH_TOKEN', OLD_RT)
    const r = await run({ 'secret-environment': 'production' })
    expect(r.code).toBe(0)
    expect(recorded('env:octo/app:production:HP_REFRESH_TOKEN_STATE')).toBe(fp(NEW_RT))
    expect(gh.variables.has(VAR_KEY)).toBe(false)
  })

  it('after a failed store, the spent token is claimed and recorded: the next run takes the shared token, or stops', async () => {
    rotates(NEW_RT, () => gh.fail({ method: 'PUT', status: 500, times: 10, headers: { 'retry-after': '0' } }))
    const first = await run()
    expect(first.code).toBe(1)
    expect(annotations(first.stdout)[0]).toMatch(/keeps every run from presenting it again\./)
    expect(gh.secrets.get(REPO_KEY)!.value).toBe(OLD_RT)
    expect(spentIn()).toEqual([fp(OLD_RT)])
    expect(claims()).toEqual([`repo:octo/app:HP_REFRESH_TOKEN_CLAIM_${fp(OLD_RT)}`])

    gh.clearFaults()
    // The main step kept the lock for its post step; without one here, it is released by hand.
    gh.variables.delete('repo:octo/app:HP_REFRESH_TOKEN_LOCK')
    tokenCalls = []
    const shared = await run()
    expect(shared.code).toBe(0)
    expect(shared.outputs['token-source']).toBe('shared')
    expect(shared.outputs['access-token']).toBe(ACCESS)
    expect(tokenCalls).toEqual([])

    const stops = await run({ 'share-token': 'false' })
    expect(stops.code).toBe(1)
    expect(tokenCalls).toEqual([])
    expect(annotations(stops.stdout)[0]).toMatch(/^The refresh token given to this run was already presented by another run/)
  })

  it('stores the token and succeeds with a warning when the state cannot follow it: the claim alone blocks the spent token', async () => {
    rotates(NEW_RT, () => gh.fail({ method: 'POST', path: '/variables', status: 500, times: 10, headers: { 'retry-after': '0' } }))
    const r = await run()
    expect(r.code).toBe(0)
    expect(r.outputs['secret-updated']).toBe('true')
    expect(gh.secrets.get(REPO_KEY)!.value).toBe(NEW_RT)
    expect(gh.variables.has(VAR_KEY)).toBe(false)
    expect(annotations(r.stdout, 'warning')).toEqual([
      'The new refresh token is stored in the repository secret HP_REFRESH_TOKEN of octo/app, but the rotation state (the repository variable HP_REFRESH_TOKEN_STATE of octo/app) could not be updated: ' +
        'Creating the repository variable HP_REFRESH_TOKEN_STATE of octo/app failed: HTTP 500. GitHub failed on its side (5xx answers are retried up to 4 times); run again later. ' +
        `The spent token stays blocked by the repository variable HP_REFRESH_TOKEN_CLAIM_${fp(OLD_RT)} of octo/app; no access token is shared until a later run updates the state.`
    ])
    expect(claims()).toEqual([`repo:octo/app:HP_REFRESH_TOKEN_CLAIM_${fp(OLD_RT)}`])
    expectClean()
    expect(secretLeaks(r, ALL)).toEqual([])
    gh.clearFaults()
    tokenCalls = []
    const stale = await run()
    expect(stale.code).toBe(1)
    expect(tokenCalls).toEqual([])
  })

  it('fails before the refresh when the variables cannot be written', async () => {
    gh.token(PAT, 'secrets')
    const r = await run()
    expect(r.code).toBe(1)
    expect(tokenServer.requests).toHaveLength(0)
    expect(annotations(r.stdout)[0]).toMatch(/^Creating the repository variable HP_REFRESH_TOKEN_LOCK of octo\/app failed: HTTP 403 .* "Variables: Read and write"/)
  })
})

describe('scheduled runs in a row', () => {
  it('each run reads the token the previous run stored (five rotations, default settings)', async () => {
    // A token server that rotates on every refresh and, like reuse detection, refuses any old token.
    let current = OLD_RT
    tokenServer.reply((req) => {
      if (req.form.get('refresh_token') !== current) return { status: 400, body: { error: 'invalid_grant' } }
      current = `rt-${nextSeq()}-0123456789abcdef`
      return { body: { access_token: ACCESS, token_type: 'Bearer', refresh_token: current } }
    })
    for (let i = 0; i < 5; i++) {
      const stored = gh.secrets.get(REPO_KEY)!.value
      // No expires_in from this server: a token of unknown lifetime is never shared, so each run refreshes.
      const r = await run({ 'refresh-token': stored })
      expect(annotations(r.stdout)).toEqual([])
      expect(r.outputs['secret-updated']).toBe('true')
      expect(gh.secrets.get(REPO_KEY)!.value).toBe(current)
      expect(recorded()).toBe(fp(current))
      expect(secretLeaks(r, [stored, current, PAT])).toEqual([])
    }
    expect(tokenServer.requests).toHaveLength(5)
  })
})
