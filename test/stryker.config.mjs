// Mutation testing of the core: `stryker run test/stryker.config.mjs` (npm run mutation).
// Kept under test/ so the top level stays lean; paths below are relative to the project root,
// which is where the command runs.
//
// Mutated: src/**/*.ts, except folders and files that are not library logic or are checked by
// other means. None of these exist today; the globs keep them out when they arrive:
//   src/cdk/**       infrastructure constructs, checked by cdk-nag and snapshot tests
//   src/deploy/**    deployment scripts
//   src/examples/**  documentation code
//   src/local/**     the local emulator harness
//   src/cli.ts       the command-line entry
// The same list is excluded from the coverage gate in test/vitest.config.ts.
//
// Only test/unit/** runs against mutants (test/vitest.config.ts narrows `include` when
// STRYKER_MUTATOR_WORKER is set): the fuzz and property suites are random and slow, the package
// tests exercise dist/, and plugin tests belong to the plugins. A mutant the unit tests miss is
// either killed by a test/unit/coverage-*.test.ts or explained in test/stryker-survivors.md.
//
// The machine has 2 cores. `incremental` reuses the results of the last run for every mutant whose
// code and covering tests did not change, so after the first full run only edited code is retested.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'test/vitest.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/**/*.ts',
    '!src/**/*.d.ts',
    '!src/cdk/**',
    '!src/deploy/**',
    '!src/examples/**',
    '!src/local/**',
    '!src/cli.ts',
  ],
  // The sandbox needs the sources, the tests and the configs; not the build output or old reports.
  ignorePatterns: ['dist', 'coverage', 'reports', '.ci/node', '*.tsbuildinfo'],
  concurrency: 2,
  timeoutMS: 10_000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress-append-only'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 95, low: 90, break: 90 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
}
