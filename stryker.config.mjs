/**
 * Mutation testing of the clinical rules and the letters (`npm run mutation`): StrykerJS
 * changes the code one small piece at a time and checks that some domain test fails.
 * What is mutated, what is left out and why, and the scores: docs/clinical-safety/mutation-testing.md.
 * Not part of `npm test` (it takes many minutes).
 *
 * MUTATION_FOLDER=src/domain/rules (or letters, or shared) mutates that folder only and runs
 * only the tests under it (vitest.domain.config.ts); its report and incremental file are kept
 * apart, so re-running one folder reuses its own earlier results. One file:
 * `MUTATION_FOLDER=src/domain/rules npm run mutation -- --mutate src/domain/rules/pathway.ts`.
 * MUTATION_SCOPE names the report and incremental files instead (reports/mutation/<scope>.json).
 */
const folder = process.env.MUTATION_FOLDER?.replace(/\/+$/, '');
const scope = process.env.MUTATION_SCOPE ?? (folder ? folder.split('/').pop() : 'domain');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.domain.config.ts' },
  mutate: folder
    ? [`${folder}/**/*.ts`, '!src/**/*.test.ts']
    : ['src/domain/rules/**/*.ts', 'src/domain/letters/**/*.ts', 'src/domain/shared/**/*.ts', '!src/**/*.test.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: `reports/mutation/${scope}.incremental.json`,
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: `reports/mutation/${scope}.json` },
  clearTextReporter: { allowColor: false, logTests: false },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};
