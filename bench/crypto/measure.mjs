// Prints a Markdown table: bundle size, gzip size, and the median wall time of `node dist/index.js`
// with no inputs (module loading, then the step fails on the first missing input).
import { spawnSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const [work, runs = '31'] = process.argv.slice(2)
const N = Number(runs)
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1]
function startMs(args) {
  const times = []
  for (let i = 0; i < N; i++) {
    const t0 = process.hrtime.bigint()
    spawnSync(process.execPath, args, { env: { PATH: process.env.PATH } })
    times.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  return median(times)
}
console.log(`Node ${process.version}; \`node -e 0\`: ${startMs(['-e', '0']).toFixed(0)} ms (median of ${N})\n`)
console.log('| sealed box | dist/index.js | gzip | vs. no crypto | start-up (median) |')
console.log('|---|---|---|---|---|')
const kb = (n) => `${(n / 1024).toFixed(0)} kB`
let floor
for (const v of ['stub', 'libsodium', 'noble', 'node-noble', 'tweetnacl-fast', 'chosen']) {
  const file = `${work}/build-${v}/dist/index.js`
  const size = statSync(file).size
  floor ??= size
  const gz = gzipSync(readFileSync(file)).length
  console.log(`| ${v} | ${kb(size)} (${size} B) | ${kb(gz)} | +${kb(size - floor)} | ${startMs([file]).toFixed(0)} ms |`)
}
