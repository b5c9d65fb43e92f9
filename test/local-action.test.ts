/**
 * Issue 19: GitHub's local runner for actions, `@github/local-action`, runs the main step from its
 * TypeScript source (src/action/main.ts exports run(), as actions/typescript-action's template does)
 * with inputs from a .env file, as the README's Contributing section shows.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MockServer } from './support/token-server.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ACCESS = 'at-local-action-0123456789'
const ROTATED = 'rt-local-action-new-0123456789'
let server: MockServer
beforeAll(async () => void (server = await MockServer.start()))
afterAll(async () => server.close())

it('npx @github/local-action run . src/action/main.ts .env refreshes against a loopback server, printing no secret', async () => {
  server.reply({ body: { access_token: ACCESS, token_type: 'Bearer', expires_in: 1800, refresh_token: ROTATED, scope: 'read' } })
  const dir = mkdtempSync(join(tmpdir(), 'local-action-'))
  const env = join(dir, '.env')
  // The README's .env: inputs as the runner names them, and a file for outputs (the action refuses
  // to run without one, so that no token could ever be printed instead).
  writeFileSync(env, [`INPUT_TOKEN-URL=${server.url}/token`, 'INPUT_CLIENT-ID=cid', 'INPUT_CLIENT-SECRET=cs-local-0123456789', 'INPUT_REFRESH-TOKEN=rt-local-0123456789', `GITHUB_OUTPUT=${join(dir, 'output')}`].join('\n'))
  writeFileSync(join(dir, 'output'), '')
  const bin = join(ROOT, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, 'run', '.', 'src/action/main.ts', env], { cwd: ROOT, timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } })
  const out = stdout + stderr
  expect(server.requests).toHaveLength(1)
  expect(server.requests[0]!.form.get('refresh_token')).toBe('rt-local-0123456789')
  expect(out).toMatch(/'token-source'\s*│\s*'refreshed'/)
  expect(out).toMatch(/'refresh-token-rotated'\s*│\s*'true'/)
  expect(out).toContain('Refreshed the access token at 127.0.0.1:')
  for (const secret of [ACCESS, ROTATED, 'cs-local-0123456789', 'rt-local-0123456789']) expect(out).not.toContain(secret)
}, 90_000)
