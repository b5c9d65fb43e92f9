import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

/**
 * `npm test` tests what you edited: the runner-level tests spawn bundles built here, once per test
 * run, from the current src/, not the committed dist/ (which CI compares with a fresh bundle apart,
 * .ci/run): the action (ACTION_BUNDLE, read by runner.ts) and the authorize command (CLI_BUNDLE,
 * read by cli-process.ts), built side by side and minified, as `npm run bundle` makes them. An ACTION_BUNDLE given from outside (CI: dist/index.js)
 * brings its CLI along (dist/cli/index.js). The test workers inherit both paths.
 */
export default async function setup(): Promise<() => void> {
  if (process.env.ACTION_BUNDLE) {
    process.env.CLI_BUNDLE ??= join(dirname(process.env.ACTION_BUNDLE), 'cli', 'index.js')
    return () => {}
  }
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const out = mkdtempSync(join(tmpdir(), 'oauth-action-bundle-'))
  const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  const build = (entry: string, dir: string) => promisify(execFile)(process.execPath, [ncc, 'build', join(root, 'src', entry), '-o', dir, '--minify', '--quiet'], { cwd: root })
  await Promise.all([build('index.ts', join(out, 'action')), build(join('cli', 'index.ts'), join(out, 'cli'))])
  process.env.ACTION_BUNDLE = join(out, 'action', 'index.js')
  process.env.CLI_BUNDLE = join(out, 'cli', 'index.js')
  return () => rmSync(out, { recursive: true, force: true })
}
