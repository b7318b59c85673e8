// The stages both handler families share, tested on both: a rejected
// credential is a 401 (never an anonymous guest), the rate-limit stage
// (keys, the 429 with Retry-After in the API's envelope, fail-open on a
// failing or slow limiter), and the one option vocabulary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowGuestAddresses,
  allowRoles,
  ConfigError,
  createProconfTokenHandler,
  createSignalWireTokenHandlers,
  REJECTED,
  toNodeListener,
  type RateLimiter,
  type RequestLogEntry,
} from '../../src/server/index.ts';
import { serve, type Served } from '../support/local-server.ts';
import { mintingAdminUrl } from './serve.ts';
import { startFakeSignalWire, type FakeSignalWire } from './signalwire-app/fake-signalwire.ts';

const ADDRESS = 'a46e1381-21cf-46c9-bfed-576eb3b96370';
const FP = 'UElQRUxJTkUtZGV2aWNlLWZpbmdlcnByaW50LTEyMzQ';
const GUEST = '/signalwire/tokens/guest';
const SUBSCRIBER = '/signalwire/tokens/subscriber';

/** A cookie-session app: `sid=<id>`; a known id is a user, an unknown or expired one is REJECTED. */
const SESSIONS: Record<string, { id: string }> = { 'live-1f2e': { id: 'carol' } };
function cookieAuthorize(request: Request) {
  const sid = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
  if (sid === undefined) return undefined;
  return SESSIONS[sid] ?? REJECTED;
}

/** A limiter for the stage's contract: records keys, answers what the test says. */
function recordingLimiter(decide: (key: string) => Promise<{ allowed: boolean; retryAfterSeconds: number }>) {
  const keys: string[] = [];
  const limiter: RateLimiter = {
    consume(key) {
      keys.push(key);
      return decide(key);
    },
  };
  return { keys, limiter };
}
const allow = async () => ({ allowed: true, retryAfterSeconds: 0 });

let signalwire: FakeSignalWire;
let adminUrl: string;
const servers: Served[] = [];
beforeAll(async () => {
  signalwire = await startFakeSignalWire();
  adminUrl = await mintingAdminUrl();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await signalwire.close();
});

async function signalWireServer(options: Partial<Parameters<typeof createSignalWireTokenHandlers<{ id: string }>>[0]> = {}) {
  const logs: RequestLogEntry[] = [];
  const policySaw: unknown[] = [];
  const handler = createSignalWireTokenHandlers<{ id: string }>({
    signalwire: { projectId: 'p-test', apiToken: 'PTsecret-api-token', baseUrl: signalwire.url },
    authorize: cookieAuthorize,
    subscriber: (user) => ({ reference: `${user.id}@example.net` }),
    guestPolicy: (requested, { caller }) => {
      policySaw.push(caller);
      return requested;
    },
    logger: (e) => logs.push(e),
    ...options,
  });
  const served = await serve(toNodeListener(handler));
  servers.push(served);
  return { ...served, logs, policySaw, handler };
}

async function proconfServer(options: Partial<Parameters<typeof createProconfTokenHandler<{ id: string }>>[0]> = {}) {
  const logs: RequestLogEntry[] = [];
  const handler = createProconfTokenHandler<{ id: string }>({
    admin: { baseUrl: adminUrl },
    authorize: cookieAuthorize,
    logger: (e) => logs.push(e),
    ...options,
  });
  const served = await serve(toNodeListener(handler));
  servers.push(served);
  return { ...served, logs };
}

function post(url: string, body: unknown, cookie?: string) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie && { cookie }) }, body: JSON.stringify(body) });
}
const proconfBody = { role: 'member', room: 'standup', participantName: 'Carol' };

