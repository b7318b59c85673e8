// Real limiters in the handlers' rate-limit stage, on 127.0.0.1: a caller
// past its budget gets the documented 429 (the API's own envelope, a
// Retry-After the spec allows, exact) and never reaches the upstream;
// callers are counted apart, and anonymous guests per client address
// (requests really sent from 127.0.0.2 and 127.0.0.3, keyed by the socket's
// peer address that toNodeListener records).
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryRateLimiter, createProconfTokenHandler, toNodeListener, type RequestLogEntry } from '../../src/server/index.ts';
import { upstreamRetryAfterSeconds } from '../../src/server/rate-limit.ts';
import { serve, type Served } from '../support/local-server.ts';
import { responseExamples, responseSchemaErrors } from '../support/spec-schemas.ts';
import { authorizeFromTable, mintingAdminUrl } from './serve.ts';
import { GUEST_PATH, startFakeSignalWire, type FakeSignalWire } from './signalwire-app/fake-signalwire.ts';
import { serveSignalWireHandlers } from './signalwire-app/serve-handlers.ts';

const ADDRESS = 'a46e1381-21cf-46c9-bfed-576eb3b96370';
const ALICE = 'Bearer alice-session-7f3a9c';
const BOB = 'Bearer bob-session-19d2e0';

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: any;
}

/** A POST over real HTTP from a chosen loopback address. */
function post(url: string, path: string, body: unknown, from: string, authorization?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, url);
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], body: JSON.parse(text) }));
      },
    );
    req.once('error', reject);
    req.end(JSON.stringify(body));
  });
}

const clock = { t: 1_800_000_000_000, now: () => clock.t };

describe('SignalWire guest endpoint with rateLimit: 3 per minute', () => {
  let upstream: FakeSignalWire;
  let app: Awaited<ReturnType<typeof serveSignalWireHandlers>>;
  beforeAll(async () => {
    upstream = await startFakeSignalWire();
    const rateLimit = createMemoryRateLimiter({ points: 3, durationSeconds: 60, now: clock.now });
    app = await serveSignalWireHandlers(upstream.url, { guestPolicy: () => [ADDRESS], rateLimit });
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.close();
  });
  const guest = (from: string, authorization?: string) => post(app.url, '/signalwire/tokens/guest', { allowed_addresses: [ADDRESS] }, from, authorization);

  it('an anonymous address past its budget: 429 rate_limited with Retry-After, and no upstream call', async () => {
    const before = upstream.count(GUEST_PATH);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await guest('127.0.0.2'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(upstream.count(GUEST_PATH) - before).toBe(3);
    const refused = answers[3]!;
    expect(refused.body).toEqual(responseExamples('signalwire-app', '/signalwire/tokens/guest', 429).rate_limited);
    expect(refused.retryAfter).toBe('20');
    expect(app.logs.at(-1)).toMatchObject({ status: 429, outcome: 'rate-limited', rateLimit: 'limited' });
    expect(responseSchemaErrors('signalwire-app', '/signalwire/tokens/guest', 429, refused.body)).toBe('');
  });

  it('another address, and a signed-in caller on the same address, each have their own budget', async () => {
    expect((await guest('127.0.0.3')).status).toBe(200);
    const alice = [];
    for (let i = 0; i < 4; i++) alice.push((await guest('127.0.0.2', ALICE)).status);
    expect(alice).toEqual([200, 200, 200, 429]);
    expect((await guest('127.0.0.2', BOB)).status).toBe(200);
    expect((await guest('127.0.0.2')).status).toBe(429);
  });

  it('after Retry-After the caller gets in again', async () => {
    clock.t += 20_000;
    expect((await guest('127.0.0.2')).status).toBe(200);
    expect((await guest('127.0.0.2')).status).toBe(429);
  });
});

describe('ProCONF /proconfToken with rateLimit: 2 per 10 s', () => {
  let limitedServer: Served;
  let adminCalls = 0;
  const logs: RequestLogEntry[] = [];
  beforeAll(async () => {
    const handler = createProconfTokenHandler({
      admin: {
        baseUrl: await mintingAdminUrl(),
        fetch: (request: Request, init?: RequestInit) => {
          adminCalls++;
          return globalThis.fetch(request, init);
        },
      },
      authorize: authorizeFromTable,
      logger: (entry) => logs.push(entry),
      rateLimit: createMemoryRateLimiter({ points: 2, durationSeconds: 10, now: clock.now }),
    });
    limitedServer = await serve(toNodeListener(handler));
  });
  afterAll(async () => {
    await limitedServer?.close();
  });

  it('a caller past its budget: 429 in the {data, error} envelope with Retry-After; the admin backend is not called', async () => {
    const body = { role: 'member', room: 'standup', participantName: 'Priya' };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await post(limitedServer.url, '/proconfToken', body, '127.0.0.1', ALICE));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(adminCalls).toBe(2);
    expect(answers[2]!.body).toEqual({ data: null, error: { code: 429, message: 'Too many requests.' } });
    expect(answers[2]!.retryAfter).toBe('5');
    expect(responseSchemaErrors('proconf-app', '/proconfToken', 429, answers[2]!.body)).toBe('');
    expect(logs.at(-1)).toMatchObject({ status: 429, outcome: 'rate-limited' });
  });
});

