// Retries against a real node:http server that counts what it receives: a
// POST is repeated only when the server cannot have acted on it.
import { afterEach, describe, expect, it } from 'vitest';
import { createSignalWireClient, HttpError, NetworkError, TimeoutError, AbortError, ConfigError } from '../../src/signalwire/index.ts';
import { backoffDelay, resolveRetry, retryPolicy, type RetryOptions } from '../../src/core/retry.ts';
import { parseRetryAfter } from '../../src/core/response-body.ts';
import { closeServers, freePort, recordingServer, type RecordingServer } from '../support/local-server.ts';
import { sendJson } from './support/answers.ts';
import { outcome } from './support/outcome.ts';
import { guestBody, tokenPair } from './support/fixtures.ts';

const track = closeServers(afterEach);

/** Records each wait instead of sleeping, so the suite stays fast and the delays are exact. */
function recordedRetry(extra: RetryOptions = {}) {
  const delays: number[] = [];
  const retry: RetryOptions = { random: () => 0.5, sleep: async (ms) => void delays.push(ms), ...extra };
  return { delays, retry };
}

function clientFor(url: string, retry: RetryOptions | undefined, timeoutMs = 2000) {
  return createSignalWireClient({ baseUrl: url, projectId: 'p', apiToken: 'retry-test-token', retry: retry && retryPolicy(retry), timeoutMs });
}

/** A server answering with `statuses` in turn (then 201 with a token pair). */
async function scripted(statuses: (number | [number, Record<string, string>])[]) {
  const server = await recordingServer((_req, res, _r, i) => {
    const step = statuses[i];
    if (step === undefined) return sendJson(res, 201, tokenPair);
    const [status, headers] = Array.isArray(step) ? step : [step, {}];
    sendJson(res, status, { error: 'Service Unavailable' }, headers);
  });
  await track(server);
  return server;
}

describe('retries are opt-in', () => {
  it('without the option, a 503 is returned after exactly one request', async () => {
    const server = await scripted([503]);
    const { error } = await outcome(clientFor(server.url, undefined).createSubscriberGuestToken(guestBody));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(503);
    expect(server.received).toHaveLength(1);
  });

  it('a per-call retry: false overrides the client option', async () => {
    const server = await scripted([503]);
    const { retry } = recordedRetry();
    await outcome(clientFor(server.url, retry).createSubscriberGuestToken(guestBody, { retry: false }));
    expect(server.received).toHaveLength(1);
  });

  it('rejects nonsensical settings at construction', () => {
    expect(() => clientFor('http://127.0.0.1:1', { maxAttempts: 0 })).toThrow(ConfigError);
    expect(() => clientFor('http://127.0.0.1:1', { maxAttempts: 11 })).toThrow(/1 to 10/);
    expect(() => clientFor('http://127.0.0.1:1', { baseDelayMs: -1 })).toThrow(ConfigError);
    expect(() => clientFor('http://127.0.0.1:1', 'yes' as never)).toThrow(ConfigError);
  });
});

