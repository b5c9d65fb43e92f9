/**
 * The documentation stays true to itself and to action.yml: every relative link of the README,
 * docs/, CONTRIBUTING.md and SECURITY.md reaches a file and, with an anchor, a heading of it (as
 * GitHub makes anchors); the README's inputs and outputs tables list exactly what action.yml
 * declares, with the same defaults.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const pages = ['README.md', 'CONTRIBUTING.md', 'SECURITY.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]

/** GitHub's heading anchors: lower case, punctuation but `-` and `_` dropped, spaces to `-`. */
const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')

function anchors(file: string): Set<string> {
  const text = readFileSync(join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '')
  const seen = new Map<string, number>()
  const out = new Set<string>()
  for (const m of text.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1]!)
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    out.add(n === 0 ? base : `${base}-${n}`)
  }
  return out
}

describe('links', () => {
  it.each(pages)('every relative link of %s reaches a file and a heading', (page) => {
    const text = readFileSync(join(ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '')
    const broken: string[] = []
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!
      if (/^[a-z]+:/i.test(target)) continue
      const [path, anchor] = target.split('#') as [string, string | undefined]
      const file = path ? relative(ROOT, join(ROOT, dirname(page), path)) : page
      if (!existsSync(join(ROOT, file))) broken.push(`${target}: no file ${file}`)
      else if (anchor && file.endsWith('.md') && !anchors(file).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${file}`)
    }
    expect(broken).toEqual([])
  })

  it('the README links every page of docs/ and CONTRIBUTING.md', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    for (const page of pages.filter((p) => p !== 'README.md')) expect(readme).toContain(`](${page}`)
  })
})

/** The names and defaults action.yml declares under `inputs:` or `outputs:`. */
function declared(section: 'inputs' | 'outputs'): Map<string, string | undefined> {
  const yml = readFileSync(join(ROOT, 'action.yml'), 'utf8')
  const body = yml.slice(yml.indexOf(`\n${section}:\n`) + section.length + 3).split(/\n(?=[a-z])/)[0]!
  const out = new Map<string, string | undefined>()
  for (const block of body.split(/\n(?= {2}[a-z][\w-]*:)/)) {
    const name = /^ {2}([a-z][\w-]*):/.exec(block)?.[1]
    if (!name) continue
    const def = /\n {4}default: '?([^'\n]*)'?/.exec(block)?.[1]
    out.set(name, def)
  }
  return out
}

/** The first column of a README table under `## heading`, and its second column. */
function table(heading: string): Map<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const at = readme.indexOf(`\n## ${heading}\n`)
  expect(at).toBeGreaterThan(-1)
  const rows = readme.slice(at + heading.length + 5).split('\n## ')[0]!.split('\n').filter((l) => /^\| `[a-z]/.test(l))
  return new Map(rows.map((r) => r.split('|').map((c) => c.trim())).map((c) => [c[1]!.replace(/`/g, ''), c[2]!]))
}

describe('the README against action.yml', () => {
  it('lists exactly the inputs action.yml declares, each declared default as its default', () => {
    const inputs = declared('inputs')
    const rows = table('Inputs')
    expect([...rows.keys()].sort()).toEqual([...inputs.keys()].sort())
    for (const [name, def] of inputs) if (def !== undefined) expect(rows.get(name), name).toContain(`\`${def}\``)
  })

  it('lists exactly the outputs action.yml declares', () => {
    expect([...table('Outputs').keys()].sort()).toEqual([...declared('outputs').keys()].sort())
  })
})

describe('docs/troubleshooting.md', () => {
  it('lists every error code the action has (src/errors.ts), each with its fix', () => {
    const errors = readFileSync(join(ROOT, 'src/errors.ts'), 'utf8')
    const codes = [...errors.slice(errors.indexOf('export type ErrorCode'), errors.indexOf('export interface ErrorDetails')).matchAll(/\| '([a-z_]+)'/g)].map((m) => m[1]!)
    expect(codes.length).toBeGreaterThan(30)
    const page = readFileSync(join(ROOT, 'docs/troubleshooting.md'), 'utf8')
    expect(codes.filter((c) => !page.includes(`| \`${c}\` |`))).toEqual([])
  })
})

describe('docs/authorize.md', () => {
  it('has a row for every preset, with what its authorize block adds', async () => {
    const { PROVIDERS } = await import('../src/oauth/providers/index.js')
    const rows = readFileSync(join(ROOT, 'docs/authorize.md'), 'utf8').split('\n').filter((l) => l.startsWith('| `'))
    for (const [id, p] of Object.entries(PROVIDERS)) {
      const row = rows.find((r) => r.split('|')[1]!.includes(`\`${id}\``))
      expect(row, id).toBeDefined()
      const { scope, ...params } = p.authorize.params ?? {}
      for (const s of [...(p.authorize.scopes ?? []), ...(scope ? scope.split(' ') : [])]) expect(row, `${id} ${s}`).toContain(s)
      for (const [k, v] of Object.entries(params)) expect(row, `${id} ${k}`).toContain(`${k}=${v}`)
      expect(row, `${id} device`).toMatch(p.authorize.deviceUrl ? /\| yes/ : /\| no \|/)
    }
  })
})
