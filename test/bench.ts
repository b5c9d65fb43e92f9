/**
 * `npm run bench`: start-up and happy-path cost of the bundled action, measured side by side in one
 * run. Commands alternate round by round (so drift in the machine's speed hits all alike); each
 * row reports the median wall time over the rounds, peak RSS (GNU time, when installed) and the
 * ratios the targets in BENCHMARKS.md are stated in.
 *
 *   BENCH_RUNS=31 npm run bench
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rotationBench } from './bench-rotation.ts'
import { MockServer } from './support/token-server.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const RUNS = Math.max(15, Number(process.env.BENCH_RUNS ?? 21))
const NODE = process.execPath
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined
const has = (cmd: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** The floor for any action on @actions/core: a bundle that imports it and fails, built as dist/ is (minified). */
function buildBareBundle(): string {
  const dir = join(ROOT, '.bench', 'bare')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'src.js'), "import * as core from '@actions/core'\ncore.setFailed('bare bundle')\n")
  execFileSync(join(ROOT, 'node_modules/.bin/ncc'), ['build', join(dir, 'src.js'), '-o', join(dir, 'out'), '--minify', '-q'], { cwd: ROOT, stdio: 'inherit' })
  return join(dir, 'out', 'index.js')
}

interface Case {
  name: string
  cmd: string[]
  env: Record<string, string>
  expectCode: number
  /** Text the run must print, so that a case failing for another reason cannot pass as fast. */
  expectOut: string
}

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(INPUT_|GITHUB_|RUNNER_)/.test(k)) env[k] = v
  const dir = mkdtempSync(join(tmpdir(), 'bench-'))
  for (const f of ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']) {
    env[f] = join(dir, f)
    writeFileSync(env[f], '')
  }
  return env
}

/** Runs once; returns wall milliseconds, checking exit code and output so a broken case cannot look fast. */
function once(c: Case): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(c.cmd[0]!, c.cmd.slice(1), { env: c.env, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = performance.now() - start
      if (code !== c.expectCode || !out.includes(c.expectOut)) reject(new Error(`${c.name}: exit code ${code} (expected ${c.expectCode}), output ${JSON.stringify(out.slice(0, 300))}`))
      else resolve(ms)
    })
  })
}

/** Peak resident set size in KiB, by GNU time's %M. */
function peakRssKiB(c: Case): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(TIME!, ['-f', '%M', ...c.cmd], { env: c.env, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('close', () => {
      const kib = Number(err.trim().split('\n').pop())
      if (Number.isFinite(kib)) resolve(kib)
      else reject(new Error(`${c.name}: no RSS from GNU time: ${err}`))
    })
  })
}

/** One HTTP request on a fresh loopback connection, timed in this (warm) process. */
function warmRoundTrip(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      res.resume()
      res.on('end', () => resolve(performance.now() - start))
    })
    req.on('error', reject)
    req.end('grant_type=refresh_token&refresh_token=x')
  })
}

/**
 * The first HTTP request of a fresh Node process, timed inside that process from just before
 * http.request to the end of the body. This is the round trip a one-shot action pays: Node sets up
 * its HTTP and socket machinery lazily on first use, which a warm process has already done.
 */
function freshRoundTrip(url: string): Promise<number> {
  const script = `import { request } from 'node:http'
const start = performance.now()
const req = request(${JSON.stringify(url)}, { method: 'POST', agent: false }, (res) => { res.resume(); res.on('end', () => console.log(performance.now() - start)) })
req.end('grant_type=refresh_token&refresh_token=x')`
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('close', () => (Number.isFinite(Number(out)) && out.trim() ? resolve(Number(out)) : reject(new Error(`fresh round trip printed ${out}`))))
  })
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/**
 * What GitHub may load to run the action: index.js and the files ncc split off it (the post step, the
 * rotation path: loaded only when used), without the licences file or the CLI's bundle.
 */
const actionBundleSize = (): number =>
  readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + statSync(join(ROOT, 'dist', f)).size, 0)

