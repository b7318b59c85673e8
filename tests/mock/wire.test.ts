// How replies go on the wire and how request targets are read: each reply
// states its length (head and body leave in one write, never chunked), and a
// target is read as the URL standard reads it, whichever way it is parsed.
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.ts';
import { BEARER } from './requests.ts';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
});
afterAll(() => mock.close());

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw node:http request: the target goes out exactly as written (no URL parsing), and every header is seen. */
function raw(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port: mock.port, path, method, headers: { ...(body && { 'content-type': 'application/json' }), ...headers } };
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const TOKEN_BODY = JSON.stringify({ role: 'member', room: 'design-review', participantName: 'Noor' });

it('states the length of every reply with a body, and never chunks it', async () => {
  const replies = await Promise.all([
    raw('POST', '/proconfToken', TOKEN_BODY, { authorization: BEARER }),
    raw('POST', '/proconfToken', TOKEN_BODY),
    raw('POST', '/no/such/api', '{}'),
    raw('GET', '/__mock/requests'),
    raw('GET', '/docs/'),
  ]);
  expect(replies.map((r) => r.status)).toEqual([200, 401, 404, 200, 200]);
  for (const r of replies) {
    expect(r.headers['transfer-encoding']).toBeUndefined();
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
  }
  // A body-less status announces no length at all.
  const reset = await raw('POST', '/__mock/reset', '{}');
  expect(reset.status).toBe(204);
  expect(reset.headers['content-length']).toBeUndefined();
  expect(reset.headers['transfer-encoding']).toBeUndefined();
});

it('reads dot segments, escapes and the scenario query as the URL standard does', async () => {
  await mock.reset();
  const dotted = await raw('POST', '/api/../proconfToken', TOKEN_BODY, { authorization: BEARER });
  const escaped = await raw('POST', '/proconf%54oken', TOKEN_BODY, { authorization: BEARER });
  const scenario = await raw('POST', '/proconfToken?__code=401', TOKEN_BODY, { authorization: BEARER });
  const plain = await raw('POST', '/proconfToken/', TOKEN_BODY, { authorization: BEARER });
  expect([dotted.status, escaped.status, scenario.status, plain.status]).toEqual([200, 404, 401, 404]);
  const recorded = await mock.requests();
  expect(recorded.map((r) => r.path)).toEqual(['/proconfToken', '/proconf%54oken', '/proconfToken', '/proconfToken/']);
});
