// verify judges the bundled specs with the validators `npm run generate`
// precompiled: Ajv (a runtime schema compiler) is loaded only for a document
// the user passes. In a process where importing Ajv fails, a bundled API
// still verifies, while a passed document reaches the compiler.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { verifyApi } from '../../src/verify/verify-api.ts';
import { serve } from '../support/local-server.ts';

const BEARER = { Authorization: 'Bearer precompiled-check-5e1d' };
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

  it('judges bodies with them: a wrong body fails with field messages', async () => {
    const wrong = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"token":5}');
    });
    try {
      const bad = await verifyApi({ api: 'signalwire-app', target: wrong.url, credentials: BEARER, allowMutations: true });
      const problems = bad.results.flatMap((r) => r.problems);
      expect(problems).toContain('body/token must be string, got integer');
      expect(problems).toContain('body/expire_at is required');
    } finally {
      await wrong.close();
    }
  });
});
