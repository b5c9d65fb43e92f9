import { defineConfig } from 'vitest/config'

// The suite Stryker runs against each mutant: in-process tests only (issue 17). They import src/
// directly, so a mutant is seen without a bundle; the runner-level tests that spawn dist/ would see
// nothing and cost a bundle per mutant. No globalSetup: nothing here needs the bundle.
export default defineConfig({
  test: {
    include: [
      'test/protocol.test.ts',
      'test/protocol-failures.test.ts',
      'test/rotation-state.test.ts',
      'test/rotation-lock.test.ts',
      'test/retry.test.ts',
      'test/shared-token.test.ts',
      'test/rotation-claims.test.ts',
      'test/rotation-presented.test.ts',
      'test/sealed-value.test.ts',
      'test/rotation-messages.test.ts',
      'test/rotation-store.test.ts',
      'test/rotation-leftovers.test.ts',
      'test/rotation-claim-wait.test.ts',
      'test/protocol-branches.test.ts',
      'test/verify-revoke.test.ts',
      'test/discover.test.ts',
      'test/lock.test.ts',
      'test/refresh.test.ts',
      'test/refresh-lifetime.test.ts',
      'test/response-fields.test.ts',
      'test/scopes-retry.test.ts',
      'test/token-error.test.ts',
      'test/token-request.test.ts',
      'test/token-response.test.ts',
      'test/discovery-verify.test.ts',
      'test/sealed-box.test.ts',
      'test/github-secrets.test.ts',
      'test/secret-inputs.test.ts',
      'test/inputs.test.ts',
      'test/inputs-defaults.test.ts',
      'test/sanitize.test.ts',
      'test/authorize-oauth.test.ts',
      'test/authorize-args.test.ts',
      'test/authorize-device.test.ts',
      'test/authorize-sinks.test.ts',
      'test/mutation/**/*.test.ts',
      'test/providers/*.test.ts'
    ],
    // bundled.test.ts runs each preset through dist/ (the runner-level half of the provider tests).
    exclude: ['test/providers/bundled.test.ts'
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    isolate: true
  }
})
