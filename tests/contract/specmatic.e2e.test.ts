// A peer contract tester executes our specs: Specmatic's example-based and
// generative tests run against the real mock over HTTP, and against the
// shipped application-server handlers (backed by the mock), with every
// documented status exercised and no failure. A server that ignores the spec
// fails the same harness, so a green run means something.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApis } from '../../scripts/lib/apis.ts';
import { HANDLER_APIS, startHandlersForSpecmatic, type HandlerServer } from '../../scripts/lib/specmatic-handlers.ts';
import { runSpecmatic, startMockForSpecmatic, type SpecmaticResult } from '../../scripts/lib/specmatic.ts';
import type { MockServer } from '../../src/mock/server.ts';
import { serve } from '../support/local-server.ts';

let mock: MockServer;
let handlers: HandlerServer;
beforeAll(async () => {
  mock = await startMockForSpecmatic();
  handlers = await startHandlersForSpecmatic(mock.url);
});
afterAll(async () => {
  await handlers?.close();
  await mock?.close();
});

function expectClean(r: SpecmaticResult) {
  expect(r.failures, r.output.slice(-4000)).toBe(0);
  expect(r.notExercised).toEqual([]);
  expect(r.staleUnexercisable).toEqual([]);
  expect(r.documented.length).toBeGreaterThan(3);
  // Generative tests ran too: far more tests than documented responses.
  expect(r.tests).toBeGreaterThan(r.documented.length);
}

/** The scenarios run from an example as it is (the generative variations differ from run to run). */
const exampleScenarios = (output: string) =>
  [...output.matchAll(/^\+ve {2}Scenario: (.+ with the request from the example '[^']+') has /gm)].map((m) => m[1]!).sort();
/** Per API, the mock run's example scenarios, to compare with the handlers' runs. */
const mockScenarios = new Map<string, string[]>();

describe('Specmatic against the mock', () => {
  for (const { name } of listApis()) {
    it(`${name}: every test passes and every documented status is exercised (but those in specmatic/unexercisable.yaml)`, async () => {
      const r = await runSpecmatic(name, mock.url);
      expectClean(r);
      mockScenarios.set(name, exampleScenarios(r.output));
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

describe('Specmatic against the shipped handlers (src/server/, the mock as upstream)', () => {
  for (const name of HANDLER_APIS) {
    it(`${name}: the same tests pass, every documented status exercised by its real cause`, async () => {
      const r = await runSpecmatic(name, handlers.url);
      expectClean(r);
      // The same example scenarios as against the mock (when that ran first in this file).
      expect(exampleScenarios(r.output).length).toBeGreaterThan(5);
      if (mockScenarios.has(name)) expect(exampleScenarios(r.output)).toEqual(mockScenarios.get(name));
      // The wrong-method probe reached the handler: its 404 counts for the documented one.
      expect(r.output).toMatch(/Scenario: GET \S+ -> 404 .*wrong_method' has SUCCEEDED/);
    }, 300_000);
  }
});
