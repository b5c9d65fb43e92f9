// npm run mutation: which branches of the protocol and OAuth code no in-process test would notice
// breaking (issue 17). CI runs it after the tests; the break threshold fails the run.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // perTest: each mutant runs only the tests that cover it, which keeps a full run within minutes.
  coverageAnalysis: 'perTest',
  // The rotation protocol, the OAuth request/response code and the retry rules (lock deadlines,
  // rate-limit waits). Not src/github/ (a plain API client, covered through the protocol tests), not
  // src/action/ or src/cli/ (shells, tested through the bundle and the CLI process).
  mutate: [
    'src/rotation/**/*.ts',
    'src/oauth/*.ts',
    'src/retry.ts'
  ],
  checkers: [],
  // A static mutant (a module-level constant, evaluated once at import) cannot be tied to the tests
  // that cover it, so each one reruns the whole suite: 139 of them took about half of a full run.
  // They are reported as ignored, not counted; the constants that carry the protocol's promises
  // (CLAIM_KEEP_S, SPENT_KEEP_S, MAX_SPENT, MAX_TTL_MS, the retry caps) are asserted by value in tests.
  ignoreStatic: true,
  concurrency: 2,
  // A mutant that turns a wait into a loop is caught by the timeout: keep it short, the tests are fast.
  timeoutMS: 2_000,
  // The score table in the log; every survivor with its diff in reports/mutation/mutation.html.
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  clearTextReporter: { reportMutants: false, reportTests: false, allowColor: false },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  // Overall floor. The per-file floor for src/rotation/ (75 %) is checked by test/mutation/floor.ts.
  thresholds: { high: 90, low: 80, break: 80 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always'
}
