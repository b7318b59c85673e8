// Timeouts and cancellation: a default deadline, overridable per client and
// per call; the caller's AbortSignal; each with its own typed error; and
// nothing (timer, listener, socket) left behind once a call ends.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getEventListeners } from 'node:events';
import { createSignalWireClient, AbortError, TimeoutError, DEFAULTS } from '../../src/signalwire/index.ts';
import { hangingFetch } from '../support/recording-fetch.ts';
import { closeServers, recordingServer } from '../support/local-server.ts';
import { sendJson } from './support/answers.ts';
import { outcome } from './support/outcome.ts';
import { guestBody, tokenPair } from './support/fixtures.ts';

const track = closeServers(afterEach);
// Registered after it, so it runs first: servers close under real timers.
afterEach(() => {
  vi.useRealTimers();
});

async function stalled() {
  const server = await recordingServer(() => {});
  await track(server);
  return server;
}

const clientFor = (baseUrl: string, timeoutMs?: number) => createSignalWireClient({ baseUrl, projectId: 'p', apiToken: 'timeout-test-token', timeoutMs });

describe('timeouts', () => {
  it('the default timeout is 30 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const client = createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 'timeout-test-token', fetch: hangingFetch() });
    let settled: unknown;
    const pending = client.createSubscriberGuestToken(guestBody).catch((e: unknown) => {
      settled = e;
    });
    await vi.advanceTimersByTimeAsync(DEFAULTS.timeoutMs - 1);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(settled).toBeInstanceOf(TimeoutError);
    expect((settled as TimeoutError).timeoutMs).toBe(30_000);
  });

  it('a client timeout ends a stalled request with TimeoutError, and a per-call one overrides it', async () => {
    const server = await stalled();
    // Fake timers drive both deadlines (a real stalled socket underneath): no wall-clock race on a loaded machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const client = clientFor(server.url, 300);
    let clientSettled = false;
    const pendingClient = outcome(client.createSubscriberGuestToken(guestBody)).finally(() => {
      clientSettled = true;
    });
    const pendingCall = outcome(client.createSubscriberGuestToken(guestBody, { timeoutMs: 60 }));
    await vi.advanceTimersByTimeAsync(60);
    const byCall = await pendingCall;
    expect((byCall.error as TimeoutError).timeoutMs).toBe(60);
    expect((byCall.error as Error).message).toBe('create_subscriber_guest_token: timed out after 60 ms');
    await vi.advanceTimersByTimeAsync(239);
    expect(clientSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const byClient = await pendingClient;
    expect(byClient.error).toBeInstanceOf(TimeoutError);
    expect((byClient.error as TimeoutError).timeoutMs).toBe(300);
  });

  it('rejects a timeout that is not a positive number', () => {
    expect(() => clientFor('http://127.0.0.1:1', 0)).toThrow(/timeoutMs must be a positive number of milliseconds/);
  });
});

describe('cancellation by the caller', () => {
  it('aborting mid-request gives AbortError (not TimeoutError), promptly', async () => {
    const server = await stalled();
    const controller = new AbortController();
    const pending = outcome(clientFor(server.url, 5_000).createSubscriberGuestToken(guestBody, { signal: controller.signal }));
    await expect.poll(() => server.received.length).toBe(1);
    controller.abort();
    const { error, ms } = await pending;
    expect(error).toBeInstanceOf(AbortError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(1000);
  });

  it('aborting while the body is being read gives AbortError', async () => {
    const server = await recordingServer((_q, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.write('{"token":');
    });
    await track(server);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error } = await outcome(clientFor(server.url, 5_000).createSubscriberGuestToken(guestBody, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
  });

  it('an already-aborted signal sends nothing', async () => {
    const server = await stalled();
    const { error } = await outcome(clientFor(server.url).createSubscriberGuestToken(guestBody, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    await new Promise((r) => setTimeout(r, 30));
    expect(server.received).toHaveLength(0);
  });

  it('a long-lived caller signal keeps no listener from finished calls', async () => {
    const server = await recordingServer((_q, res) => sendJson(res, 201, tokenPair));
    await track(server);
    const controller = new AbortController();
    const client = clientFor(server.url);
    for (let i = 0; i < 20; i++) await client.createSubscriberGuestToken(guestBody, { signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
