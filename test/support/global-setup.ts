import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * `npm test` tests what you edited: the runner-level tests spawn a bundle built here, once per test
 * run, from the current src/, not the committed dist/ (which CI compares with a fresh bundle apart,
 * .ci/run), minified as `npm run bundle` makes it. runner.ts reads the path from ACTION_BUNDLE, which the test workers inherit.
 */
export default function setup(): () => void {
  if (process.env.ACTION_BUNDLE) return () => {}
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const out = mkdtempSync(join(tmpdir(), 'oauth-action-bundle-'))
  const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  execFileSync(process.execPath, [ncc, 'build', join(root, 'src', 'index.ts'), '-o', out, '--minify', '--quiet'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  process.env.ACTION_BUNDLE = join(out, 'index.js')
  return () => rmSync(out, { recursive: true, force: true })
}
