// A rate limit in front of the real token handlers on 127.0.0.1: a caller
// past its budget gets the documented 429 (the API's own envelope, a
// Retry-After the spec allows) and never reaches the upstream; callers are
// counted apart, and anonymous guests per client address (requests really
// sent from 127.0.0.2 and 127.0.0.3). The limit sits in a minimal wrapper
// here: the handlers' own "limit" stage (the handler pipeline) replaces it.
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryRateLimiter,
  createProconfTokenHandler,
  sendWebResponse,
  toWebRequest,
  type RateLimiter,
  type WebHandler,
} from '../../src/server/index.ts';
import { operationFacts } from '../../generated/operation-facts.ts';
import { errorResponse, jsonResponse } from '../../src/server/envelope.ts';
import { upstreamRetryAfterSeconds, withRetryAfter } from '../../src/server/rate-limit.ts';
import { serve, type Served } from '../support/local-server.ts';
import { responseSchemaErrors } from '../support/spec-schemas.ts';
import { adminBackend } from './admin-backend.ts';
import { authorizeFromTable } from './serve.ts';
import { GUEST_PATH, startFakeSignalWire, type FakeSignalWire } from './signalwire-app/fake-signalwire.ts';
import { serveSignalWireHandlers } from './signalwire-app/serve-handlers.ts';

const ADDRESS = 'a46e1381-21cf-46c9-bfed-576eb3b96370';
const ALICE = 'Bearer alice-session-7f3a9c';
const BOB = 'Bearer bob-session-19d2e0';

/** The limit stage in miniature: per caller when `callerOf` names one, else per client address. */
function limited(handler: WebHandler, limiter: RateLimiter, callerOf: (request: Request) => string | undefined, tooMany: () => Response) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const request = toWebRequest(req);
    const caller = callerOf(request);
    const key = caller ? `caller:${caller}` : `address:${req.socket.remoteAddress}`;
    void limiter
      .consume(key)
      .then((decision) => (decision.allowed ? handler(request) : withRetryAfter(tooMany(), decision.retryAfterSeconds)))
      .then((response) => sendWebResponse(res, response));
  };
}

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

describe('SignalWire guest endpoint behind a limit (3 per minute)', () => {
  let upstream: FakeSignalWire;
  let app: Awaited<ReturnType<typeof serveSignalWireHandlers>>;
  let limitedServer: Served;
  beforeAll(async () => {
    upstream = await startFakeSignalWire();
    app = await serveSignalWireHandlers(upstream.url, { guestPolicy: () => [ADDRESS] });
    const limiter = createMemoryRateLimiter({ points: 3, durationSeconds: 60, now: clock.now });
    const callerOf = (request: Request) => ({ [ALICE]: 'alice', [BOB]: 'bob' })[request.headers.get('authorization') ?? ''];
    limitedServer = await serve(limited(app.handler, limiter, callerOf, () => jsonResponse(429, operationFacts.issue_guest_token.errorBodies['429'])));
  });
  afterAll(async () => {
    await limitedServer?.close();
    await app?.close();
    await upstream?.close();
  });
  const guest = (from: string, authorization?: string) =>
    post(limitedServer.url, '/signalwire/tokens/guest', { allowed_addresses: [ADDRESS] }, from, authorization);

  it('an anonymous address past its budget: 429 rate_limited with Retry-After, and no upstream call', async () => {
    const before = upstream.count(GUEST_PATH);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await guest('127.0.0.2'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(upstream.count(GUEST_PATH) - before).toBe(3);
    const refused = answers[3]!;
    expect(refused.body).toEqual({ error: { code: 'rate_limited', message: 'Too many requests.' } });
    expect(refused.retryAfter).toBe('20');
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

describe('ProCONF /proconfToken behind a limit (2 per 10 s)', () => {
  let admin: Served;
  let limitedServer: Served;
  let adminCalls = 0;
  beforeAll(async () => {
    admin = await adminBackend();
    const handler = createProconfTokenHandler({
      adminBaseUrl: admin.url,
      authorize: authorizeFromTable,
      fetch: (request: Request, init?: RequestInit) => {
        adminCalls++;
        return globalThis.fetch(request, init);
      },
      logger: false,
    });
    const limiter = createMemoryRateLimiter({ points: 2, durationSeconds: 10, now: clock.now });
    limitedServer = await serve(
      limited(
        handler,
        limiter,
        (request) => authorizeFromTable(request)?.id,
        () => errorResponse(429),
      ),
    );
  });
  afterAll(async () => {
    await limitedServer?.close();
    await admin?.close();
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
  });
});

describe('the answer to an upstream 429 (openapi/README.md, row A13)', () => {
  it("passes on the provider's Retry-After in whole seconds, at least 1, at most 60; 10 when it sent none", () => {
    expect(upstreamRetryAfterSeconds(undefined)).toBe(10);
    expect(upstreamRetryAfterSeconds(0)).toBe(1);
    expect(upstreamRetryAfterSeconds(1_200)).toBe(2);
    expect(upstreamRetryAfterSeconds(30_000)).toBe(30);
    expect(upstreamRetryAfterSeconds(86_400_000)).toBe(60);
    expect(upstreamRetryAfterSeconds(Number.NaN)).toBe(10);
  });
});
