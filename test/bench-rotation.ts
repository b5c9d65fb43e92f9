/**
 * `npm run bench`, second part: the cost of a safe rotation (issue 10), in round trips. Every answer
 * of the token server and of the GitHub API stand-in is delayed by L ms, and each case runs with
 * L = 0 and L = LATENCY alternately, round by round; a case's round trips on the critical path are
 * (median at L − median at 0) / L. Parallel requests cost one L; connection set-up is not delayed
 * (on a real runner each new connection adds TCP and TLS round trips: counted apart, as connections).
 */
import { GitHubApi } from './support/github-api.ts'
import { runAction, type RunResult } from './support/runner.ts'
import { MockServer, RotatingGrant } from './support/token-server.ts'

const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 100)
const PAT = 'github_pat_bench_0123456789abcdefghij'
const KEY = 'repo:octo/bench:BENCH_RT'

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export async function rotationBench(rounds: number): Promise<{ lines: string[]; missed: string[] }> {
  const [gh, token] = await Promise.all([GitHubApi.start(), MockServer.start()])
  let grant = new RotatingGrant('rt-bench-first-0123456789')
  token.reply((req) => grant.handler(req))
  const fresh = (): void => {
    grant = new RotatingGrant('rt-bench-first-0123456789')
    gh.reset().token(PAT, 'secrets', 'variables').repo('octo/bench').seed(KEY, grant.current!)
  }
  const inputs = (over: Record<string, string> = {}) => ({
    'token-url': `${token.url}/token`,
    'client-id': 'bench',
    'client-secret': 'bench-secret-0123456789',
    'refresh-token': gh.secrets.get(KEY)!.value,
    'secret-name': 'BENCH_RT',
    'github-token': PAT,
    ...over
  })
  const env = () => ({ env: { GITHUB_REPOSITORY: 'octo/bench', GITHUB_API_URL: gh.url } })
  const check = (r: RunResult, source: string, name: string): void => {
    if (r.code !== 0 || (source && r.outputs['token-source'] !== source)) throw new Error(`${name}: exit ${r.code}, token-source ${r.outputs['token-source']}: ${r.stdout.slice(-400)}`)
  }

  interface Case { name: string; prepare: () => Promise<void>; go: () => Promise<RunResult>; source: string }
  const cases: Case[] = [
    { name: 'refresh without secret-name (1 round trip: the calibration)', prepare: async () => fresh(), go: () => runAction({ 'token-url': `${token.url}/token`, 'client-id': 'bench', 'client-secret': 'bench-secret-0123456789', 'refresh-token': grant.current! }), source: 'refreshed' },
    { name: 'safe rotation: lock, guard, refresh, store (default settings)', prepare: async () => fresh(), go: () => runAction(inputs(), env()), source: 'refreshed' },
    {
      name: 'a run served by the shared token',
      prepare: async () => {
        fresh()
        const saved = [gh.latencyMs, token.latencyMs]
        gh.latencyMs = token.latencyMs = 0
        check(await runAction(inputs(), env()), 'refreshed', 'seeding the shared token')
        ;[gh.latencyMs, token.latencyMs] = saved as [number, number]
        gh.connections = 0
      },
      go: () => runAction(inputs(), env()),
      source: 'shared'
    }
  ]
  const times = new Map(cases.map((c) => [c.name, { 0: [] as number[], [LATENCY]: [] as number[] }]))
  const connections = new Map(cases.map((c) => [c.name, [] as number[]]))
  for (let round = 0; round < rounds; round++) {
    for (const latency of round % 2 ? [LATENCY, 0] : [0, LATENCY]) {
      for (const c of cases) {
        gh.latencyMs = token.latencyMs = latency
        await c.prepare()
        gh.latencyMs = token.latencyMs = latency
        const start = performance.now()
        const r = await c.go()
        const ms = performance.now() - start
        check(r, c.source, c.name)
        times.get(c.name)![latency]!.push(ms)
        if (c.name !== cases[0]!.name) connections.get(c.name)!.push(gh.connections)
      }
    }
  }

  // Four runs at the same moment with the same token, against the strict server: how many refreshes.
  gh.latencyMs = token.latencyMs = LATENCY
  const refreshes: number[] = []
  const batchMs: number[] = []
  for (let i = 0; i < Math.max(5, Math.floor(rounds / 2)); i++) {
    fresh()
    const start = performance.now()
    const runs = await Promise.all([1, 2, 3, 4].map(() => runAction(inputs(), env())))
    batchMs.push(performance.now() - start)
    runs.forEach((r) => check(r, '', 'simultaneous run'))
    refreshes.push(grant.presented)
    if (grant.revoked) throw new Error('four simultaneous runs broke the chain')
  }
  await Promise.all([gh.close(), token.close()])

  const out: string[] = [`\n## Many runs on one refresh token: round trips at L = ${LATENCY} ms injected into every answer (${rounds} alternating rounds)\n`]
  out.push('| case | median ms, L = 0 | median ms, L = ' + LATENCY + ' | round trips on the critical path | GitHub API connections per run (max) |')
  out.push('|---|---:|---:|---:|---:|')
  const rt = new Map<string, number>()
  for (const c of cases) {
    const t = times.get(c.name)!
    const trips = (median(t[LATENCY]!) - median(t[0])) / LATENCY
    rt.set(c.name, trips)
    const conns = connections.get(c.name)!
    out.push(`| ${c.name} | ${median(t[0]).toFixed(1)} | ${median(t[LATENCY]!).toFixed(1)} | ${trips.toFixed(2)} | ${conns.length ? Math.max(...conns) : '—'} |`)
  }
  out.push(`| four runs at once, same token (batch wall time) | | ${median(batchMs).toFixed(1)} | | |`)
  const safe = rt.get(cases[1]!.name)!
  const maxConns = Math.max(...connections.get(cases[1]!.name)!, ...connections.get(cases[2]!.name)!)
  const missed: string[] = []
  const verdict = (ok: boolean, what: string): string => {
    if (!ok) missed.push(what)
    return ok ? 'met' : '**missed**'
  }
  out.push('\n| target | measured | |')
  out.push('|---|---:|---|')
  out.push(`| a safe rotation ≤ 5.5 round trips (lower bound 5) | ${safe.toFixed(2)} | ${verdict(safe <= 5.5, 'safe rotation ≤ 5.5 round trips')} |`)
  out.push(`| ≤ 3 connections to the GitHub API per run | ${maxConns} | ${verdict(maxConns <= 3, '≤ 3 connections')} |`)
  out.push(`| 1 refresh for 4 simultaneous runs | ${Math.min(...refreshes)}–${Math.max(...refreshes)} over ${refreshes.length} batches | ${verdict(refreshes.every((n) => n === 1), '1 refresh for 4 runs')} |`)
  return { lines: out, missed }
}
