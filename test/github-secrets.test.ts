import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ActionError } from '../src/errors.js'
import { apiUrl, call, type Api } from '../src/github/api.js'
import { retryWait } from '../src/retry.js'
import { apiError, basePath, describeSecret, tokenKind, type SecretTarget } from '../src/github/targets.js'
import type { HttpResponse, Send } from '../src/http.js'
import { claimVariable } from '../src/rotation/claims.js'
import { tokenId } from '../src/rotation/fingerprint.js'
import { lockVariable } from '../src/rotation/lock.js'
import { stateVariable } from '../src/rotation/state.js'

const res = (status: number, headers: Record<string, string> = {}, body: unknown = {}): HttpResponse => ({ status, headers, body: JSON.stringify(body) })
const NOW = 1_700_000_000_000
const repo: SecretTarget = { kind: 'repository', repository: 'octo/app' }
const env: SecretTarget = { kind: 'environment', repository: 'octo/app', environment: 'prod/eu 1' }
const org: SecretTarget = { kind: 'organization', org: 'octo-org' }

describe('retryWait (GitHub "Rate limits for the REST API")', () => {
  it.each([
    ['200', res(200), undefined],
    ['404', res(404), undefined],
    ['403 without rate-limit signs is a permission problem', res(403, {}, { message: 'Resource not accessible by integration' }), undefined],
    ['500: our backoff', res(500), 'backoff'],
    ['501 (not implemented) is final', res(501), undefined],
    ['503 with Retry-After', res(503, { 'retry-after': '2' }), 2000],
    ['403 with Retry-After (secondary limit)', res(403, { 'retry-after': '7' }), 7000],
    ['403 with x-ratelimit-remaining 0: until x-ratelimit-reset', res(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 5) }), 5000],
    // One rule for every endpoint (retry.ts): a bare 429 gets backoff; GitHub's own 429s name their limit.
    ['429 with no sign of which limit: our backoff', res(429), 'backoff'],
    ['403 naming a secondary rate limit: a minute', res(403, {}, { message: 'You have exceeded a secondary rate limit' }), 60_000]
  ])('%s', (_, response, wait) => {
    expect(retryWait(response, NOW)).toBe(wait)
  })
})

describe('call', () => {
  const harness = (...replies: (HttpResponse | ActionError)[]) => {
    const slept: number[] = []
    const sent: string[] = []
    const info: string[] = []
    const send: Send = async (req) => {
      sent.push(`${req.method} ${req.url.href} ${req.headers.authorization} ${req.body ?? ''}`)
      const next = replies.length > 1 ? replies.shift()! : replies[0]!
      if (next instanceof ActionError) throw next
      return next
    }
    const api: Api = { root: new URL('https://ghe.example.com/api/v3/'), token: 'tok', timeoutMs: 1000, deps: { send, info: (l) => void info.push(l), sleep: async (ms) => void slept.push(ms), now: () => NOW, random: () => 0.5 } }
    return { api, slept, sent, info }
  }

  it('sends JSON with the token to the API root, GHES path kept', async () => {
    const h = harness(res(204))
    expect((await call(h.api, 'PUT', '/repos/o/r/actions/secrets/X', { a: 1 })).status).toBe(204)
    expect(h.sent).toEqual(['PUT https://ghe.example.com/api/v3/repos/o/r/actions/secrets/X Bearer tok {"a":1}'])
    expect(apiUrl(new URL('https://api.github.com'), '/orgs/x').href).toBe('https://api.github.com/orgs/x')
  })

  it('retries 5xx with backoff and a rate limit after the time asked, then returns the answer', async () => {
    const h = harness(res(502), res(403, { 'retry-after': '3' }), res(201))
    expect((await call(h.api, 'PUT', '/x', {})).status).toBe(201)
    expect(h.slept).toEqual([500, 3000])
  })

  it('returns the last failure after four attempts', async () => {
    const h = harness(res(500))
    expect((await call(h.api, 'GET', '/x')).status).toBe(500)
    expect(h.sent).toHaveLength(4)
  })

  it('does not wait longer than a minute: the answer comes back for the caller to report', async () => {
    const h = harness(res(403, { 'retry-after': '120' }), res(204))
    expect((await call(h.api, 'GET', '/x')).status).toBe(403)
    expect(h.slept).toEqual([])
  })

  it('retries retryable network failures, then throws the last one with the count; others at once', async () => {
    const reset = new ActionError('network', 'reset', { retryable: true })
    const h = harness(reset)
    await expect(call(h.api, 'GET', '/x')).rejects.toMatchObject({ code: 'network', message: 'reset (4 attempts made.)', details: { attempts: 4 } })
    expect(h.sent).toHaveLength(4)
    expect(h.info.filter((l) => l.startsWith('GitHub API attempt '))).toHaveLength(3)
    const dns = new ActionError('network', 'dns')
    const h2 = harness(dns)
    await expect(call(h2.api, 'GET', '/x')).rejects.toBe(dns)
    expect(h2.sent).toHaveLength(1)
  })
})

