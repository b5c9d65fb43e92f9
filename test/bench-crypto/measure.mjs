// Prints a Markdown table: bundle size, gzip size, and the median wall time of `node dist/index.js`
// with no inputs (module loading, then the step fails on the first missing input). The variants
// are timed round-robin, so a machine that slows down mid-run slows all of them alike.
import { spawnSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const [work, runs = '31'] = process.argv.slice(2)
const N = Number(runs)
const variants = ['stub', 'libsodium', 'noble', 'node-noble', 'tweetnacl-fast', 'chosen']
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1]
const once = (args) => {
  const t0 = process.hrtime.bigint()
  spawnSync(process.execPath, args, { env: { PATH: process.env.PATH } })
  return Number(process.hrtime.bigint() - t0) / 1e6
}
const file = (v) => `${work}/build-${v}/dist/index.js`
const times = { floor: [], ...Object.fromEntries(variants.map((v) => [v, []])) }
for (let i = 0; i < N; i++) {
  times.floor.push(once(['-e', '0']))
  for (const v of variants) times[v].push(once([file(v)]))
}
const floorMs = median(times.floor)
console.log(`Node ${process.version}; \`node -e 0\`: ${floorMs.toFixed(0)} ms (medians of ${N} round-robin runs)\n`)
console.log('| sealed box | dist/index.js | gzip | vs. no crypto | start-up | vs. no crypto |')
console.log('|---|---|---|---|---|---|')
const kb = (n) => `${(n / 1024).toFixed(0)} kB`
const base = { size: statSync(file('stub')).size, ms: median([...times.stub]) }
for (const v of variants) {
  const size = statSync(file(v)).size
  const ms = median(times[v])
  console.log(`| ${v} | ${kb(size)} (${size} B) | ${kb(gzipSync(readFileSync(file(v))).length)} | +${kb(size - base.size)} | ${ms.toFixed(0)} ms | ${ms - base.ms >= 0 ? '+' : ''}${(ms - base.ms).toFixed(0)} ms |`)
}
