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

it('npm run demo:authorize: authorize, three rotations, a lost chain, recovery with the printed command; no token printed whole', async () => {
  const demo = fileURLToPath(new URL('./demo-authorize.ts', import.meta.url))
  const { stdout } = await promisify(execFile)(process.execPath, [demo])
  expect(stdout).toMatch(/═══ 1\. [^\n]*\n {2}\$ npx oauth-refresh-action authorize --issuer http:\/\/127\.0\.0\.1:\d+ --client-id cli-confidential/)
  expect(stdout.match(/Stored the refresh token in the repository secret REPORTS_REFRESH_TOKEN of octo\/reports \((created|updated)\)\./g)).toHaveLength(2)
  expect(stdout.match(/── scheduled run \d ── exit code 0/g)).toHaveLength(3)
  expect(stdout.match(/refresh-token-rotated true: \S+…\(43 chars\) → \S+…\(43 chars\); userinfo answers the access token with HTTP 200/g)).toHaveLength(4)
  expect(stdout).toMatch(/── the next scheduled run ── exit code 1\n {4}Error: Refreshing the token at [^\n]* invalid_grant [^\n]* To authorize again, run on your machine: npx oauth-refresh-action authorize --issuer http:\/\/127\.0\.0\.1:\d+ --client-id cli-confidential --scope 'openid offline_access' --secret-name REPORTS_REFRESH_TOKEN --repo octo\/reports --github-api-url http:\/\/127\.0\.0\.1:\d+ \(with the client secret in OAUTH_CLIENT_SECRET\)\./)
  expect(stdout).toMatch(/═══ 4\. [^\n]*\n {2}\$ npx oauth-refresh-action authorize --issuer/)
  expect(stdout).toMatch(/Reset the rotation: deleted REPORTS_REFRESH_TOKEN_STATE, REPORTS_REFRESH_TOKEN_CLAIM_/)
  expect(stdout).toMatch(/── scheduled run after recovery ── exit code 0/)
  expect(stdout).toContain('The chain is alive again')
  // oidc-provider's tokens are 43 base64url characters: none may appear whole (claim names are no tokens).
  expect(stdout.replace(/_CLAIM_[0-9A-F]{16}\b/g, '_CLAIM_')).not.toMatch(/[A-Za-z0-9_-]{40,}/)
}, 60_000)
