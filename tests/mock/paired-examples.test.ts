// Request and response examples pair by name (the convention contract tools
// such as Specmatic rely on): a request equal to the request example `X` gets
// the response example `X`, with no Prefer header. Success
// bodies are minted for the request, so a success pairs by status and schema.
import { describe, expect, inject, it } from 'vitest';
import { documentedStatuses, requestExamples, responseExamples, responseSchemaErrors } from '../support/spec-schemas.ts';
import { OPERATIONS, send } from './requests.ts';

const url = inject('mockUrl');

function pairs() {
  return OPERATIONS.flatMap((op) => {
    const byStatus = documentedStatuses(op.api, op.path).map((status) => ({ status, examples: responseExamples(op.api, op.path, status) }));
    return Object.entries(requestExamples(op.api, op.path)).map(([name, request]) => {
      const holder = byStatus.find((s) => name in s.examples);
      return { op, name, request, status: holder?.status, expected: holder?.examples[name] };
    });
  });
}

describe('paired examples', () => {
  it('every request example pairs with a response example of the same name', () => {
    // Requests that a body example cannot express (a bad credential, a wrong
    // method, a body that breaks the schema) pair in specmatic/examples/
    // instead: tests/scripts/specmatic/pairing.test.ts checks every status has one.
    const all = pairs();
    expect(all.filter((p) => p.status === undefined).map((p) => `${p.op.operationId} ${p.name}`)).toEqual([]);
  });

  it('a request equal to a named request example gets the response example of that name', async () => {
    const all = pairs();
    const results = await Promise.all(
      all.map(async (p) => {
        const path = p.op.path.replace(/\{([^}]+)\}/g, (_m, n: string) =>
          encodeURIComponent(String(p.request.params[n] ?? 'c22d24f6-5a47-4597-9a23-c7d01e696b92')),
        );
        return { p, got: await send(url, p.op.operationId, { path, ...('body' in p.request && { body: p.request.body }) }) };
      }),
    );
    for (const { p, got } of results) {
      const label = `${p.op.operationId} ${p.name}`;
      expect(got.status, label).toBe(p.status);
      expect(responseSchemaErrors(p.op.api, p.op.path, p.status!, got.body), label).toBe('');
      const expected = p.expected as any;
      if (Array.isArray(expected?.errors)) {
        // SignalWire 422s describe the actual violation: same code and attribute as the example.
        expect(
          got.body.errors.map((e: any) => [e.code, e.attribute]),
          label,
        ).toEqual(expected.errors.map((e: any) => [e.code, e.attribute]));
      } else if (p.status! >= 300) {
        expect(got.body, label).toEqual(expected);
      }
      // A success pairs by status and schema: its body is minted for the request (docs/mock.md).
    }
    expect(results.length).toBeGreaterThan(25);
  });

  it('an explicit Prefer wins over the pairing', async () => {
    const got = await send(url, 'create_subscriber_token', { body: { reference: 'carol@example.net' }, headers: { prefer: 'code=500' } });
    expect(got.status).toBe(500);
    const paired = await send(url, 'create_subscriber_token', { body: { reference: 'carol@example.net' } });
    expect(paired.status).toBe(404);
  });
});
