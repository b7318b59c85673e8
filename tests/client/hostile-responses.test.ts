// Hostile responses, each from a real local server. Every case must end in a
// typed error (or a correct result) within the timeout: no hang, no
// unhandled rejection, no unbounded buffering.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { createSignalWireClient, HttpError, NetworkError, ResponseBodyError, RtcApiError, TimeoutError } from '../../src/signalwire/index.ts';
import { createProconfAppClient } from '../../src/proconf/index.ts';
import { signalWireValidation } from '../../src/validation/index.ts';
import { closeServers, rawServer, recordingServer, type Handler } from '../support/local-server.ts';
import { reply, sendJson } from './support/answers.ts';
import { outcome } from './support/outcome.ts';
import { guestBody, tokenPair } from './support/fixtures.ts';

const TIMEOUT_MS = 1000;
const CAP = 64 * 1024;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

const track = closeServers(afterEach);
const serve = (handler: Handler) => track(recordingServer(handler));
const serveRaw = (onRequest: (socket: Socket) => void) => track(rawServer(onRequest));

function client(url: string, extra: { validation?: ReturnType<typeof signalWireValidation>; timeoutMs?: number } = {}) {
  return createSignalWireClient({ baseUrl: url, projectId: 'p', apiToken: 'hostile-test-token', timeoutMs: TIMEOUT_MS, maxResponseBytes: CAP, ...extra });
}
/** Stalls are cut by a shorter timeout, so the suite stays fast. */
const STALL_MS = 200;

/** Runs one call and checks the shared contract: a typed error naming the operation, inside the timeout. */
async function fails(url: string, extra?: Parameters<typeof client>[1]) {
  const { error, ms } = await outcome(client(url, extra).createSubscriberGuestToken(guestBody));
  expect(error).toBeInstanceOf(RtcApiError);
  expect((error as RtcApiError).operationId).toBe('create_subscriber_guest_token');
  expect(ms).toBeLessThan((extra?.timeoutMs ?? TIMEOUT_MS) + 500);
  return error as RtcApiError;
}

/** Writes a body forever (respecting backpressure) until the client hangs up; reports bytes written. */
function endless(status: number, headers: Record<string, string> = {}) {
  const state = { written: 0, closed: false };
  const handler: Handler = (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    res.socket?.on('close', () => {
      state.closed = true;
    });
    const pump = () => {
      while (!state.closed && res.write(chunk)) state.written += chunk.length;
      if (!state.closed) res.once('drain', pump);
    };
    res.write('{"token":"');
    pump();
  };
  return { state, handler };
}

describe('bodies that are not what they claim', () => {
  it('an HTML 502 from a proxy -> HttpError 502, undocumented, with the text', async () => {
    const server = await serve(reply(502, { 'content-type': 'text/html' }, '<html><body><h1>502 Bad Gateway</h1></body></html>'));
    const error = await fails(server.url);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(502);
    expect((error as HttpError).documented).toBe(false);
    expect(String((error as HttpError).body)).toContain('502 Bad Gateway');
  });

  it.each([
    [
      'JSON truncated mid-body (a complete chunked response)',
      { 'content-type': 'application/json' },
      '{"token":"eyJhbGciOiJkaXIifQ..a.b.c","refresh_tok',
      'not valid JSON (application/json)',
    ],
    ['an empty 2xx (never undefined)', { 'content-type': 'application/json', 'content-length': '0' }, '', 'empty body'],
    [
      'a content-type that claims JSON over an HTML body',
      { 'content-type': 'application/json; charset=utf-8' },
      '<!doctype html><title>Login</title>',
      'not valid JSON (application/json; charset=utf-8)',
    ],
  ])('%s -> ResponseBodyError saying why', async (_name, headers, text, reason) => {
    const server = await serve(reply(201, headers as Record<string, string>, text));
    const error = await fails(server.url);
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect(error.message).toContain(reason);
  });

  it('JSON cut short of its Content-Length, connection closed -> NetworkError after the response began', async () => {
    const server = await serve((_q, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': '400' });
      res.write('{"token":"eyJhbGciOiJkaXIifQ..a.b.c",');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await fails(server.url);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).beforeSend).toBe(false);
    expect(error.message).toContain('connection lost mid-body');
  });

  it('a content-type that understates a valid JSON body -> the correct result', async () => {
    const server = await serve(reply(201, { 'content-type': 'text/plain' }, JSON.stringify(tokenPair)));
    expect(await client(server.url).createSubscriberGuestToken(guestBody)).toEqual(tokenPair);
  });

  it('a 2xx lacking required fields, with response validation on -> ResponseBodyError with operation and pointer', async () => {
    const server = await serve((_q, res) => sendJson(res, 201, { token: tokenPair.token }));
    const error = await fails(server.url, { validation: signalWireValidation({ response: true }) });
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect((error as ResponseBodyError).pointer).toBe('/refresh_token');
    expect(error.message).toBe(
      'create_subscriber_guest_token: unusable response body (HTTP 201): does not match the spec at /refresh_token: refresh_token: is required',
    );
    // Without validation the same body is handed back unchecked: validation is what catches it.
    expect(await client(server.url).createSubscriberGuestToken(guestBody)).toEqual({ token: tokenPair.token });
  });

  it('a 2xx with the wrong type, with response validation on -> pointer to the field', async () => {
    const server = await serve((_q, res) => sendJson(res, 201, { token: 42, refresh_token: 'x' }));
    const error = await fails(server.url, { validation: signalWireValidation({ response: true }) });
    expect((error as ResponseBodyError).pointer).toBe('/token');
    expect(error.message).toContain('token: must be string, got integer');
  });
});

