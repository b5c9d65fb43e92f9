import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

it('npm run demo: three simultaneous jobs share one refresh, a stale re-run is served, no token printed whole', async () => {
  const demo = fileURLToPath(new URL('./demo.ts', import.meta.url))
  const { stdout } = await promisify(execFile)(process.execPath, [demo])
  expect(stdout.match(/── job \d ── exit code 0/g)).toHaveLength(3)
  expect(stdout).toContain('The authorization server saw 1 refresh: one job held the lock and refreshed')
  expect(stdout.match(/job \d: token-source (refreshed|shared); userinfo answers its access token with HTTP 200/g)).toHaveLength(3)
  expect(stdout.match(/token-source (shared)/g)).toHaveLength(2)
  expect(stdout).toContain('(no lock left behind)')
  expect(stdout).toMatch(/── the re-run ── exit code 0\n[\s\S]*token-source +shared/)
  expect(stdout).toContain('the server still saw 1 refresh')
  expect(stdout).toMatch(/── the next scheduled run ── exit code 0/)
  expect(stdout).toContain('2 refreshes in all; the chain is alive.')
  expect(stdout).toMatch(/── a run without write-back, replaying the first token ── exit code 1\n {2}workflow log:\n {4}Error: Refreshing the token at 127\.0\.0\.1:\d+ failed: HTTP 400 invalid_grant/)
  expect(stdout).toContain('the next run, with the newest token, now exits 1.')
  // oidc-provider's tokens are 43 base64url characters: none may appear whole.
  expect(stdout).not.toMatch(/[A-Za-z0-9_-]{40,}/)
})