describe('a rejected credential is not anonymous', () => {
  it('the guest endpoint answers an expired session cookie with 401; no cookie is an anonymous guest; a live one is the caller', async () => {
    const s = await signalWireServer();
    const expired = await post(`${s.url}${GUEST}`, { allowed_addresses: [ADDRESS] }, 'sid=expired-9a8b');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: { code: 'unauthorized', message: 'Unauthorized' } });
    expect(s.policySaw).toEqual([]);
    expect((await post(`${s.url}${GUEST}`, { allowed_addresses: [ADDRESS] })).status).toBe(200);
    expect((await post(`${s.url}${GUEST}`, { allowed_addresses: [ADDRESS] }, 'sid=live-1f2e')).status).toBe(200);
    expect(s.policySaw).toEqual([undefined, { id: 'carol' }]);
    expect(s.logs.map((e) => e.outcome)).toEqual(['unauthorized', 'guest', 'guest']);
  });

  it('REJECTED is a 401 on the subscriber endpoint and on /proconfToken too', async () => {
    const s = await signalWireServer();
    expect((await post(`${s.url}${SUBSCRIBER}`, { fingerprint: FP }, 'sid=expired-9a8b')).status).toBe(401);
    const p = await proconfServer();
    const refused = await post(`${p.url}/proconfToken`, proconfBody, 'sid=expired-9a8b');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ data: null, error: { code: 401, message: 'Unauthorized' } });
    expect((await post(`${p.url}/proconfToken`, proconfBody, 'sid=live-1f2e')).status).toBe(200);
  });
});