describe('targets', () => {
  it('builds the documented paths, environments URL-encoded and without /actions', () => {
    expect(basePath(repo)).toBe('/repos/octo/app/actions')
    expect(basePath(env)).toBe('/repos/octo/app/environments/prod%2Feu%201')
    expect(basePath(org)).toBe('/orgs/octo-org/actions')
  })

  it('describes each', () => {
    expect(describeSecret(repo, 'S')).toBe('the repository secret S of octo/app')
    expect(describeSecret(env, 'S', 'variable')).toBe("the variable S of environment 'prod/eu 1' in octo/app")
    expect(describeSecret(org, 'S')).toBe('the organization secret S of octo-org')
  })
})

describe('apiError', () => {
  it.each([
    [401, {}, repo, /^Doing failed: HTTP 401 \(m\)\. GitHub rejected 'github-token': it is expired, revoked or not a token\./],
    [403, { 'x-accepted-github-permissions': 'secrets=write' }, org, /'github-token' may not do this: it needs the organization permission "Secrets: Read and write" \(a classic PAT: admin:org\) \(GitHub accepts: secrets=write\)\./],
    [403, { 'retry-after': '600' }, repo, /GitHub's rate limit for this token was reached and retries did not get through\. GitHub asks to wait 600 s\./],
    [404, {}, org, /Either the organization 'octo-org' does not exist, or 'github-token' cannot see it\./],
    [404, {}, repo, /Either the repository octo\/app does not exist, or 'github-token' cannot see it \(a fine-grained token must be granted this repository\)\./],
    [500, {}, repo, /GitHub failed on its side \(5xx answers are retried up to 4 times\); run again later\.$/],
    [422, {}, repo, /HTTP 422 \(m\)\. Check the inputs that name the target\.$/]
  ])('HTTP %i', (status, headers, target, expected) => {
    const e = apiError(res(status, headers, { message: 'm' }), 'Doing', target, 'secret', 'github_pat_x')
    expect(e).toBeInstanceOf(ActionError)
    expect(e.message).toMatch(expected)
    expect(e.details.status).toBe(status)
  })

  it('tells GITHUB_TOKEN apart only when it can', () => {
    expect(tokenKind('ghs_abc', { GITHUB_TOKEN: 'ghs_abc' })).toBe('workflow')
    expect(tokenKind('ghs_abc', {})).toBe('installation')
    expect(tokenKind('ghs_abc', { GITHUB_TOKEN: 'ghs_other' })).toBe('installation')
    expect(tokenKind('github_pat_abc', {})).toBe('other')
  })
})

describe('tokenId', () => {
  it('is 64 bits of a domain-separated SHA-256 in upper-case hex, never the token or its plain hash', () => {
    const token = 'rt-0123456789abcdef'
    const id = tokenId(token)
    expect(id).toBe(createHash('sha256').update(`oauth-refresh-action/refresh-token-fingerprint/v1\n${token}`).digest('hex').slice(0, 16).toUpperCase())
    expect(id).toMatch(/^[0-9A-F]{16}$/)
    expect(id).not.toBe(createHash('sha256').update(token).digest('hex').slice(0, 16).toUpperCase())
    expect(tokenId(`${token}x`)).not.toBe(id)
    expect([stateVariable('HP_REFRESH_TOKEN'), lockVariable('HP_REFRESH_TOKEN'), claimVariable('HP_REFRESH_TOKEN', id), claimVariable('RT', id, true)]).toEqual(['HP_REFRESH_TOKEN_STATE', 'HP_REFRESH_TOKEN_LOCK', `HP_REFRESH_TOKEN_CLAIM_${id}`, `RT_CLAIM_${id}_AGAIN`])
  })
})
