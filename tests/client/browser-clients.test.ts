// The browser clients on the one call path (src/core/call.ts), run for both
// of them over real HTTP on 127.0.0.1: the credentials provider under the
// call's deadline and signal, defaults() giving a new immutable client, the
// size cap, redirects, request ids, scrubbing, validation and config checks.
import { afterEach, describe, expect, it } from 'vitest';
import {
  AbortError,
  ConfigError,
  createProconfAppClient,
  HttpError,
  isOperationError,
  isProconfAppError,
  NetworkError,
  ProviderError,
  RequestValidationError,
  ResponseBodyError,
  TimeoutError,
} from '../../src/proconf/index.ts';
import { createSignalWireAppClient, isSignalWireAppError } from '../../src/signalwire-app/index.ts';
import { proconfValidation, signalWireAppValidation } from '../../src/validation/index.ts';
import type { AppClientOptions } from '../../src/core/app-client.ts';
import { closeServers, freePort, recordingServer, type Handler } from '../support/local-server.ts';
import { sendJson } from './support/answers.ts';
import { outcome } from './support/outcome.ts';

const track = closeServers(afterEach);
const serve = (handler: Handler) => track(recordingServer(handler));

const FP = 'Qk9CLWRldmljZS1maW5nZXJwcmludC0xMjM0NTY3ODk';
const BEARER = 'bearer-canary+/=&"5d1c';
/** Generous: only the cases that wait for a deadline use a short one, and there nothing else can happen. */
const TIMEOUT_MS = 10_000;

interface BrowserClient {
  name: string;
  operationId: string;
  path: string;
  success: unknown;
  validation: AppClientOptions['validation'];
  /** Calls the client's one operation under test (a valid body unless `body` is given). */
  call(options: AppClientOptions, callOptions?: object, body?: unknown): Promise<unknown>;
  /** The client's defaults(), calling the same operation on the copy. */
  defaults(options: AppClientOptions, overrides: AppClientOptions): { original: () => Promise<unknown>; copy: () => Promise<unknown>; frozen: boolean };
  isError(error: unknown): boolean;
}

const proconf: BrowserClient = {
  name: 'createProconfAppClient',
  operationId: 'get_proconf_token',
  path: '/proconfToken',
  success: { error: null, data: 'a.b.c' },
  validation: proconfValidation(),
  call: (options, callOptions, body) =>
    createProconfAppClient(options).getProconfToken((body ?? { role: 'member', room: 'r', participantName: 'p' }) as never, callOptions),
  defaults(options, overrides) {
    const client = createProconfAppClient(options);
    const copy = client.defaults(overrides);
    const body = { role: 'member', room: 'r', participantName: 'p' };
    return { original: () => client.getProconfToken(body), copy: () => copy.getProconfToken(body), frozen: Object.isFrozen(client) && Object.isFrozen(copy) };
  },
  isError: (error) => isProconfAppError(error, 'get_proconf_token') && isOperationError(error, 'get_proconf_token'),
};

const signalwireApp: BrowserClient = {
  name: 'createSignalWireAppClient',
  operationId: 'issue_subscriber_token',
  path: '/signalwire/tokens/subscriber',
  success: { token: 'a.b.c.d.e', expire_at: 1_900_000_000 },
  validation: signalWireAppValidation(),
  call: (options, callOptions, body) => createSignalWireAppClient(options).issueSubscriberToken((body ?? { fingerprint: FP }) as never, callOptions),
  defaults(options, overrides) {
    const client = createSignalWireAppClient(options);
    const copy = client.defaults(overrides);
    return {
      original: () => client.issueSubscriberToken({ fingerprint: FP }),
      copy: () => copy.issueSubscriberToken({ fingerprint: FP }),
      frozen: Object.isFrozen(client) && Object.isFrozen(copy),
    };
  },
  isError: (error) => isSignalWireAppError(error, 'issue_subscriber_token') && isOperationError(error, 'issue_subscriber_token'),
};