async function main(): Promise<void> {
  console.error(`Building the bare @actions/core bundle…`)
  const bare = buildBareBundle()
  const server = await MockServer.start()
  server.reply({ body: { access_token: 'at-bench-0123456789', token_type: 'Bearer', expires_in: 1800, refresh_token: 'rt-bench-0123456789', scope: 'read' } })
  const inputs = { 'INPUT_TOKEN-URL': `${server.url}/token`, 'INPUT_CLIENT-ID': 'bench', 'INPUT_CLIENT-SECRET': 'bench-secret', 'INPUT_REFRESH-TOKEN': 'rt-0123456789' }

  const cases: Case[] = [
    { name: 'node -e 0', cmd: [NODE, '-e', '0'], env: baseEnv(), expectCode: 0, expectOut: '' },
    { name: 'bare @actions/core bundle, failing', cmd: [NODE, bare], env: baseEnv(), expectCode: 1, expectOut: '::error::bare bundle' },
    { name: 'oauth-refresh-action, missing input (start-up)', cmd: [NODE, join(ROOT, 'dist/index.js')], env: baseEnv(), expectCode: 1, expectOut: "::error::Input 'client-id' is required" },
    { name: 'oauth-refresh-action, happy path', cmd: [NODE, join(ROOT, 'dist/index.js')], env: { ...baseEnv(), ...inputs }, expectCode: 0, expectOut: 'Refreshed the access token' }
  ]
  if (has('curl') && has('jq')) {
    const script = [
      'set -euo pipefail',
      'resp=$(curl -fsS -u "$CID:$CSECRET" -H "Accept: application/json" -d grant_type=refresh_token --data-urlencode "refresh_token=$RT" "$URL")',
      'access=$(jq -r .access_token <<<"$resp")',
      "refresh=$(jq -r '.refresh_token // empty' <<<\"$resp\")",
      'echo "::add-mask::$access"; [ -z "$refresh" ] || echo "::add-mask::$refresh"',
      'echo "access-token=$access" >> "$GITHUB_OUTPUT"; echo "refresh-token=$refresh" >> "$GITHUB_OUTPUT"'
    ].join('\n')
    cases.push({ name: 'curl + jq in a shell step', cmd: ['bash', '-c', script], env: { ...baseEnv(), URL: `${server.url}/token`, CID: 'bench', CSECRET: 'bench-secret', RT: 'rt-0123456789' }, expectCode: 0, expectOut: '::add-mask::at-bench-0123456789' })
  } else {
    console.error('curl or jq not installed: the hand-written baseline is left out.')
  }

  const times = new Map(cases.map((c) => [c.name, [] as number[]]))
  const rtts: number[] = []
  const warmRtts: number[] = []
  for (const c of cases) await once(c) // warm the file cache once, unmeasured
  for (let round = 0; round < RUNS; round++) {
    // Rotate the order each round so no case always runs right after another.
    for (let i = 0; i < cases.length; i++) {
      const c = cases[(i + round) % cases.length]!
      times.get(c.name)!.push(await once(c))
    }
    rtts.push(await freshRoundTrip(`${server.url}/token`))
    warmRtts.push(await warmRoundTrip(`${server.url}/token`))
  }
  const rss = new Map<string, number>()
  if (TIME) {
    for (const c of cases) {
      const kib: number[] = []
      for (let i = 0; i < 5; i++) kib.push(await peakRssKiB(c))
      rss.set(c.name, median(kib))
    }
  }
  await server.close()

  const med = (name: string): number => median(times.get(name)!)
  const floor = med('node -e 0')
  const bareMs = med('bare @actions/core bundle, failing')
  const startMs = med('oauth-refresh-action, missing input (start-up)')
  const happyMs = med('oauth-refresh-action, happy path')
  const rtt = median(rtts)
  const mib = (kib: number | undefined): string => (kib === undefined ? 'n/a' : (kib / 1024).toFixed(1))

  console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${RUNS} alternating rounds\n`)
  console.log('| command | median ms | × node -e 0 | peak RSS MiB |')
  console.log('|---|---:|---:|---:|')
  for (const c of cases) console.log(`| ${c.name} | ${med(c.name).toFixed(1)} | ${(med(c.name) / floor).toFixed(2)} | ${mib(rss.get(c.name))} |`)
  console.log(`| one loopback HTTP round trip, first request of a fresh Node process | ${rtt.toFixed(2)} | | |`)
  console.log(`| one loopback HTTP round trip, warm process (reference) | ${median(warmRtts).toFixed(2)} | | |`)

  const bareRss = rss.get('bare @actions/core bundle, failing')
  const worstRss = Math.max(rss.get('oauth-refresh-action, missing input (start-up)') ?? 0, rss.get('oauth-refresh-action, happy path') ?? 0)
  // What we control: the bytes our code and our libraries add to the bare @actions/core bundle.
  const added = actionBundleSize() - statSync(bare).size
  const missed: string[] = []
  const verdict = (ok: boolean, what: string): string => {
    if (!ok) missed.push(what)
    return ok ? 'met' : '**missed**'
  }
  console.log('\n| target | measured | |')
  console.log('|---|---:|---|')
  console.log(`| start-up ≤ 1.10 × bare @actions/core bundle | ${(startMs / bareMs).toFixed(3)} × | ${verdict(startMs / bareMs <= 1.1, 'start-up ≤ 1.10 ×')} |`)
  console.log(`| happy path ≤ 1.15 × (start-up + one round trip) | ${(happyMs / (startMs + rtt)).toFixed(3)} × | ${verdict(happyMs / (startMs + rtt) <= 1.15, 'happy path ≤ 1.15 ×')} |`)
  if (bareRss !== undefined) console.log(`| peak RSS ≤ bare + 10 MiB | ${mib(worstRss)} MiB vs ${mib(bareRss)} + 10 MiB | ${verdict(worstRss <= bareRss + 10 * 1024, 'peak RSS ≤ bare + 10 MiB')} |`)
  console.log(`| dist/*.js adds ≤ 256 KiB to the bare bundle | +${(added / 1024).toFixed(1)} KiB (${actionBundleSize()} bytes in all) | ${verdict(added <= 256 * 1024, 'bundle adds ≤ 256 KiB')} |`)
  console.log(`| (for reference) bare bundle × node -e 0 | ${(bareMs / floor).toFixed(2)} × | |`)

  console.error('Measuring round trips of a safe rotation…')
  const rotation = await rotationBench(RUNS)
  for (const line of rotation.lines) console.log(line)
  missed.push(...rotation.missed)
  // A missed target is a failure, not a line to skim past.
  if (missed.length > 0) {
    console.error(`\n${missed.length} target(s) missed: ${missed.join('; ')}.`)
    process.exitCode = 1
  } else {
    console.error('\nEvery target met.')
  }
}

await main()