describe('the rate-limit stage', () => {
  it('keys an authorized caller by its id and an anonymous guest by its socket address', async () => {
    const { keys, limiter } = recordingLimiter(allow);
    const s = await signalWireServer({ rateLimit: limiter });
    await post(`${s.url}${SUBSCRIBER}`, { fingerprint: FP }, 'sid=live-1f2e');
    await post(`${s.url}${GUEST}`, { allowed_addresses: [ADDRESS] });
    expect(keys).toEqual(['caller:carol', 'address:127.0.0.1']);
  });

  it('a refused request is a 429 with Retry-After in the API envelope, before any upstream call (both families)', async () => {
    const { limiter } = recordingLimiter(async () => ({ allowed: false, retryAfterSeconds: 6.2 }));
    const s = await signalWireServer({ rateLimit: limiter });
    const calls = signalwire.calls.length;
    const limited = await post(`${s.url}${GUEST}`, { allowed_addresses: [ADDRESS] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('cache-control')).toBe('no-store');
    const body = (await limited.json()) as { error: { code: string; message: string } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(typeof body.error.code).toBe('string');
    expect(typeof body.error.message).toBe('string');
    expect(signalwire.calls.length).toBe(calls);
    expect(s.logs.at(-1)).toMatchObject({ status: 429, outcome: 'rate-limited', rateLimit: 'limited' });

    const p = await proconfServer({ rateLimit: limiter });
    const refused = await post(`${p.url}/proconfToken`, proconfBody, 'sid=live-1f2e');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('7');
    expect(await refused.json()).toMatchObject({ data: null, error: { code: 429 } });
  });

  it('an invalid body is answered without consuming the limit', async () => {
    const { keys, limiter } = recordingLimiter(allow);
    const s = await signalWireServer({ rateLimit: limiter });
    expect((await post(`${s.url}${GUEST}`, { allowed_addresses: ['not-a-uuid'] })).status).toBe(400);
    expect(keys).toEqual([]);
  });

  it('fails open: a throwing limiter and one slower than rateLimitTimeoutMs let the request through, and the log says so', async () => {
    const throwing = recordingLimiter(async () => {
      throw new Error('redis down');
    });
    const s = await signalWireServer({ rateLimit: throwing.limiter });
    expect((await post(`${s.url}${GUEST}`, { allowed_addresses: [ADDRESS] })).status).toBe(200);
    expect(s.logs.at(-1)).toMatchObject({ outcome: 'guest', rateLimit: 'error' });
    // Never settles: only the stage's own timeout can end the wait.
    const hanging = recordingLimiter(() => new Promise(() => {}));
    const p = await proconfServer({ rateLimit: hanging.limiter, rateLimitTimeoutMs: 50 });
    expect((await post(`${p.url}/proconfToken`, proconfBody, 'sid=live-1f2e')).status).toBe(200);
    expect(p.logs.at(-1)).toMatchObject({ outcome: 'token', rateLimit: 'timeout' });
  });

  it('clientAddress and rateLimitKey options choose the keys (a web-standard handler without the Node adapter)', async () => {
    const { keys, limiter } = recordingLimiter(allow);
    const s = await signalWireServer({
      rateLimit: limiter,
      clientAddress: (request) => request.headers.get('x-test-client') ?? undefined,
      rateLimitKey: (user) => `user-${user.id}`,
    });
    const web = (cookie?: string, path = GUEST, body: unknown = { allowed_addresses: [ADDRESS] }) =>
      s.handler(
        new Request(`http://app.test${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-test-client': '203.0.113.9', ...(cookie && { cookie }) },
          body: JSON.stringify(body),
        }),
      );
    await web();
    await web('sid=live-1f2e', SUBSCRIBER, { fingerprint: FP });
    expect(keys).toEqual(['address:203.0.113.9', 'caller:user-carol']);
  });

  it('a caller the default key cannot name (no string or number id) is a logged 500 naming rateLimitKey', async () => {
    const { limiter } = recordingLimiter(allow);
    const logs: RequestLogEntry[] = [];
    const handler = createProconfTokenHandler({
      admin: { baseUrl: adminUrl },
      authorize: () => ({ name: 'no id' }),
      rateLimit: limiter,
      logger: (e) => logs.push(e),
    });
    const response = await handler(
      new Request('http://app.test/proconfToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(proconfBody) }),
    );
    expect(response.status).toBe(500);
    expect(logs).toEqual([expect.objectContaining({ outcome: 'internal-error', failedHook: 'rateLimitKey' })]);
  });
});

describe('one option vocabulary', () => {
  it('pathPrefix moves /proconfToken as it moves the SignalWire paths', async () => {
    const p = await proconfServer({ pathPrefix: '/api', policy: allowRoles(['member']) });
    expect((await post(`${p.url}/api/proconfToken`, proconfBody, 'sid=live-1f2e')).status).toBe(200);
    expect((await post(`${p.url}/proconfToken`, proconfBody, 'sid=live-1f2e')).status).toBe(404);
  });

  it('the deprecated path still serves where it says; with pathPrefix it is a ConfigError', async () => {
    const p = await proconfServer({ path: '/custom/token' });
    expect((await post(`${p.url}/custom/token`, proconfBody, 'sid=live-1f2e')).status).toBe(200);
    expect(() => createProconfTokenHandler({ admin: { baseUrl: adminUrl }, authorize: () => 'x', path: '/a/proconfToken', pathPrefix: '/a' })).toThrow(
      ConfigError,
    );
  });

  it('the deprecated flat admin options still work, and mixing them with admin is a ConfigError', async () => {
    const handler = createProconfTokenHandler({ adminBaseUrl: adminUrl, authorize: () => 'carol', logger: false });
    const response = await handler(
      new Request('http://app.test/proconfToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(proconfBody) }),
    );
    expect(response.status).toBe(200);
    expect(() => createProconfTokenHandler({ admin: { baseUrl: adminUrl }, adminBaseUrl: adminUrl, authorize: () => 'x' })).toThrow(ConfigError);
  });

  it('every duration is checked by the one checkDuration, with its unit in the message', () => {
    const base = {
      signalwire: { projectId: 'p', apiToken: 'PTsecret-api-token', space: 'acme' },
      authorize: () => 'x',
      subscriber: () => ({ reference: 'r' }),
    };
    expect(() => createSignalWireTokenHandlers({ ...base, tokenLifetimeSeconds: -1 })).toThrow(/tokenLifetimeSeconds must be a positive number of seconds/);
    expect(() => createSignalWireTokenHandlers({ ...base, timeoutMs: 2 ** 31 })).toThrow(/timeoutMs must be a positive number of milliseconds/);
    expect(() => createProconfTokenHandler({ admin: { baseUrl: adminUrl }, authorize: () => 'x', bodyTimeoutMs: 0 })).toThrow(/bodyTimeoutMs/);
    expect(() => createProconfTokenHandler({ admin: { baseUrl: adminUrl }, authorize: () => 'x', rateLimit: {} as never })).toThrow(
      /rateLimit must implement RateLimiter/,
    );
    expect(() => createSignalWireTokenHandlers({ ...base, guestPolicy: allowGuestAddresses([ADDRESS]), rateLimitTimeoutMs: Number.NaN })).toThrow(
      /rateLimitTimeoutMs/,
    );
  });
});
