/**
 * The workflows in examples/ use only what action.yml declares. No YAML parser is among the
 * dependencies, so this reads the few shapes these files use: block mappings indented by spaces.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PROVIDERS } from '../src/oauth/providers/index.js'

const root = new URL('../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')

/** The keys directly under a top-level key of action.yml, with whether each is `required: true`. */
function declared(section: 'inputs' | 'outputs'): Map<string, boolean> {
  const lines = read('action.yml').split('\n')
  const out = new Map<string, boolean>()
  let inside = false
  let current = ''
  for (const line of lines) {
    if (/^\S/.test(line)) inside = line.startsWith(`${section}:`)
    else if (inside && /^ {2}[\w-]+:\s*$/.test(line)) out.set((current = line.trim().slice(0, -1)), false)
    else if (inside && /^ {4}required:\s*true\s*$/.test(line)) out.set(current, true)
  }
  return out
}

interface Use {
  line: number
  with: string[]
}

/** Each step that uses this action, and the keys of its `with:` block. */
function usesOfAction(text: string): Use[] {
  const lines = text.split('\n')
  const uses: Use[] = []
  lines.forEach((line, i) => {
    const m = /^(\s*)(?:- )?uses:\s*\S*oauth-refresh-action@\S+\s*$/.exec(line)
    if (!m) return
    const stepIndent = line.indexOf('uses:')
    const use: Use = { line: i + 1, with: [] }
    // The step's other keys sit at the indent of `uses:`; `with:` keys one level deeper.
    let j = i + 1
    for (; j < lines.length; j++) {
      const l = lines[j]!
      if (!l.trim() || l.trim().startsWith('#')) continue
      const indent = l.search(/\S/)
      if (indent < stepIndent || (indent === stepIndent && l.trimStart().startsWith('- '))) break
      if (indent === stepIndent && /^with:\s*$/.test(l.trim())) {
        for (j++; j < lines.length; j++) {
          const w = lines[j]!
          if (!w.trim() || w.trim().startsWith('#')) continue
          if (w.search(/\S/) <= stepIndent) break
          const key = /^\s*([\w-]+):/.exec(w)
          if (key) use.with.push(key[1]!)
        }
        j--
      }
    }
    uses.push(use)
  })
  return uses
}

/**
 * Lines whose unquoted value holds ': ' (YAML reads a second mapping there and fails), the
 * mistake a shell command with an HTTP header makes: `run: curl -H "Authorization: Bearer …"`.
 */
function plainScalarsWithColons(text: string): number[] {
  return text
    .split('\n')
    .map((line, i) => [i + 1, /^\s*(?:- )?[\w.-]+:\s+([^'"|>#\s].*)$/.exec(line)?.[1]?.replace(/\s+#.*$/, '')] as const)
    .filter(([, value]) => value !== undefined && value.includes(': '))
    .map(([line]) => line)
}

const examples = readdirSync(new URL('examples/', root)).filter((f) => /\.ya?ml$/.test(f))

describe('examples/', () => {
  it('has workflows to check', () => {
    expect(examples.length).toBeGreaterThan(0)
  })

  it.each(examples)('%s uses only declared inputs and outputs, and every required input', (file) => {
    const text = read(`examples/${file}`)
    const inputs = declared('inputs')
    const outputs = declared('outputs')
    expect(text).not.toMatch(/\t/)
    expect(plainScalarsWithColons(text)).toEqual([])

    const uses = usesOfAction(text)
    expect(uses.length).toBeGreaterThan(0)
    for (const use of uses) {
      expect(use.with.filter((k) => !inputs.has(k)), `line ${use.line}: undeclared inputs`).toEqual([])
      expect([...inputs].filter(([k, req]) => req && !use.with.includes(k)).map(([k]) => k), `line ${use.line}: missing required inputs`).toEqual([])
      expect(new Set(use.with).size, `line ${use.line}: repeated inputs`).toBe(use.with.length)
    }
    const referenced = [...text.matchAll(/steps\.oauth\.outputs\.([\w-]+)/g)].map((m) => m[1]!)
    expect(referenced.filter((o) => !outputs.has(o))).toEqual([])
  })

  it('the scheduled example writes an environment secret with the safety defaults and grants nothing', () => {
    const text = read('examples/rotate-refresh-token.yml')
    expect(text).toMatch(/^on:\n {2}schedule:\n(?: {4}#.*\n)* {4}- cron: '[^']+'/m)
    expect(text).toMatch(/^permissions: \{\}$/m)
    expect(text).toMatch(/^ {4}environment: hp-techpulse$/m)
    const inputs = usesOfAction(text)[0]!.with
    expect(inputs).toEqual(expect.arrayContaining(['secret-name', 'secret-environment', 'github-token']))
    // The lock, the guard and the shared token are on unless turned off: the example keeps them on.
    expect(inputs.filter((k) => ['lock', 'stale-token-guard', 'share-token'].includes(k))).toEqual([])
  })

  it.each([
    ['xero-grace-window.yml', 'xero'],
    ['salesforce-rotation.yml', 'salesforce']
  ] as const)('%s relies on the preset for retries (no max-attempts: the reuse-window policy decides), and stores the rotated token', (file, provider) => {
    const text = read(`examples/${file}`)
    const inputs = usesOfAction(text)[0]!.with
    expect(text).toMatch(new RegExp(`^ {10}provider: ${provider}$`, 'm'))
    expect(inputs).toEqual(expect.arrayContaining(['secret-name', 'github-token']))
    expect(inputs).not.toContain('max-attempts')
    expect(inputs).not.toContain('reuse-window-seconds')
    expect(PROVIDERS[provider].reuseWindowS).toBe(provider === 'xero' ? 1800 : 0)
  })

  it('the checks can fail: an unquoted ": " and an undeclared input are seen', () => {
    expect(plainScalarsWithColons('- run: curl -H "Authorization: Bearer $T" x\n  name: ok\n  run: "a: b"\n')).toEqual([1])
    const uses = usesOfAction('steps:\n  - id: x\n    uses: OWNER/oauth-refresh-action@v1\n    with:\n      token-url: u\n      not-an-input: v\n  - run: echo\n')
    expect(uses).toEqual([{ line: 3, with: ['token-url', 'not-an-input'] }])
    expect(declared('inputs').has('not-an-input')).toBe(false)
  })
})
