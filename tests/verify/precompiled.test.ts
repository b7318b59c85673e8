// verify judges the bundled specs with the validators `npm run generate`
// precompiled: Ajv (a runtime schema compiler) is loaded only for a document
// the user passes (the process where importing Ajv fails is in
// precompiled.e2e.test.ts).
import { describe, expect, it } from 'vitest';
import { verifyApi } from '../../src/verify/verify-api.ts';
import { serve } from '../support/local-server.ts';

const BEARER = { Authorization: 'Bearer precompiled-check-5e1d' };

describe('precompiled validators', () => {
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
