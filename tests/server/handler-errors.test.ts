// Every outcome of the handler, over real HTTP: the exact envelope and
// status, one log entry, and no secret in any log entry.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createProconfTokenHandler, ConfigError } from '../../src/server/index.ts';
import { serve, type Served } from '../support/local-server.ts';
import { ENVELOPES, mintingAdminUrl, post, serveHandler } from './serve.ts';

const ADMIN_SECRET = 'admin-gateway-key-91d0c2e5';
const member = JSON.stringify({ role: 'member', room: 'standup', participantName: 'Priya' });

let hanging: Served;
let closed: Served;
let buggyAdmin: Served;
beforeAll(async () => {
  hanging = await serve(() => {});
  closed = await serve(() => {});
  await closed.close();
  // An admin backend answering 200 with an object where the token belongs.
  buggyAdmin = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ error: null, data: { status: 200, data: { token: 'x' } } }));
  });
});
afterAll(async () => {
  await hanging.close();
  await buggyAdmin.close();
});

function noSecretsIn(logs: unknown[], ...secrets: string[]) {
  const text = JSON.stringify(logs);
  for (const s of secrets) expect(text).not.toContain(s);
}

describe('success', () => {
  it('returns exactly the admin token string in {error: null, data}, sends the admin headers, logs once without secrets', async () => {
    const admin = await mintingAdminUrl();
    const s = await serveHandler({ adminBaseUrl: admin, adminHeaders: () => ({ 'x-gateway-key': ADMIN_SECRET }) });
    try {
      const response = await post(s.url, member);
      const body = await response.json();
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      // The mock's admin backend mints a token for the request it received: the one passed through.
      const claims = JSON.parse(Buffer.from(String(body.data).split('.')[1] ?? '', 'base64url').toString('utf8'));
      expect(claims).toMatchObject({ room: 'standup', participantName: 'Priya', context: { user: { role: 'member' } } });
      expect(body).toEqual({ error: null, data: expect.any(String) });
      expect(s.adminCalls).toHaveLength(1);
      expect(s.adminCalls[0]!.url).toBe(`${admin}/api/proconf-token`);
      expect(s.adminCalls[0]!.headers.get('x-gateway-key')).toBe(ADMIN_SECRET);
      expect(JSON.parse(s.adminCalls[0]!.body)).toEqual(JSON.parse(member));
      expect(s.logs).toEqual([
        expect.objectContaining({ method: 'POST', path: '/proconfToken', status: 200, outcome: 'token', role: 'member', room: 'standup' }),
      ]);
      noSecretsIn(s.logs, ADMIN_SECRET, 'alice-session-7f3a9c', body.data, 'Priya');
    } finally {
      await s.close();
    }
  });
});

describe('client errors', () => {
  let s: Awaited<ReturnType<typeof serveHandler>>;
  beforeAll(async () => {
    s = await serveHandler({ adminBaseUrl: inject('mockUrl') });
  });
  afterAll(() => s.close());

  const cases: [string, () => Promise<Response>, keyof typeof ENVELOPES, string][] = [
    ['a wrong path', () => fetch(`${s.url}/proconfTokens`, { method: 'POST', body: member }), 404, 'not-found'],
    ['a wrong method', () => fetch(`${s.url}/proconfToken`), 404, 'not-found'],
    ["OPTIONS (CORS is the app's business)", () => fetch(`${s.url}/proconfToken`, { method: 'OPTIONS' }), 404, 'not-found'],
    ['no credential', () => post(s.url, member, { authorization: '' }), 401, 'unauthorized'],
    ['an unknown credential', () => post(s.url, member, { authorization: 'Bearer forged-session-000000' }), 401, 'unauthorized'],
    ['a non-JSON content type', () => post(s.url, member, { 'content-type': 'text/plain' }), 400, 'invalid-body'],
    ['malformed JSON', () => post(s.url, member.slice(1)), 400, 'invalid-body'],
    ['a JSON null body', () => post(s.url, 'null'), 400, 'invalid-body'],
    ['a __proto__ property', () => post(s.url, member.replace('{', '{"__proto__":{"role":"owner"},')), 400, 'invalid-body'],
  ];
  for (const [what, send, status, outcome] of cases) {
    it(`${what} -> ${status} ${ENVELOPES[status].error.message}`, async () => {
      const before = s.logs.length;
      const response = await send();
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual(ENVELOPES[status]);
      expect(s.logs.slice(before)).toEqual([expect.objectContaining({ status, outcome })]);
    });
  }

  it('never calls the admin backend for a refused request', () => {
    expect(s.adminCalls).toHaveLength(0);
    noSecretsIn(s.logs, 'alice-session-7f3a9c', 'forged-session-000000');
  });
});

