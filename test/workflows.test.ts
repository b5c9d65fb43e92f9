/**
 * Issue 14: what a security reviewer checks in the workflows themselves, and that a release can be
 * cut from what is committed (tag, package.json and CHANGELOG.md agree; the notes are not empty).
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const root = new URL('../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')
const workflows = readdirSync(new URL('.github/workflows/', root)).filter((f) => /\.ya?ml$/.test(f))

describe('.github/workflows', () => {
  it.each(workflows)('%s pins every action to a full commit SHA, with its version in a comment', (file) => {
    const uses = [...read(`.github/workflows/${file}`).matchAll(/^\s*-?\s*uses:\s*(\S+)(.*)$/gm)]
    expect(uses.length).toBeGreaterThan(0)
    for (const [line, ref, rest] of uses) expect(`${ref}${rest}`, line).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/)
  })

  it.each(workflows)('%s grants at most read access at the top; a job that may write runs no dependency code', (file) => {
    const text = read(`.github/workflows/${file}`)
    expect(text).toMatch(/^permissions:( \{\}|\n {2}contents: read)$/m)
    const jobs = text.slice(text.indexOf('\njobs:\n')).split(/\n(?= {2}[\w-]+:\n)/).slice(1)
    expect(jobs.length).toBeGreaterThan(0)
    for (const job of jobs.filter((j) => /^ {6}contents: write$/m.test(j))) {
      expect(job, job.split('\n')[0]).not.toMatch(/\bnpm |\bnode |\.ci\/run/)
    }
  })
})

describe('a release', () => {
  it('publishes the npm package with provenance, from the tested tag, with the NPM_TOKEN secret and no dependency code', () => {
    const release = read('.github/workflows/release.yml')
    const job = release.slice(release.indexOf('\n  npm:\n'))
    expect(job).toMatch(/^ {4}needs: check$/m)
    expect(job).toMatch(/^ {6}id-token: write$/m)
    expect(job).not.toMatch(/contents: write/)
    expect(job).toContain('NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}')
    expect(job).toContain('run: npm publish --provenance --access public --ignore-scripts')
    expect(job).not.toMatch(/npm (ci|install)|\.ci\/run/)
  })

  const version = (JSON.parse(read('package.json')) as { version: string }).version
  it('has a CHANGELOG.md entry for the version in package.json, with notes the release workflow extracts', () => {
    expect(read('CHANGELOG.md')).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'))
    // The same awk program as .github/workflows/release.yml.
    const program = read('.github/workflows/release.yml').match(/awk -v v="\$\{TAG#v\}" '([^']+)'/)![1]!
    const notes = execFileSync('awk', ['-v', `v=${version}`, program, new URL('CHANGELOG.md', root).pathname], { encoding: 'utf8' })
    expect(notes).toContain('### Added')
    expect(notes).not.toContain('## [')
    expect(notes.trim().length).toBeGreaterThan(200)
  })
})
