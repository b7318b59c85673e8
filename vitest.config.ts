import { defineConfig } from 'vitest/config';

// End-to-end tests (real npm pack installs, real Chromium, any spawned
// process) are slow by nature: they run as their own project so the fast
// suite keeps its budget (`npm run bench`: CPU time over a calibration workload).
const E2E = ['tests/packaging/**/*.test.ts', 'tests/**/*.e2e.test.ts'];

export default defineConfig({
  test: {
    // One in-process mock for the whole run; it stops in teardown, and being
    // in-process it cannot outlive an interrupted run.
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // The fast project shares one module cache per worker thread (no per-file
    // isolation): about half its wall time is otherwise spent re-importing
    // Prism and Ajv for every file. Its tests keep no global state.
    projects: [
      {
        extends: true,
        test: { name: 'fast', include: ['tests/**/*.test.ts'], exclude: E2E, pool: 'threads', isolate: false, maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      // e2e tests spawn real processes (npm, tsc, Chromium, Prism): generous limits keep them green on a loaded machine.
      { extends: true, test: { name: 'e2e', include: E2E, testTimeout: 120_000, sequence: { groupOrder: 1 } } },
    ],
  },
});
