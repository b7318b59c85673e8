// verify judges the bundled specs with the validators `npm run generate`
// precompiled: in a process where importing Ajv fails, a bundled API still
// verifies, while a passed document reaches the compiler. Its own file in the
// e2e project, as it spawns a process (tests/README.md).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('precompiled validators', () => {
  it('in a process where Ajv cannot be imported, a bundled API verifies; a passed document needs Ajv', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'tests/verify/no-ajv.fixture.ts'], {
      cwd: root,
      env: { ...process.env, MOCK_URL: inject('mockUrl') },
      timeout: 60_000,
    });
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(outcome.bundled.failed).toBe(0);
    expect(outcome.bundled.passed).toBeGreaterThan(10);
    expect(outcome.passed).toMatch(/blocked by no-ajv-hooks/);
  }, 90_000);
});
