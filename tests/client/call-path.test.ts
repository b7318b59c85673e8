// The one call path (src/core/call.ts) and the package middleware on the raw
// clients (src/core/transport.ts), for every client, over real HTTP on
// 127.0.0.1: a declared Content-Length over the cap fails at once (a raw TCP
// server that then stalls), the admin client's raw client sends its headers,
// a user's own openapi-fetch client gets the same policy from the exported
// middleware, and a 429 is one typed HttpError with its retry delay on every
// client (retried, opt-in, on the browser clients too).
import type { Socket } from 'node:net';
import createClient from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import type { paths as AdminPaths } from '../../generated/types/proconf-admin.ts';
import type { paths as FabricPaths } from '../../generated/types/signalwire-fabric.ts';
import { createProconfAdminClient, createProconfAppClient } from '../../src/proconf/index.ts';
import { createSignalWireAppClient } from '../../src/signalwire-app/index.ts';
import {
  createClientMiddleware,
  createSignalWireClient,
  HttpError,
  NetworkError,
  ResponseBodyError,
  retryPolicy,
  TimeoutError,
  type RetryOptions,
} from '../../src/signalwire/index.ts';
import { closeServers, rawServer, recordingServer, type Handler } from '../support/local-server.ts';
import { sendJson } from './support/answers.ts';
import { guestBody, tokenPair } from './support/fixtures.ts';
import { outcome } from './support/outcome.ts';

const track = closeServers(afterEach);
const serve = (handler: Handler) => track(recordingServer(handler));
const TOKEN = 'call-path-api-token-5d1c';
const ADMIN_KEY = 'admin-key-canary-7f3a';
/** Far longer than the test's own timeout: a call that waits for it fails the test instead of passing late. */
const LONG_MS = 600_000;
const PROCONF_BODY = { role: 'member', room: 'r', participantName: 'p' } as const;
const FP = 'Qk9CLWRldmljZS1maW5nZXJwcmludC0xMjM0NTY3ODk';

/** Every named operation of every client, against one base URL. */
function everyClient(baseUrl: string, extra: { retry?: ReturnType<typeof retryPolicy>; timeoutMs?: number } = {}) {
  const sw = createSignalWireClient({ baseUrl, projectId: 'p', apiToken: TOKEN, ...extra });
  const admin = createProconfAdminClient({ baseUrl, headers: () => ({ 'x-admin-key': ADMIN_KEY }), ...extra });
  const app = createProconfAppClient({ baseUrl, credentials: () => 'user-bearer', ...extra });
  const swApp = createSignalWireAppClient({ baseUrl, credentials: () => 'user-bearer', ...extra });
  const calls: [string, () => Promise<unknown>][] = [
    ['signalwire', () => sw.createSubscriberGuestToken(guestBody)],
    ['proconf admin', () => admin.createProconfToken(PROCONF_BODY)],
    ['proconf app', () => app.getProconfToken(PROCONF_BODY)],
    ['signalwire app', () => swApp.issueSubscriberToken({ fingerprint: FP })],
  ];
  return calls;
}