for (const client of [proconf, signalwireApp]) {
  describe(`${client.name}: the credentials provider runs under the call's deadline`, () => {
    it('a provider that never settles ends in a TimeoutError naming the operation; nothing is sent', async () => {
      const server = await serve((_q, res) => sendJson(res, 200, client.success));
      const { error } = await outcome(client.call({ baseUrl: server.url, timeoutMs: 150, credentials: () => new Promise<string>(() => {}) }));
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).operationId).toBe(client.operationId);
      expect((error as TimeoutError).timeoutMs).toBe(150);
      expect(server.received).toHaveLength(0);
    });

    it('the per-call timeoutMs covers the provider too', async () => {
      const server = await serve((_q, res) => sendJson(res, 200, client.success));
      const { error } = await outcome(
        client.call({ baseUrl: server.url, timeoutMs: TIMEOUT_MS, credentials: () => new Promise<string>(() => {}) }, { timeoutMs: 120 }),
      );
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).timeoutMs).toBe(120);
      expect(server.received).toHaveLength(0);
    });

    it("the caller's abort while the provider waits is an AbortError naming the operation; nothing is sent", async () => {
      const server = await serve((_q, res) => sendJson(res, 200, client.success));
      const controller = new AbortController();
      const credentials = () =>
        new Promise<string>(() => {
          // The provider is running (and will never settle) when the caller gives up.
          queueMicrotask(() => controller.abort());
        });
      const { error } = await outcome(client.call({ baseUrl: server.url, timeoutMs: TIMEOUT_MS, credentials }, { signal: controller.signal }));
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).operationId).toBe(client.operationId);
      expect(server.received).toHaveLength(0);
    });

    it("a provider that throws is a ProviderError that never carries the provider's message", async () => {
      const server = await serve((_q, res) => sendJson(res, 200, client.success));
      const { error } = await outcome(
        client.call({
          baseUrl: server.url,
          credentials: () => {
            throw new Error(`session refresh failed for ${BEARER}`);
          },
        }),
      );
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).operationId).toBe(client.operationId);
      const cause = (error as ProviderError).cause as Error;
      expect(cause.message).toBe('the provider threw Error; its message is withheld because it may hold a credential');
      for (const text of [(error as Error).message, JSON.stringify(error), cause.message, String(cause.stack)]) expect(text).not.toContain(BEARER);
      expect(server.received).toHaveLength(0);
    });

    it('the credential a provider gives is sent as a Bearer header, with the per-call headers', async () => {
      const server = await serve((_q, res) => sendJson(res, 200, client.success));
      const result = await client.call({ baseUrl: server.url, credentials: async () => BEARER }, { headers: { 'x-trace': 't-1' } });
      expect(result).toEqual(client.success);
      expect(server.received[0]!.headers.authorization).toBe(`Bearer ${BEARER}`);
      expect(server.received[0]!.headers['x-trace']).toBe('t-1');
      expect(server.received[0]!.url).toBe(client.path);
    });
  });

  describe(`${client.name}: defaults()`, () => {
    it('returns a new frozen client with the overrides; the original and the options object stay as they were', async () => {
      const first = await serve((_q, res) => sendJson(res, 200, client.success));
      const second = await serve((_q, res) => sendJson(res, 200, client.success));
      const options: AppClientOptions = { baseUrl: first.url, credentials: () => 'first-session' };
      const { original, copy, frozen } = client.defaults(options, { baseUrl: second.url, credentials: () => 'second-session' });
      // Changing the caller's object afterwards changes neither client.
      options.baseUrl = 'http://127.0.0.1:9';
      await copy();
      await original();
      expect(frozen).toBe(true);
      expect(first.received.map((r) => r.headers.authorization)).toEqual(['Bearer first-session']);
      expect(second.received.map((r) => r.headers.authorization)).toEqual(['Bearer second-session']);
    });

    it('checks the merged options like a new client: a bad override is a ConfigError', async () => {
      const server = await serve((_q, res) => sendJson(res, 200, client.success));
      expect(() => client.defaults({ baseUrl: server.url }, { timeoutMs: -1 })).toThrow(ConfigError);
    });
  });

  describe(`${client.name}: every outcome a browser caller can meet`, () => {
    it('a redirect is never followed: HttpError "redirect (not followed)", the credential never reaches the other server', async () => {
      const other = await serve((_q, res) => sendJson(res, 200, client.success));
      const first = await serve((_q, res) => res.writeHead(307, { location: `${other.url}${client.path}` }).end());
      const { error } = await outcome(client.call({ baseUrl: first.url, credentials: () => BEARER }));
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(307);
      expect((error as Error).message).toContain('redirect (not followed)');
      expect(other.received).toHaveLength(0);
    });

    it('a success body over maxResponseBytes is a ResponseBodyError; an error body over it is cut and scrubbed', async () => {
      const big = await serve((_q, res) => sendJson(res, 200, { ...(client.success as object), pad: 'x'.repeat(4096) }));
      const { error } = await outcome(client.call({ baseUrl: big.url, maxResponseBytes: 1024 }));
      expect(error).toBeInstanceOf(ResponseBodyError);
      expect((error as Error).message).toContain('larger than 1024 bytes');
      const cut = await serve((req, res) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`${'x'.repeat(1024 - 6)}${req.headers.authorization}`));
      const { error: httpError } = await outcome(client.call({ baseUrl: cut.url, maxResponseBytes: 1024, credentials: () => BEARER }));
      expect(httpError).toBeInstanceOf(HttpError);
      expect((httpError as HttpError).status).toBe(502);
      expect(String((httpError as HttpError).body)).toMatch(/x\[REDACTED\]$/);
      expect(JSON.stringify(httpError)).not.toContain(BEARER.slice(0, 6));
    });

    it('an echoed credential is scrubbed from the body, the status text and the request id; the guards narrow the error', async () => {
      const server = await serve((req, res) => {
        const echo = String(req.headers.authorization).replace(/[^\x20-\x7e]/g, '?');
        res.writeHead(401, echo, { 'content-type': 'application/json', 'x-request-id': `req-${echo}` });
        res.end(JSON.stringify({ error: { code: 401, message: `bad ${req.headers.authorization}` }, echoed: encodeURIComponent(BEARER) }));
      });
      const { error } = await outcome(client.call({ baseUrl: server.url, credentials: () => BEARER }));
      expect(client.isError(error)).toBe(true);
      expect((error as HttpError).requestId).toBe('req-[REDACTED]');
      for (const form of [BEARER, encodeURIComponent(BEARER)]) expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain(form);
      expect(JSON.stringify((error as HttpError).body)).toContain('[REDACTED]');
    });

    it('a closed port is a NetworkError naming the operation', async () => {
      const { error } = await outcome(client.call({ baseUrl: `http://127.0.0.1:${await freePort()}` }));
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).operationId).toBe(client.operationId);
    });

    it('with validation, an invalid request is a RequestValidationError and nothing is sent', async () => {
      const server = await serve((_q, res) => sendJson(res, 200, client.success));
      const { error } = await outcome(client.call({ baseUrl: server.url, validation: client.validation }, {}, { nope: 1 }));
      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as RequestValidationError).operationId).toBe(client.operationId);
      expect(server.received).toHaveLength(0);
    });

    it('a header value HTTP cannot carry is named by its header, never shown, and nothing is sent', async () => {
      const server = await serve((_q, res) => sendJson(res, 200, client.success));
      const { error } = await outcome(client.call({ baseUrl: server.url, credentials: () => `${BEARER}\nx` }));
      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as Error).message).toContain('header Authorization');
      expect(JSON.stringify(error)).not.toContain(BEARER);
      expect(server.received).toHaveLength(0);
    });

    it('bad options are ConfigErrors that say what to fix', () => {
      const base = 'https://app.acme.test';
      const cases: [AppClientOptions, RegExp][] = [
        [{ baseUrl: base, timeoutMs: 0 }, /timeoutMs must be a positive number of milliseconds/],
        [{ baseUrl: base, maxResponseBytes: 1.5 }, /maxResponseBytes must be a positive whole number of bytes/],
        [{ baseUrl: base, fetch: 'fetch' as never }, /fetch must be a function/],
        [{ baseUrl: base, validation: { request: 1 } as never }, /validation must come from rtc-token-apis\/validation/],
        [{ baseUrl: base, credentials: 'token' as never }, /credentials must be a function/],
        [{ baseUrl: 'http://app.acme.test', credentials: () => 't' }, /plain http/],
      ];
      for (const [options, message] of cases) expect(() => client.call(options)).toThrow(message);
    });
  });
}
