import { defineConfig } from 'vitest/config';

// A run that uses the real global setup, for global-setup.e2e.test.ts.
export default defineConfig({
  test: {
    root: new URL('../../..', import.meta.url).pathname,
    include: ['tests/support/interrupt-fixture/*.fixture.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
  },
});
