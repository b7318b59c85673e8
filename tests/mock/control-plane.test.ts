// The control plane (/__mock/*) is for local tools, over raw HTTP (the
// Chromium test, control-plane.e2e.test.ts, lets a browser's own CORS
// enforcement decide): no CORS headers on it, state changes only as JSON from
// no other origin, a Host allow-list against DNS rebinding, and recorded
// requests without a credential in any body encoding.
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.ts';
import { BEARER, VALID } from './requests.ts';

let mock: MockServer;
let named: MockServer;
const log: string[] = [];
beforeAll(async () => {
  [mock, named] = await Promise.all([
    startMockServer({ port: 0, log: (line) => log.push(line) }),
    startMockServer({ port: 0, allowedHosts: ['mock.internal', '.dev.test'] }),
  ]);
});
afterAll(() => Promise.all([mock.close(), named.close()]));
beforeEach(() => mock.reset());

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: every header (Host, Origin) exactly as given. */
function raw(target: MockServer, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: target.port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const SECRET = 'sekrit-refresh-7Qz';
const JWE = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..c2l4dGVlbi1ieXRlcw.Y2lwaGVydGV4dA.dGFnLXRhZy10YWc';
const proconf = { authorization: BEARER, 'content-type': 'application/json' };
const cors = (r: Raw) => Object.keys(r.headers).filter((h) => h.startsWith('access-control-'));

describe('CORS', () => {
  it('the APIs allow any origin without credentials; the controls and /docs send no CORS header at all', async () => {
    const api = await raw(mock, 'POST', '/proconfToken', { ...proconf, origin: 'http://frontend.test:3000' }, JSON.stringify(VALID.get_proconf_token.body));
    expect(api.status).toBe(200);
    expect(api.headers['access-control-allow-origin']).toBe('*');
    expect(api.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await raw(mock, 'OPTIONS', '/proconfToken', {
      origin: 'http://frontend.test:3000',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    });
    expect([preflight.status, preflight.headers['access-control-allow-origin'], preflight.headers['access-control-allow-headers']]).toEqual([
      204,
      '*',
      'authorization,content-type',
    ]);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    for (const [method, path] of [
      ['GET', '/__mock/requests'],
      ['GET', '/__mock/nope'],
      ['GET', '/docs'],
    ] as const) {
      const reply = await raw(mock, method, path, { origin: `http://127.0.0.1:${mock.port}` });
      expect(cors(reply), path).toEqual([]);
    }
  });

  it('grants no preflight on the controls', async () => {
    const preflight = await raw(mock, 'OPTIONS', '/__mock/reset', {
      origin: 'http://evil.test',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(preflight.status).toBe(403);
    expect(cors(preflight)).toEqual([]);
  });
});

describe('state changes', () => {
  /** Records one request, so a reset that happened shows. */
  const recordOne = () => raw(mock, 'POST', '/proconfToken', proconf, JSON.stringify(VALID.get_proconf_token.body));

  it('refuses a reset or once that is not JSON (a text/plain POST needs no preflight), and changes nothing', async () => {
    await recordOne();
    const reset = await raw(mock, 'POST', '/__mock/reset', { 'content-type': 'text/plain' }, '{}');
    const bare = await raw(mock, 'POST', '/__mock/reset');
    const form = await raw(mock, 'POST', '/__mock/once', { 'content-type': 'application/x-www-form-urlencoded' }, 'operationId=get_proconf_token&status=500');
    const once = await raw(mock, 'POST', '/__mock/once', { 'content-type': 'text/plain' }, JSON.stringify({ operationId: 'get_proconf_token', status: 500 }));
    expect([reset.status, bare.status, form.status, once.status]).toEqual([415, 415, 415, 415]);
    expect(JSON.parse(reset.body).detail).toContain('Content-Type: application/json');
    expect(await mock.requests()).toHaveLength(1);
    expect((await recordOne()).status).toBe(200);
  });

  it('refuses a JSON control from another origin (or an opaque one) and accepts it from its own or from a tool', async () => {
    await recordOne();
    const json = { 'content-type': 'application/json' };
    const foreign = await raw(mock, 'POST', '/__mock/reset', { ...json, origin: 'http://evil.test' }, '{}');
    const opaque = await raw(mock, 'POST', '/__mock/reset', { ...json, origin: 'null' }, '{}');
    const read = await raw(mock, 'GET', '/__mock/requests', { origin: `http://localhost:${mock.port}` });
    expect([foreign.status, opaque.status, read.status]).toEqual([403, 403, 403]);
    expect(await mock.requests()).toHaveLength(1);
    const own = await raw(mock, 'POST', '/__mock/reset', { ...json, origin: `http://127.0.0.1:${mock.port}` }, '{}');
    expect(own.status).toBe(204);
    expect(await mock.requests()).toEqual([]);
    await recordOne();
    expect((await raw(mock, 'POST', '/__mock/reset', json, '{}')).status).toBe(204);
    expect(await mock.requests()).toEqual([]);
  });
});

describe('Host allow-list (DNS rebinding)', () => {
  it('refuses a foreign Host on every path with a 403 that says how to allow it, and serves loopback names and IP addresses', async () => {
    for (const path of ['/__mock/requests', '/proconfToken', '/docs']) {
      const refused = await raw(mock, 'GET', path, { host: `rebind.evil.test:${mock.port}` });
      expect(refused.status, path).toBe(403);
      expect(JSON.parse(refused.body).detail).toContain('--allow-host rebind.evil.test');
      expect(cors(refused)).toEqual([]);
    }
    for (const host of [`127.0.0.1:${mock.port}`, `localhost:${mock.port}`, `app.localhost:${mock.port}`, `[::1]:${mock.port}`, '10.1.2.3']) {
      expect((await raw(mock, 'GET', '/__mock/requests', { host })).status, host).toBe(200);
    }
    expect(await mock.requests()).toEqual([]);
  });

  it('serves the names added with allowedHosts (a leading dot: the name and its subdomains), and no other', async () => {
    const statuses = await Promise.all(
      ['mock.internal:8080', 'MOCK.internal', 'dev.test', 'a.b.dev.test', 'mock.internal.evil.test', 'evildev.test'].map(
        async (host) => (await raw(named, 'GET', '/__mock/requests', { host })).status,
      ),
    );
    expect(statuses).toEqual([200, 200, 200, 200, 403, 403]);
  });
});

describe('recorded requests never hold a credential, whatever the body encoding', () => {
  const path = VALID.refresh_subscriber_token.path;
  const basic = { authorization: VALID.refresh_subscriber_token.authorization! };
  const boundary = 'XyZ123';
  const multipart = [
    `--${boundary}`,
    'Content-Disposition: form-data; name="refresh_token"',
    '',
    SECRET,
    `--${boundary}`,
    'Content-Disposition: form-data; name="reference"',
    '',
    'alice@example.net',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  const bodies: Array<[string, string, string]> = [
    ['JSON', 'application/json', JSON.stringify({ refresh_token: SECRET, nested: { password: SECRET }, note: `token=${SECRET}` })],
    ['malformed JSON', 'application/json', `{"refresh_token": "${SECRET}", "password": "${SECRET}",`],
    ['JSON sent as text/plain', 'text/plain', JSON.stringify({ refresh_token: SECRET })],
    ['text', 'text/plain', `refresh_token: ${SECRET}\npassword=${SECRET}`],
    ['form-encoded', 'application/x-www-form-urlencoded', `refresh_token=${SECRET}&password=${SECRET}&reference=alice`],
    ['form-encoded, escaped names', 'application/x-www-form-urlencoded', `refresh%5Ftoken=${SECRET}&pass%77ord=${SECRET}`],
    ['JSON-escaped name', 'application/json', `{"refresh\\u005ftoken":"${SECRET}",`],
    ['multipart', `multipart/form-data; boundary=${boundary}`, multipart],
    ['a token under any name', 'text/plain', `hello ${JWE} and Bearer ${SECRET}`],
  ];

  it.each(bodies)('%s', async (_label, contentType, body) => {
    await raw(mock, 'POST', path, { ...basic, 'content-type': contentType }, body);
    const recorded = await mock.requests();
    expect(recorded).toHaveLength(1);
    const text = JSON.stringify(recorded);
    expect(text).toContain('[redacted]');
    for (const secret of [SECRET, JWE.slice(0, 30), basic.authorization.slice(6)]) expect(text).not.toContain(secret);
    // Over HTTP too: the same record.
    const served = await raw(mock, 'GET', '/__mock/requests');
    expect(served.body).not.toContain(SECRET);
  });

  it('keeps what is not a credential, so a record still shows what was sent', async () => {
    await raw(mock, 'POST', path, { ...basic, 'content-type': 'application/x-www-form-urlencoded' }, `refresh_token=${SECRET}&reference=alice`);
    await raw(mock, 'POST', `/api/fabric/tokens/${JWE}`, basic);
    const [form, unknown] = await mock.requests();
    expect(form!.body).toBe('refresh_token=[redacted]&reference=alice');
    expect(unknown!.path).toBe('/api/fabric/tokens/[redacted]');
    // The request log never shows a body, and shows the path redacted the same way.
    expect(log.join('\n')).not.toContain(JWE.slice(0, 30));
    expect(log.join('\n')).toContain('POST /api/fabric/tokens/[redacted] -> 404');
  });
});
