/**
 * The one retry rule and the one request path (src/retry.ts), with a scripted `send` and a clock
 * that only moves when the code sleeps: which answers are worth another try (a rate limit is, a
 * permission 403 is not), what Retry-After means, and the deadline under the cross-run lock: no
 * attempt starts that could end after it. test/scopes-retry.test.ts has the token call's retries.
 */
import { describe, expect, it } from 'vitest'
import { ActionError } from '../src/errors.js'
import type { HttpRequest, HttpResponse, Send } from '../src/http.js'
import { exchange, parseRetryAfter, retryDelayMs, retryWait, type Exchange, type NetDeps } from '../src/retry.js'

const NOW = Date.parse('2026-12-01T12:00:00Z')
const res = (status: number, headers: Record<string, string> = {}, body: unknown = ''): HttpResponse => ({ status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) })

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
  it('reads delay-seconds, spaces around included, and an HTTP-date', () => {
    expect(parseRetryAfter(' 7 ', NOW)).toBe(7000)
    expect(parseRetryAfter('0', NOW)).toBe(0)
    expect(parseRetryAfter('Tue, 01 Dec 2026 12:00:30 GMT', NOW)).toBe(30_000)
    expect(parseRetryAfter('Tue, 01 Dec 2026 11:00:00 GMT', NOW)).toBe(0)
  })
  it('anything else is no Retry-After at all', () => {
    for (const v of [undefined, 'x7', '7x', 'soon', '']) expect(parseRetryAfter(v, NOW)).toBeUndefined()
  })
})

describe('retryWait: worth another try, and after how long', () => {
  it('429 and 5xx back off; 501 and other 4xx are final', () => {
    for (const s of [429, 500, 502, 503, 504]) expect(retryWait(res(s), NOW)).toBe('backoff')
    for (const s of [400, 401, 404, 409, 422, 501]) expect(retryWait(res(s), NOW)).toBeUndefined()
  })

  it('a 403 is final unless it is a rate limit: a permission refusal is not waited on', () => {
    expect(retryWait(res(403, {}, { message: 'Resource not accessible by integration' }), NOW)).toBeUndefined()
    expect(retryWait(res(403, { 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': String(NOW / 1000 + 60) }, { message: 'Must have admin rights to Repository.' }), NOW)).toBeUndefined()
    expect(retryWait(res(403, {}, { message: 5 }), NOW)).toBeUndefined()
    expect(retryWait(res(403, {}, 'You have exceeded a secondary rate limit'), NOW)).toBeUndefined()
  })

  it("a rate-limited 403: Retry-After first, then the reset time, then the documented minute for a 'secondary rate limit'", () => {
    expect(retryWait(res(403, { 'retry-after': '20', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 90) }), NOW)).toBe(20_000)
    expect(retryWait(res(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 90) }), NOW)).toBe(90_000)
    expect(retryWait(res(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 90) }), NOW)).toBe(0)
    expect(retryWait(res(403, {}, { message: 'You have exceeded a secondary rate limit.' }), NOW)).toBe(60_000)
    expect(retryWait(res(403, {}, { message: 'abuse detection mechanism' }), NOW)).toBe(60_000)
  })

  it('a reset time that is not a time is no wait: a 403 stays final, a 429 backs off', () => {
    for (const reset of ['0', 'Infinity', 'soon', '-5']) {
      expect(retryWait(res(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), NOW)).toBeUndefined()
      expect(retryWait(res(429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), NOW)).toBe('backoff')
    }
  })
})

describe('retryDelayMs', () => {
  const err = (retryAfter?: string) => new ActionError('http_status', 'GET /x answered HTTP 503.', { retryAfter })
  it('obeys a Retry-After up to the cap, the cap included, and refuses a longer one with a clear error', () => {
    expect(retryDelayMs(1, err('30'), NOW)).toBe(30_000)
    expect(retryDelayMs(1, err('10'), NOW, Math.random, 10_000)).toBe(10_000)
    expect(() => retryDelayMs(1, err('31'), NOW)).toThrow(expect.objectContaining({ code: 'retry_after_too_long', message: 'GET /x answered HTTP 503. The server asked to wait 31 s before trying again (Retry-After), longer than this action waits (30 s). Re-run the job later.' }) as Error)
  })
  it('otherwise full jitter under an exponential ceiling capped at 30 s', () => {
    expect(retryDelayMs(1, err(), NOW, () => 0.5)).toBe(500)
    expect(retryDelayMs(3, err(), NOW, () => 1)).toBe(4000)
    expect(retryDelayMs(10, err(), NOW, () => 1)).toBe(30_000)
  })
})

/** A scripted server and a clock that moves only when exchange() sleeps. */
function world(answers: (HttpResponse | Error)[]) {
  let now = NOW
  const slept: number[] = []
  const info: string[] = []
  let calls = 0
  const send: Send = async () => {
    const a = answers[Math.min(calls++, answers.length - 1)]!
    if (a instanceof Error) throw a
    return a
  }
  const deps: NetDeps = { send, info: (l) => void info.push(l), now: () => now, random: () => 0.5, sleep: async (ms) => {
    slept.push(ms)
    now += ms
  } }
  return { deps, slept, info, calls: () => calls }
}

