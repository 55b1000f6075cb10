import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-each-file.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files share a worker's module cache (a fresh module graph per file cost ~40% of a run);
    // each file still gets its own database, and test/setup-each-file.ts resets process-wide state.
    isolate: false,
    // PGlite boots a WASM Postgres per test file; two cores, so two workers.
    maxWorkers: 2,
  },
});