describe('upstream failures all become 500 Internal server error, exposing nothing', () => {
  const cases: [string, () => { adminBaseUrl: string; adminHeaders?: () => Record<string, string>; timeoutMs?: number }, string][] = [
    [
      'the admin backend rejects our credential (401)',
      () => ({ adminBaseUrl: inject('mockUrl'), adminHeaders: () => ({ Prefer: 'code=401', authorization: ADMIN_SECRET }) }),
      'http 401',
    ],
    ['an admin 500', () => ({ adminBaseUrl: inject('mockUrl'), adminHeaders: () => ({ Prefer: 'code=500' }) }), 'http 500'],
    ['an admin 400 for a body we accepted', () => ({ adminBaseUrl: inject('mockUrl'), adminHeaders: () => ({ Prefer: 'code=400' }) }), 'http 400'],
    ['a network failure (connection refused)', () => ({ adminBaseUrl: closed.url }), 'network'],
    ['a timeout', () => ({ adminBaseUrl: hanging.url, timeoutMs: 150 }), 'timeout'],
    ['a 200 whose data is not a token string', () => ({ adminBaseUrl: buggyAdmin.url }), 'response-body'],
  ];
  for (const [what, options, upstream] of cases) {
    it(what, async () => {
      const s = await serveHandler(options());
      try {
        const response = await post(s.url, member);
        const text = await response.text();
        expect(response.status).toBe(500);
        expect(JSON.parse(text)).toEqual(ENVELOPES[500]);
        expect(s.adminCalls).toHaveLength(1);
        expect(s.logs).toEqual([expect.objectContaining({ status: 500, outcome: 'upstream-error', upstream })]);
        noSecretsIn(s.logs, ADMIN_SECRET, 'alice-session-7f3a9c');
      } finally {
        await s.close();
      }
    });
  }

  it('a throwing hook is a 500 naming the hook in the log only', async () => {
    const s = await serveHandler({
      adminBaseUrl: inject('mockUrl'),
      authorize: () => {
        throw new Error(`db down ${ADMIN_SECRET}`);
      },
    });
    try {
      const response = await post(s.url, member);
      expect(response.status).toBe(500);
      expect(await response.text()).toBe(JSON.stringify(ENVELOPES[500]));
      expect(s.logs).toEqual([expect.objectContaining({ outcome: 'internal-error', failedHook: 'authorize' })]);
      noSecretsIn(s.logs, ADMIN_SECRET);
    } finally {
      await s.close();
    }
  });
});

describe('configuration', () => {
  it('refuses to build without authorize or with a bad admin URL', () => {
    expect(() => createProconfTokenHandler({ adminBaseUrl: 'https://admin.example.test' } as never)).toThrow(ConfigError);
    expect(() => createProconfTokenHandler({ adminBaseUrl: 'not a url', authorize: () => true })).toThrow(ConfigError);
    expect(() => createProconfTokenHandler({ adminBaseUrl: 'http://admin.example.test', authorize: () => true, adminHeaders: () => ({}) })).toThrow(
      /unencrypted/,
    );
  });
});