const req: HttpRequest = { method: 'GET', url: new URL('https://api.example.test/x'), headers: {} }
const strict = (r: HttpResponse): number => {
  if (r.status !== 200) throw new ActionError('http_status', `HTTP ${r.status}`, { status: r.status })
  return r.status
}
const ex = (over: Partial<Exchange<number>> = {}): Exchange<number> => ({ req, attempts: 4, timeoutMs: 1000, classify: strict, label: 'Test API', ...over })

describe('exchange: the one request path', () => {
  it('retries a 503 with backoff, saying each failed attempt, and counts the attempts', async () => {
    const w = world([res(503), res(503), res(200)])
    expect(await exchange(ex(), w.deps)).toEqual({ value: 200, attempts: 3 })
    expect(w.slept).toEqual([500, 1000])
    expect(w.info).toEqual(['Test API attempt 1 of 4 failed: HTTP 503 Retrying in 0.5 s.', 'Test API attempt 2 of 4 failed: HTTP 503 Retrying in 1.0 s.'])
  })

  it('the last failure says how many attempts were made; a single attempt says nothing of it', async () => {
    const w = world([res(503)])
    await expect(exchange(ex({ attempts: 2 }), w.deps)).rejects.toMatchObject({ code: 'http_status', message: 'HTTP 503 (2 attempts made.)', details: { status: 503, attempts: 2 } })
    await expect(exchange(ex({ attempts: 1 }), world([res(503)]).deps)).rejects.toMatchObject({ message: 'HTTP 503' })
  })

  it('words an accepted answer that is retried with `describe`, or with the method, path and status', async () => {
    const lenient = (r: HttpResponse): number => r.status
    const w = world([res(502), res(200)])
    expect(await exchange(ex({ classify: lenient }), w.deps)).toEqual({ value: 200, attempts: 2 })
    expect(w.info).toEqual(['Test API attempt 1 of 4 failed: GET /x answered HTTP 502. Retrying in 0.5 s.'])
    const d = world([res(502), res(200)])
    await exchange(ex({ classify: lenient, describe: (r) => `the endpoint said ${r.status}.`, label: undefined }), d.deps)
    expect(d.info).toEqual(['Attempt 1 of 4 failed: the endpoint said 502. Retrying in 0.5 s.'])
  })

  it("obeys the server's Retry-After to the second", async () => {
    const w = world([res(429, { 'retry-after': '3' }), res(200)])
    await exchange(ex(), w.deps)
    expect(w.slept).toEqual([3000])
  })

  it('a Retry-After beyond the cap ends the attempts: the failure as an error, an accepted answer as a value', async () => {
    await expect(exchange(ex(), world([res(503, { 'retry-after': '999' })]).deps)).rejects.toMatchObject({ code: 'retry_after_too_long' })
    expect(await exchange(ex({ classify: (r) => r.status }), world([res(503, { 'retry-after': '999' })]).deps)).toEqual({ value: 503, attempts: 1 })
  })

  it('a network failure is retried only when it says it may be', async () => {
    const flaky = new ActionError('network', 'connection reset', { retryable: true })
    const w = world([flaky, res(200)])
    expect(await exchange(ex(), w.deps)).toEqual({ value: 200, attempts: 2 })
    const final = new ActionError('network', 'refused', {})
    await expect(exchange(ex(), world([final]).deps)).rejects.toBe(final)
    await expect(exchange(ex(), world([new Error('bug')]).deps)).rejects.toThrow('bug')
  })

  it('mayRetry vetoes another try (a token that may be spent is not presented again)', async () => {
    const w = world([res(503), res(200)])
    await expect(exchange(ex({ mayRetry: () => false }), w.deps)).rejects.toMatchObject({ message: 'HTTP 503' })
    expect(w.calls()).toBe(1)
  })

  describe('the deadline under the lock: no attempt starts that could end after it', () => {
    it('retries while the next attempt, its wait included, ends by the deadline (the deadline itself included)', async () => {
      // After the first failure: now + 500 ms of backoff + 1000 ms of timeout = the deadline exactly.
      const w = world([res(503), res(200)])
      expect(await exchange(ex({ deadline: NOW + 1500 }), w.deps)).toEqual({ value: 200, attempts: 2 })
      expect(w.slept).toEqual([500])
    })

    it('stops, with the failure it has, when the wait would end past it', async () => {
      const w = world([res(503), res(200)])
      await expect(exchange(ex({ deadline: NOW + 1499 }), w.deps)).rejects.toMatchObject({ message: 'HTTP 503' })
      expect(w.calls()).toBe(1)
      expect(w.slept).toEqual([])
    })

    it('stops when even an attempt without a wait would end past it', async () => {
      const w = world([res(503, { 'retry-after': '0' }), res(200)])
      await expect(exchange(ex({ deadline: NOW + 999 }), w.deps)).rejects.toMatchObject({ message: 'HTTP 503' })
      expect(w.calls()).toBe(1)
      const v = world([res(503, { 'retry-after': '0' }), res(200)])
      expect(await exchange(ex({ deadline: NOW + 1000 }), v.deps)).toEqual({ value: 200, attempts: 2 })
    })

    it('without a deadline, the attempts alone bound it', async () => {
      const w = world([res(503, { 'retry-after': '30' })])
      await expect(exchange(ex({ attempts: 3 }), w.deps)).rejects.toMatchObject({ message: 'HTTP 503 (3 attempts made.)' })
      expect(w.slept).toEqual([30_000, 30_000])
    })
  })
})
