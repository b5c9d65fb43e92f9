import { defineConfig } from 'vitest/config'

const json = process.env.VITEST_JSON

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Bundles the current src/ once, for every test that runs the action as the runner does.
    globalSetup: ['test/support/global-setup.ts'],
    // Runner-level tests spawn the bundle and start loopback servers: allow them time on two cores.
    testTimeout: 30_000,
    // Each test file in a fresh worker: module state (masks announced, kept-alive agents, stubbed
    // env) never leaks between files. Stated, so vitest does not suggest turning it off.
    isolate: true,
    hookTimeout: 30_000,
    // .ci/run asks for a JSON report too, to print one "N passed, N failed" line.
    reporters: json ? ['default', 'json'] : ['default'],
    outputFile: json ? { json } : undefined
  }
})
