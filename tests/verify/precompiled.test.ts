// verify judges the bundled specs with the validators `npm run generate`
// precompiled: Ajv (a runtime schema compiler) is loaded only for a document
// the user passes. Here loading Ajv fails outright, and a bundled API still
// verifies, while a passed document reaches the compiler.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it, vi } from 'vitest';
import { serve } from '../support/local-server.ts';

vi.mock('ajv/dist/2020.js', () => {
  throw new Error('Ajv loaded');
});

const BEARER = { Authorization: 'Bearer precompiled-check-5e1d' };

describe('precompiled validators', () => {
  it('a bundled API verifies without loading Ajv, and still judges bodies (a wrong body fails)', async () => {
    const { verifyApi } = await import('../../src/verify/verify-api.ts');
    const result = await verifyApi({ api: 'signalwire-app', target: inject('mockUrl'), credentials: BEARER, allowMutations: true });
    expect(result.failed, JSON.stringify(result.results.filter((r) => r.outcome === 'fail'))).toBe(0);
    expect(result.passed).toBeGreaterThan(10);
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

  it('a document the user passes is compiled at runtime (the only path that loads Ajv)', async () => {
    const { verifyApi } = await import('../../src/verify/verify-api.ts');
    const document = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'generated', 'bundled', 'signalwire-app.json'), 'utf8'));
    const error = await verifyApi({ api: 'signalwire-app', document, target: inject('mockUrl'), credentials: BEARER }).catch((e: unknown) => e);
    // vitest wraps the factory's error: "There was an error when mocking a module ... Ajv loaded".
    expect(String((error as Error).message) + String((error as Error).cause ?? '')).toMatch(/Ajv loaded/);
  });
});
