import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

it('npm run demo: three chained rotations, then a replay that fails, with no token printed whole', async () => {
  const demo = fileURLToPath(new URL('./demo.ts', import.meta.url))
  const { stdout } = await promisify(execFile)(process.execPath, [demo])
  expect(stdout.match(/── scheduled run \d: .* exit code 0/g)).toHaveLength(3)
  expect(stdout.match(/userinfo endpoint answers the new access token with HTTP 200/g)).toHaveLength(3)
  expect(stdout).toMatch(/── a run that presents the already-rotated first token .* exit code 1\n  workflow log:\n    Error: Refreshing the token at 127\.0\.0\.1:\d+ failed: HTTP 400 invalid_grant/)
  // oidc-provider's tokens are 43 base64url characters: none may appear whole.
  expect(stdout).not.toMatch(/[A-Za-z0-9_-]{40,}/)
})