describe('what is retried', () => {
  it('429 then 503 then success: three requests, the result returned', async () => {
    const server = await scripted([429, 503]);
    const { delays, retry } = recordedRetry({ maxAttempts: 3 });
    const result = await clientFor(server.url, retry).createSubscriberGuestToken(guestBody);
    expect(result).toEqual(tokenPair);
    expect(server.received).toHaveLength(3);
    expect(delays).toHaveLength(2);
    // Every retry carries the same request.
    expect(new Set(server.received.map((r) => r.body)).size).toBe(1);
  });

  it.each([400, 401, 404, 422, 500, 502, 504])('HTTP %i is never retried (the server may have acted)', async (status) => {
    const server = await scripted([status]);
    const { delays, retry } = recordedRetry({ maxAttempts: 5 });
    const { error } = await outcome(clientFor(server.url, retry).createSubscriberGuestToken(guestBody));
    expect((error as HttpError).status).toBe(status);
    expect(server.received).toHaveLength(1);
    expect(delays).toHaveLength(0);
  });

  it('a timeout is never retried: the server saw the request once', async () => {
    const server = await recordingServer(() => {}); // accepts, never answers
    await track(server);
    const { retry } = recordedRetry({ maxAttempts: 5 });
    const { error } = await outcome(clientFor(server.url, retry, 150).createSubscriberGuestToken(guestBody));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.received).toHaveLength(1);
  });

  it('a connection reset after the request was sent is never retried', async () => {
    const server = await recordingServer((req) => req.socket.destroy());
    await track(server);
    const { retry } = recordedRetry({ maxAttempts: 5 });
    const { error } = await outcome(clientFor(server.url, retry).createSubscriberGuestToken(guestBody));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).beforeSend).toBe(false);
    expect(server.received).toHaveLength(1);
  });

  it('a refused connection is retried: the server that comes up gets the request exactly once', async () => {
    const port = await freePort();
    let late: RecordingServer | undefined;
    const delays: number[] = [];
    const retry: RetryOptions = {
      maxAttempts: 3,
      random: () => 0,
      // Bring the server up during the first wait: the retry must reach it.
      sleep: async (ms) => {
        delays.push(ms);
        late ??= await track(recordingServer((_q, res) => sendJson(res, 201, tokenPair), port));
      },
    };
    const result = await clientFor(`http://127.0.0.1:${port}`, retry).createSubscriberGuestToken(guestBody);
    expect(result).toEqual(tokenPair);
    expect(delays).toHaveLength(1);
    expect(late?.received).toHaveLength(1);
  });

  it('a refused connection with retries off fails at once, flagged beforeSend', async () => {
    const port = await freePort();
    const { error } = await outcome(clientFor(`http://127.0.0.1:${port}`, undefined).createSubscriberGuestToken(guestBody));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).beforeSend).toBe(true);
  });
});

describe('bounds and backoff', () => {
  it('stops after maxAttempts, returning the last error', async () => {
    const server = await scripted([503, 503, 503, 503, 503, 503]);
    const { delays, retry } = recordedRetry({ maxAttempts: 4 });
    const { error } = await outcome(clientFor(server.url, retry).createSubscriberGuestToken(guestBody));
    expect((error as HttpError).status).toBe(503);
    expect(server.received).toHaveLength(4);
    expect(delays).toHaveLength(3);
  });

  it('backoff doubles each retry, with jitter between half and all of it, capped', async () => {
    const server = await scripted([503, 503, 503, 503]);
    const { delays, retry } = recordedRetry({ maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 300, random: () => 1 - Number.EPSILON });
    await clientFor(server.url, retry).createSubscriberGuestToken(guestBody);
    expect(delays).toEqual([100, 200, 300, 300]);
    const policy = { baseDelayMs: 100, maxDelayMs: 10_000 };
    expect(backoffDelay(3, { ...policy, random: () => 0 })).toBe(200);
    expect(backoffDelay(3, { ...policy, random: () => 0.5 })).toBe(300);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(2, { ...policy, random: Math.random })));
    expect(spread.size).toBeGreaterThan(10);
    for (const d of spread) {
      expect(d).toBeGreaterThanOrEqual(100);
      expect(d).toBeLessThanOrEqual(200);
    }
  });

  it('really waits with the default sleep, then retries', async () => {
    const server = await scripted([503]);
    const started = performance.now();
    await clientFor(server.url, { baseDelayMs: 60, random: () => 1 - Number.EPSILON }).createSubscriberGuestToken(guestBody);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(server.received).toHaveLength(2);
  });

  it('gives up rather than wait past maxElapsedMs', async () => {
    const server = await scripted([[503, { 'retry-after': '120' }]]);
    const { delays, retry } = recordedRetry({ maxElapsedMs: 10_000 });
    const { error, ms } = await outcome(clientFor(server.url, retry).createSubscriberGuestToken(guestBody));
    expect((error as HttpError).retryAfterMs).toBe(120_000);
    expect(server.received).toHaveLength(1);
    expect(delays).toHaveLength(0);
    expect(ms).toBeLessThan(1000);
  });

  it('the caller aborting during a wait ends the call with AbortError, and no further request', async () => {
    const server = await scripted([503, 503]);
    const controller = new AbortController();
    const pending = clientFor(server.url, { baseDelayMs: 5_000 }).createSubscriberGuestToken(guestBody, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const { error, ms } = await outcome(pending);
    expect(error).toBeInstanceOf(AbortError);
    expect(ms).toBeLessThan(1000);
    expect(server.received).toHaveLength(1);
  });

  it('onRetry reports each wait with the scrubbed error', async () => {
    const server = await scripted([429]);
    const seen: string[] = [];
    await clientFor(server.url, {
      sleep: async () => {},
      onRetry: (i) => void seen.push(`${i.operationId}#${i.attempt}:${(i.error as HttpError).status}`),
    }).createSubscriberGuestToken(guestBody);
    expect(seen).toEqual(['create_subscriber_guest_token#1:429']);
  });

  it('an onRetry that throws does not stop the retry or replace its outcome', async () => {
    const server = await scripted([503]);
    const result = await clientFor(server.url, {
      sleep: async () => {},
      onRetry: () => {
        throw new Error('metrics sink down');
      },
    }).createSubscriberGuestToken(guestBody);
    expect(result.token).toBeTruthy();
    expect(server.received).toHaveLength(2);
  });
});

