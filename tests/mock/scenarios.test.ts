// Every documented status and named example of every operation is reachable
// through the one mock, by Prefer header and by query parameter, and what
// comes back is the documented, schema-valid, realistic body.
import { createHmac } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { responseExamples, responseSchemaErrors } from '../support/spec-schemas.ts';
import { realismProblems, decodeSegment, servedExample } from './realistic.ts';
import { OPERATIONS, send, VALID } from './requests.ts';
import { BEHAVIOURS } from '../../src/mock/behaviours.ts';

/** Operations whose success the mock mints for the request unless an example is named (see behaviour.test.ts). */
const mints = (id: string, status: number, how: object) => status < 300 && id in BEHAVIOURS && !JSON.stringify(how).includes('example');

const url = inject('mockUrl');

describe('mock scenarios', () => {
  it('has a valid request for every operation', () => {
    expect(Object.keys(VALID).sort()).toEqual(OPERATIONS.map((o) => o.operationId).sort());
  });

  it('serves every documented status and named example, by Prefer header and by query parameter', async () => {
    const checks = OPERATIONS.flatMap((op) =>
      op.statuses.flatMap((status) => {
        const examples = Object.entries(responseExamples(op.api, op.path, status));
        expect(examples.length, `${op.operationId} ${status} has no example`).toBeGreaterThan(0);
        const byExample = examples.flatMap(([name, value]) => [
          { op, status, value, how: { headers: { prefer: `example=${name}` } } },
          { op, status, value, how: { query: `?__example=${encodeURIComponent(name)}` } },
        ]);
        // A status alone gives its first example.
        const byCode = [
          { op, status, value: examples[0]![1], how: { headers: { prefer: `code=${status}` } } },
          { op, status, value: examples[0]![1], how: { query: `?__code=${status}` } },
        ];
        return [...byExample, ...byCode];
      }),
    );
    const results = await Promise.all(checks.map(async (c) => ({ c, got: await send(url, c.op.operationId, c.how) })));
    for (const { c, got } of results) {
      const label = `${c.op.operationId} ${JSON.stringify(c.how)}`;
      expect(got.status, label).toBe(c.status);
      if (!mints(c.op.operationId, c.status, c.how))
        expect(got.body, label).toEqual(JSON.stringify(c.how).includes('example') ? c.value : servedExample(c.value, url));
      expect(responseSchemaErrors(c.op.api, c.op.path, c.status, got.body), label).toBe('');
      expect(realismProblems(got.body, c.op.api, '', !JSON.stringify(c.how).includes('example')), label).toEqual([]);
    }
    expect(results.length).toBeGreaterThan(60);
  });

  it('answers a valid request without Prefer with the first 2xx status: the first example, or a body minted like it', async () => {
    for (const op of OPERATIONS) {
      const got = await send(url, op.operationId);
      const success = op.statuses.find((s) => s < 300)!;
      expect(got.status, op.operationId).toBe(success);
      const example = Object.values(responseExamples(op.api, op.path, success))[0] as Record<string, unknown>;
      if (op.operationId in BEHAVIOURS) {
        expect(Object.keys(got.body).sort(), op.operationId).toEqual(Object.keys(example).sort());
        expect(got.body, op.operationId).not.toEqual(example);
        expect(responseSchemaErrors(op.api, op.path, success, got.body)).toBe('');
        expect(realismProblems(got.body, op.api)).toEqual([]);
      } else {
        expect(got.body).toEqual(servedExample(example, url));
        expect(realismProblems(got.body, op.api)).toEqual([]);
      }
    }
  });

  it('serves a second ProCONF token that decodes to another room, participant and role, signed with the documented demo secret', async () => {
    const got = await send(url, 'get_proconf_token', { headers: { prefer: 'example=member' } });
    const [header, payload, signature] = String(got.body.data).split('.');
    expect(decodeSegment(payload!)).toMatchObject({ room: 'standup', participantName: 'Priya', context: { user: { role: 'member' } } });
    expect(createHmac('sha256', 'rtc-token-apis-demo-secret').update(`${header}.${payload}`).digest('base64url')).toBe(signature);
  });

  it('lets the Prefer header win over the query parameter', async () => {
    const got = await send(url, 'reset_conference_token', { headers: { prefer: 'code=404' }, query: '?__code=500' });
    expect(got.status).toBe(404);
    expect(got.body).toEqual({ error: 'Not Found' });
  });

  it('gives 401 for a missing or wrongly shaped credential, even when a success is preferred', async () => {
    const missing = await send(url, 'create_subscriber_token', { headers: { authorization: '', prefer: 'code=200' } });
    const wrongScheme = await send(url, 'get_proconf_token', { headers: { authorization: BASIC_FOR_BEARER } });
    expect([missing.status, missing.body]).toEqual([401, { error: 'Unauthorized' }]);
    expect([wrongScheme.status, wrongScheme.body]).toEqual([401, { data: null, error: { code: 401, message: 'Unauthorized' } }]);
  });

  it('lets validation win over Prefer: an invalid body still gets the real violations', async () => {
    const got = await send(url, 'create_subscriber_token', { headers: { prefer: 'code=500' }, body: {} });
    expect(got.status).toBe(422);
    expect(got.body.errors[0]).toMatchObject({ code: 'missing_required_parameter', attribute: 'reference' });
  });

  it('refuses an undocumented status or example with a problem naming what exists', async () => {
    const code = await send(url, 'reset_conference_token', { headers: { prefer: 'code=418' } });
    const example = await send(url, 'reset_conference_token', { query: '?__example=nope' });
    const malformed = await send(url, 'reset_conference_token', { headers: { prefer: 'code=abc' } });
    for (const got of [code, example, malformed]) {
      expect(got.status).toBe(400);
      expect(got.contentType).toBe('application/problem+json');
    }
    expect(code.body.detail).toContain('200 (reset, unnamed), 400 (bad_request), 401 (unauthorized, expired_credential)');
    expect(example.body.detail).toContain('no example named "nope"');
    expect(malformed.body.detail).toContain('3-digit');
  });

  it("answers unknown paths and methods under an API's base path with that API's 404", async () => {
    const fabric = await send(url, 'create_subscriber_token', { path: '/api/fabric/no-such-thing' });
    const proconf = await fetch(`${url}/proconfToken`);
    expect([fabric.status, fabric.body]).toEqual([404, { error: 'Not Found' }]);
    expect([proconf.status, await proconf.json()]).toEqual([404, { error: { code: 404, message: 'Not found' }, data: null }]);
  });

  it('refuses a ProCONF app body over 8 KiB with the documented 413', async () => {
    const got = await send(url, 'get_proconf_token', { body: { role: 'member', room: 'standup', participantName: 'x'.repeat(8200) } });
    expect([got.status, got.body]).toEqual([413, { data: null, error: { code: 413, message: 'Request body too large.' } }]);
  });

  // Specmatic cannot send these (their sealed bodies cannot reach 8 KiB: specmatic/unexercisable.yaml).
  it('refuses a signalwire-app body over 8 KiB with the documented 413', async () => {
    for (const id of ['issue_subscriber_token', 'renew_subscriber_token', 'issue_guest_token'] as const) {
      const got = await send(url, id, { body: { ...(VALID[id].body as object), padding: 'x'.repeat(8200) } });
      expect([got.status, got.body], id).toEqual([413, { error: { code: 'too_large', message: 'Request body too large.' } }]);
    }
  });
});

const BASIC_FOR_BEARER = `Basic ${Buffer.from('a:b').toString('base64')}`;
