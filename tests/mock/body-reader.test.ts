// The mock reads request bodies through the one capped reader
// (src/core/body.ts, nodeBody): a chunked body (no Content-Length) is joined
// from its chunks, and one growing past the spec's limit gets the documented
// 413 as soon as the limit is passed, with the rest drained so the same
// keep-alive connection serves the next request.
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.ts';
import { BEARER } from './requests.ts';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
});
afterAll(() => mock.close());

/** POSTs `chunks` chunked (no Content-Length), one write each, on `agent`. */
function chunked(agent: Agent, chunks: string[]): Promise<{ status: number; body: string; socket: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: mock.port,
        path: '/proconfToken',
        method: 'POST',
        agent,
        headers: { authorization: BEARER, 'content-type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body, socket: req.socket }));
      },
    );
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

it('joins a chunked body, refuses one past the limit with the documented 413, and keeps the connection', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const valid = JSON.stringify({ role: 'member', room: 'design-review', participantName: 'Noor' });
    const joined = await chunked(agent, [valid.slice(0, 10), valid.slice(10, 30), valid.slice(30)]);
    expect(joined.status).toBe(200);
    expect(JSON.parse(joined.body).data).toMatch(/^eyJ/);
    const big = await chunked(agent, [`{"role":"member","room":"${'r'.repeat(5000)}`, 'r'.repeat(5000), '","participantName":"Noor"}']);
    expect([big.status, JSON.parse(big.body)]).toEqual([413, { data: null, error: { code: 413, message: 'Request body too large.' } }]);
    const after = await chunked(agent, [valid]);
    expect(after.status).toBe(200);
    expect(after.socket).toBe(joined.socket);
  } finally {
    agent.destroy();
  }
});