describe('Retry-After', () => {
  it('delta-seconds is honoured exactly', async () => {
    const server = await scripted([[429, { 'retry-after': '2' }]]);
    const { delays, retry } = recordedRetry();
    await clientFor(server.url, retry).createSubscriberGuestToken(guestBody);
    expect(delays).toEqual([2000]);
    expect(server.received).toHaveLength(2);
  });

  it('an HTTP-date is honoured as the time until that date', async () => {
    const when = new Date(Date.now() + 5_000);
    const server = await scripted([[503, { 'retry-after': when.toUTCString() }]]);
    const { delays, retry } = recordedRetry();
    await clientFor(server.url, retry).createSubscriberGuestToken(guestBody);
    expect(delays).toHaveLength(1);
    // HTTP-dates have whole seconds: the wait is up to 5 s, and more than 3 s.
    expect(delays[0]).toBeGreaterThan(3_000);
    expect(delays[0]).toBeLessThanOrEqual(5_000);
  });

  it('parses both forms, and ignores garbage', () => {
    const now = Date.parse('Sun, 22 Nov 2026 10:00:00 GMT');
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 7 ', now)).toBe(7000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('a server-sent Retry-After is on the error for callers who schedule their own retry', async () => {
    const server = await scripted([[429, { 'retry-after': '9' }]]);
    const { error } = await outcome(clientFor(server.url, undefined).createSubscriberGuestToken(guestBody));
    expect((error as HttpError).retryAfterMs).toBe(9000);
    expect(JSON.parse(JSON.stringify(error)).retryAfterMs).toBe(9000);
  });

  it('retryPolicy() uses the documented defaults; anything but a policy or false is a ConfigError naming retryPolicy', () => {
    expect(resolveRetry({})).toMatchObject({ maxAttempts: 3, maxElapsedMs: 30_000, baseDelayMs: 300, maxDelayMs: 5_000 });
    expect(typeof retryPolicy().run).toBe('function');
    for (const retry of [true, { maxAttempts: 2 }, 'yes']) {
      expect(() => createSignalWireClient({ baseUrl: 'http://127.0.0.1:9', projectId: 'p', apiToken: 'retry-test-token', retry: retry as never })).toThrow(
        /retry takes retryPolicy\(\)/,
      );
    }
    expect(() => createSignalWireClient({ baseUrl: 'http://127.0.0.1:9', projectId: 'p', apiToken: 'retry-test-token', retry: false })).not.toThrow();
  });
});