describe('an upstream 429 (openapi/README.md, row A13)', () => {
  let retryAfter: string | undefined;
  let provider: Served;
  beforeAll(async () => {
    // SignalWire's and the admin backend's rate limit, as a real server answers it.
    provider = await serve((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', ...(retryAfter && { 'retry-after': retryAfter }) });
      res.end('{"errors":[{"type":"rate_limit","code":"rate_limit_exceeded","message":"slow down","url":"https://signalwire.com/docs"}]}');
    });
  });
  afterAll(() => provider?.close());

  it("SignalWire's 429 is the app's 429 rate_limited with the provider's Retry-After (or 10 s), nothing of its body", async () => {
    const app = await serveSignalWireHandlers(provider.url, { guestPolicy: () => [ADDRESS] });
    try {
      retryAfter = '30';
      const answer = await post(app.url, '/signalwire/tokens/guest', { allowed_addresses: [ADDRESS] }, '127.0.0.1');
      expect([answer.status, answer.retryAfter, answer.body]).toEqual([
        429,
        '30',
        responseExamples('signalwire-app', '/signalwire/tokens/guest', 429).rate_limited,
      ]);
      expect(app.logs.at(-1)).toMatchObject({ status: 429, outcome: 'rate-limited', upstream: 'http 429' });
      retryAfter = undefined;
      const bare = await post(app.url, '/signalwire/tokens/guest', { allowed_addresses: [ADDRESS] }, '127.0.0.1', ALICE);
      expect([bare.status, bare.retryAfter]).toEqual([429, '10']);
    } finally {
      await app.close();
    }
  });

  it("the admin backend's 429 is the ProCONF 429 envelope, its Retry-After capped at 60 s", async () => {
    const handler = createProconfTokenHandler({ admin: { baseUrl: provider.url }, authorize: authorizeFromTable, logger: false });
    const app = await serve(toNodeListener(handler));
    try {
      retryAfter = '86400';
      const answer = await post(app.url, '/proconfToken', { role: 'member', room: 'standup', participantName: 'Priya' }, '127.0.0.1', ALICE);
      expect([answer.status, answer.retryAfter, answer.body]).toEqual([429, '60', { data: null, error: { code: 429, message: 'Too many requests.' } }]);
    } finally {
      await app.close();
    }
  });
});

describe('the Retry-After passed on for an upstream 429', () => {
  it("passes on the provider's Retry-After in whole seconds, at least 1, at most 60; 10 when it sent none", () => {
    expect(upstreamRetryAfterSeconds(undefined)).toBe(10);
    expect(upstreamRetryAfterSeconds(0)).toBe(1);
    expect(upstreamRetryAfterSeconds(1_200)).toBe(2);
    expect(upstreamRetryAfterSeconds(30_000)).toBe(30);
    expect(upstreamRetryAfterSeconds(86_400_000)).toBe(60);
    expect(upstreamRetryAfterSeconds(Number.NaN)).toBe(10);
  });
});