/** A raw TCP server that answers a 200 declaring `length` bytes, sends a few, then stalls (the socket stays open). */
function declaresThenStalls(length: number) {
  return track(
    rawServer((socket: Socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\n\r\n{"token":"`);
    }),
  );
}

describe('a declared Content-Length over maxResponseBytes', () => {
  it('is a ResponseBodyError at once on every client, not a timeout after the whole deadline', { timeout: 30_000 }, async () => {
    const server = await declaresThenStalls(2 * 1024 * 1024);
    for (const [name, call] of everyClient(server.url, { timeoutMs: LONG_MS })) {
      const { error } = await outcome(call());
      expect(error, name).toBeInstanceOf(ResponseBodyError);
      expect((error as ResponseBodyError).status, name).toBe(200);
      expect((error as Error).message, name).toContain(`larger than ${1024 * 1024} bytes`);
    }
  });

  it('is a ResponseBodyError at once on the raw clients too', { timeout: 30_000 }, async () => {
    const server = await declaresThenStalls(2 * 1024 * 1024);
    const sw = createSignalWireClient({ baseUrl: server.url, projectId: 'p', apiToken: TOKEN, timeoutMs: LONG_MS });
    const { error } = await outcome(sw.raw.fabric.POST('/api/fabric/guests/tokens', { body: guestBody }));
    expect(error).toBeInstanceOf(ResponseBodyError);
  });

  it('within the cap the same stall is a TimeoutError at the deadline (the check is what makes the difference)', { timeout: 30_000 }, async () => {
    const server = await declaresThenStalls(1000);
    for (const [name, call] of everyClient(server.url, { timeoutMs: 200 })) {
      const { error } = await outcome(call());
      expect(error, name).toBeInstanceOf(TimeoutError);
    }
  });
});

describe('the raw clients carry the package middleware', () => {
  it("the ProCONF admin client's raw client sends the deployment's headers, as the named operation does", async () => {
    const server = await serve((_q, res) => sendJson(res, 200, { error: null, data: 'a.b.c' }));
    const admin = createProconfAdminClient({ baseUrl: server.url, headers: async () => ({ 'x-admin-key': ADMIN_KEY }) });
    const { data, response } = await admin.raw.POST('/api/proconf-token', { body: PROCONF_BODY });
    expect(response.status).toBe(200);
    expect(data).toEqual({ error: null, data: 'a.b.c' });
    await admin.createProconfToken(PROCONF_BODY);
    expect(server.received.map((r) => r.headers['x-admin-key'])).toEqual([ADMIN_KEY, ADMIN_KEY]);
  });

  it("the admin raw client's defaults() copy sends the new headers", async () => {
    const server = await serve((_q, res) => sendJson(res, 200, { error: null, data: 'a.b.c' }));
    const admin = createProconfAdminClient({ baseUrl: server.url, headers: () => ({ 'x-admin-key': 'old-key-value' }) });
    await admin.defaults({ headers: () => ({ 'x-admin-key': ADMIN_KEY }) }).raw.POST('/api/proconf-token', { body: PROCONF_BODY });
    expect(server.received[0]!.headers['x-admin-key']).toBe(ADMIN_KEY);
  });

  it('a 4xx stays openapi-fetch { error, response }, never a throw', async () => {
    const server = await serve((_q, res) => sendJson(res, 422, { errors: [] }));
    const sw = createSignalWireClient({ baseUrl: server.url, projectId: 'p', apiToken: TOKEN });
    const { data, error, response } = await sw.raw.fabric.POST('/api/fabric/guests/tokens', { body: guestBody });
    expect(data).toBeUndefined();
    expect(error).toEqual({ errors: [] });
    expect(response.status).toBe(422);
  });
});

describe("createClientMiddleware on a user's own openapi-fetch client", () => {
  const own = (baseUrl: string, timeoutMs = 10_000, maxResponseBytes?: number) => {
    const client = createClient<FabricPaths & AdminPaths>({ baseUrl });
    client.use(createClientMiddleware({ headers: { authorization: `Bearer ${TOKEN}` }, timeoutMs, maxResponseBytes }));
    return client;
  };

  it('adds the headers and parses as openapi-fetch does', async () => {
    const server = await serve((_q, res) => sendJson(res, 201, tokenPair));
    const { data } = await own(server.url).POST('/api/fabric/guests/tokens', { body: guestBody });
    expect(data).toEqual(tokenPair);
    expect(server.received[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('never follows a redirect (the Location is not fetched)', async () => {
    const server = await serve((q, res) => {
      if (q.url === '/elsewhere') return sendJson(res, 201, tokenPair);
      res.writeHead(307, { location: '/elsewhere' }).end();
    });
    const { response } = await own(server.url).POST('/api/fabric/guests/tokens', { body: guestBody });
    expect(response.status).toBe(307);
    expect(server.received.map((r) => r.url)).toEqual(['/api/fabric/guests/tokens']);
  });

  it('a stalled answer is a TimeoutError at its deadline, scrubbed of the header it sent', { timeout: 30_000 }, async () => {
    const server = await track(rawServer(() => {}));
    const { error } = await outcome(own(server.url, 150).POST('/api/fabric/guests/tokens', { body: guestBody }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('a success body over the cap is a ResponseBodyError; a refused connection a NetworkError', async () => {
    const server = await serve((_q, res) => sendJson(res, 201, tokenPair));
    const { error } = await outcome(own(server.url, 10_000, 64).POST('/api/fabric/guests/tokens', { body: guestBody }));
    expect(error).toBeInstanceOf(ResponseBodyError);
    await server.close();
    const refused = await outcome(own(server.url).POST('/api/fabric/guests/tokens', { body: guestBody }));
    expect(refused.error).toBeInstanceOf(NetworkError);
    expect((refused.error as NetworkError).beforeSend).toBe(true);
  });
});

describe('a 429 on every client', () => {
  /** Records each wait instead of sleeping: the delay is exact and nothing waits on a clock. */
  const recorded = (extra: RetryOptions = {}) => {
    const delays: number[] = [];
    return { delays, retry: retryPolicy({ random: () => 0.5, sleep: async (ms) => void delays.push(ms), ...extra }) };
  };
  const tooMany = (after: number) => (_q: unknown, res: import('node:http').ServerResponse) =>
    sendJson(res, 429, { error: { code: 'rate_limited', message: 'Too many requests' } }, { 'retry-after': String(after) });

  it('is an HttpError with status 429 and retryAfterMs from Retry-After, the same on every client', async () => {
    const server = await serve(tooMany(7));
    for (const [name, call] of everyClient(server.url)) {
      const { error } = await outcome(call());
      expect(error, name).toBeInstanceOf(HttpError);
      expect((error as HttpError).status, name).toBe(429);
      expect((error as HttpError).retryAfterMs, name).toBe(7000);
      expect(JSON.parse(JSON.stringify(error)).retryAfterMs, name).toBe(7000);
    }
    // No retry policy: one request per call.
    expect(server.received).toHaveLength(4);
  });

  it('with retryPolicy() every client, browser clients included, waits Retry-After and tries again', async () => {
    const server = await serve((q, res, _r, i) => {
      if (i % 2 === 0) return tooMany(2)(q, res);
      if (q.url === '/api/fabric/guests/tokens') return sendJson(res, 201, tokenPair);
      if (q.url?.startsWith('/signalwire/')) return sendJson(res, 200, { token: 'tok', expire_at: 2_000_000_000 });
      return sendJson(res, 200, { error: null, data: 'a.b.c' });
    });
    const { delays, retry } = recorded();
    for (const [name, call] of everyClient(server.url, { retry })) {
      const { error } = await outcome(call());
      expect(error, name).toBeUndefined();
    }
    expect(delays).toEqual([2000, 2000, 2000, 2000]);
    expect(server.received).toHaveLength(8);
  });

  it('a per-call retry: false overrides the client policy on a browser client', async () => {
    const server = await serve(tooMany(1));
    const { delays, retry } = recorded();
    const app = createProconfAppClient({ baseUrl: server.url, retry });
    const { error } = await outcome(app.getProconfToken(PROCONF_BODY, { retry: false }));
    expect((error as HttpError).status).toBe(429);
    expect(delays).toEqual([]);
    expect(server.received).toHaveLength(1);
  });
});
