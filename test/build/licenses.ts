/**
 * `npm run bundle` step: dist/licenses.txt for every package whose code is in the action's bundle.
 *
 * ncc's own `--license` writes one file per output chunk to the same name, so once the post step and
 * the rotation path are split off index.js (loaded only when used), the last chunk's list replaces the
 * others. This reads the package names from ncc's webpack stats (`--stats-out`) instead, so the list
 * covers index.js and every chunk beside it.
 *
 * Usage: node test/build/licenses.ts STATS.json OUT.txt
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

interface StatsModule { name?: string; identifier?: string; modules?: StatsModule[] }

const [statsFile, outFile] = process.argv.slice(2)
if (!statsFile || !outFile) {
  console.error('usage: node test/build/licenses.ts STATS.json OUT.txt')
  process.exit(2)
}

const names = new Set<string>()
const walk = (modules: StatsModule[] | undefined): void => {
  for (const m of modules ?? []) {
    // The last node_modules segment names the package that owns the file.
    const found = [...`${m.identifier ?? ''} ${m.name ?? ''}`.matchAll(/node_modules\/((?:@[^/\s]+\/)?[^/\s]+)/g)].at(-1)
    if (found?.[1]) names.add(found[1])
    walk(m.modules)
  }
}
walk((JSON.parse(readFileSync(statsFile, 'utf8')) as { modules?: StatsModule[] }).modules)
if (names.size === 0) {
  console.error(`${statsFile} names no package: is it ncc's --stats-out?`)
  process.exit(1)
}

const entries = [...names].sort().map((name) => {
  const dir = join('node_modules', name)
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { license?: string }
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f))
  if (!file) throw new Error(`${name} ships no LICENSE file: add its licence text by hand before bundling it.`)
  return `${name}\n${pkg.license ?? 'see below'}\n${readFileSync(join(dir, file), 'utf8').trim()}\n`
})
writeFileSync(outFile, entries.join('\n'))
console.error(`${outFile}: ${names.size} packages (${[...names].sort().join(', ')})`)