/** A response that declares a Content-Length a hundred times the cap, then sends a first chunk. */
const declaresOverCap =
  (status: number, type: string, first: string): Handler =>
  (_q, res) => {
    res.writeHead(status, { 'content-type': type, 'content-length': String(CAP * 100) });
    res.write(first);
  };

describe('oversized or stalled responses', () => {
  it('an endless 2xx body -> ResponseBodyError at the cap; the client hangs up instead of buffering', async () => {
    const { state, handler } = endless(201);
    const server = await serve(handler);
    const error = await fails(server.url);
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect(error.message).toContain(`larger than ${CAP} bytes`);
    await expect.poll(() => state.closed, { timeout: 1000 }).toBe(true);
    // The server could only push what fits in socket buffers before the client hung up.
    expect(state.written).toBeLessThan(64 * 1024 * 1024);
  });

  it('an endless error body -> the HttpError keeps its status, with the body cut at the cap', async () => {
    const { state, handler } = endless(503);
    const server = await serve(handler);
    const error = await fails(server.url);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(503);
    expect(String((error as HttpError).body).length).toBeLessThanOrEqual(CAP);
    await expect.poll(() => state.closed, { timeout: 1000 }).toBe(true);
  });

  it('an error body declared over the cap is not read, and the HttpError keeps its status', async () => {
    const server = await serve(declaresOverCap(500, 'text/html', '<html>'));
    const error = await fails(server.url);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(500);
    expect((error as HttpError).body).toBeUndefined();
  });

  it('a declared Content-Length over the cap is refused before reading', async () => {
    const server = await serve(declaresOverCap(201, 'application/json', '{'));
    const error = await fails(server.url);
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect(error.message).toContain(`larger than ${CAP} bytes`);
  });

  it('headers that never finish -> TimeoutError at the timeout', async () => {
    const server = await serveRaw((socket) => socket.write('HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Slow: '));
    const error = await fails(server.url, { timeoutMs: STALL_MS });
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(STALL_MS);
  });

  it('a body that stalls after the headers -> TimeoutError, not a hang', async () => {
    const server = await serve((_q, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.write('{"token":');
    });
    expect(await fails(server.url, { timeoutMs: STALL_MS })).toBeInstanceOf(TimeoutError);
  });
});

describe('connection reset mid-body', () => {
  it('a TCP reset after part of the body -> NetworkError, not before-send', async () => {
    const server = await serveRaw((socket) => {
      socket.write('HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 300\r\n\r\n{"token":"abc');
      setTimeout(() => socket.resetAndDestroy(), 20);
    });
    const error = await fails(server.url);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).beforeSend).toBe(false);
  });
});

describe('a redirect to another origin', () => {
  async function twoServers(status: number) {
    const other = await serve((_q, res) => sendJson(res, 201, tokenPair));
    const first = await serve((_q, res) => {
      res.writeHead(status, { location: `${other.url}/api/fabric/guests/tokens` });
      res.end();
    });
    return { first, other };
  }

  it.each([301, 302, 303, 307, 308])('HTTP %i: not followed; the Authorization never reaches the second server', async (status) => {
    const { first, other } = await twoServers(status);
    const error = await fails(first.url);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(status);
    expect(error.message).toContain('redirect (not followed)');
    expect(first.received[0]!.headers.authorization).toMatch(/^Basic /);
    expect(other.received).toHaveLength(0);
  });

  it('the ProCONF bearer credential does not follow a redirect either', async () => {
    const { first, other } = await twoServers(307);
    const app = createProconfAppClient({ baseUrl: first.url, credentials: () => 'bearer-for-redirect-test', timeoutMs: TIMEOUT_MS });
    const { error } = await outcome(app.getProconfToken({ role: 'owner', room: 'r', participantName: 'p' }));
    expect((error as HttpError).status).toBe(307);
    expect(first.received[0]!.headers.authorization).toBe('Bearer bearer-for-redirect-test');
    expect(other.received).toHaveLength(0);
  });
});
