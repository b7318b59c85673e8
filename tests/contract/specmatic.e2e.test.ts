// A peer contract tester executes our specs: Specmatic's example-based and
// generative tests run against the real mock over HTTP, with every documented
// status exercised and no failure. A server that ignores the spec fails the
// same harness, so a green run means something.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApis } from '../../scripts/lib/apis.ts';
import { runSpecmatic, startMockForSpecmatic } from '../../scripts/lib/specmatic.ts';
import type { MockServer } from '../../src/mock/server.ts';
import { serve } from '../support/local-server.ts';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockForSpecmatic();
});
afterAll(async () => {
  await mock?.close();
});

describe('Specmatic against the mock', () => {
  for (const { name } of listApis()) {
    it(`${name}: every test passes and every documented status is exercised (but those in specmatic/unexercisable.yaml)`, async () => {
      const r = await runSpecmatic(name, mock.url);
      expect(r.failures, r.output.slice(-4000)).toBe(0);
      expect(r.notExercised).toEqual([]);
      expect(r.staleUnexercisable).toEqual([]);
      expect(r.documented.length).toBeGreaterThan(3);
      // Generative tests ran too: far more tests than documented responses.
      expect(r.tests).toBeGreaterThan(r.documented.length);
    }, 300_000);
  }

  it('fails a server that answers every request with 200 {}', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    try {
      const r = await runSpecmatic('signalwire-video', server.url);
      expect(r.failures).toBeGreaterThan(0);
      expect(r.notExercised.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 300_000);
});
