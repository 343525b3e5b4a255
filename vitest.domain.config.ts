/**
 * Vitest configuration for the pure domain tests only, in Node: what mutation testing
 * (`npm run mutation`, stryker.config.mjs) runs for each mutant. Component (jsdom), storage
 * and browser tests do not exercise src/domain/rules, letters or shared directly, and would
 * cost minutes per mutant on a 2-core machine. `npm run test:unit` still uses vite.config.ts.
 *
 * MUTATION_FOLDER narrows the run to the tests under one folder (e.g. `src/domain/shared`):
 * a mutant in module-level code ("static") runs every test that imports its file, which for
 * the dates module is nearly all of them, so a folder is measured against its own tests
 * (docs/clinical-safety/mutation-testing.md).
 */
import { defineConfig } from 'vitest/config';

const folder = process.env.MUTATION_FOLDER?.replace(/\/+$/, '');

export default defineConfig({
  test: {
    name: 'domain',
    environment: 'node',
    include: [folder ? `${folder}/**/*.test.ts` : 'src/domain/**/*.test.ts'],
    setupFiles: ['./src/test-support/setup.ts'],
    restoreMocks: true,
    testTimeout: 20_000,
  },
});
