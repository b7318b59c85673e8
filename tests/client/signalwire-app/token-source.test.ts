// The browser token source: one request per expiry however many callers ask,
// refresh before expiry, keepFresh feeding updateToken, typed errors, and a
// stable device fingerprint. The client talks HTTP through an injected fetch
// that plays the app server.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigError,
  createSignalWireAppClient,
  createSubscriberTokenSource,
  deviceFingerprint,
  HttpError,
  ProviderError,
  type FingerprintStorage,
} from '../../../src/signalwire-app/index.ts';

const FP = 'Qk9CLWRldmljZS1maW5nZXJwcmludC0xMjM0NTY3ODk';

interface AppServerOptions {
  status?: number;
  lifetimeS?: number;
  /** The server's clock (ms). */
  now: () => number;
  /** Send the server's clock as `Date` (as a same-origin server does). */
  date?: boolean;
  /** What expire_at to answer instead of now + lifetime (null, NaN, a past time). */
  expireAt?: unknown;
  /** Holds each answer until this resolves. */
  gate?: () => Promise<void>;
}

function appServer(options: AppServerOptions) {
  const calls: { path: string; body: unknown; at: number }[] = [];
  let n = 0;
  const fetch = async (request: Request) => {
    calls.push({ path: new URL(request.url).pathname, body: await request.json(), at: options.now() });
    await options.gate?.();
    const headers = options.date ? { date: new Date(options.now()).toUTCString() } : undefined;
    if (options.status)
      return Response.json(
        { error: { code: 'refresh_unavailable', message: 'Refresh token unavailable; sign in again.' } },
        { status: options.status, ...(headers && { headers }) },
      );
    n++;
    const expireAt = 'expireAt' in options ? options.expireAt : Math.floor(options.now() / 1000) + (options.lifetimeS ?? 7200);
    // JSON has no NaN: the body is written by hand so a broken server's value arrives as sent.
    const text = `{"token":"token-${n}","expire_at":${String(expireAt)}}`;
    return new Response(text, { headers: { 'content-type': 'application/json', ...headers } });
  };
  return { calls, client: createSignalWireAppClient({ baseUrl: 'https://app.acme.test', credentials: () => 'session', fetch }) };
}

afterEach(() => {
  vi.useRealTimers();
});

/**
 * A token source kept fresh under fake timers; `updates` lists each token handed on. The server's
 * clock is the fake clock; `deviceSkewMs` sets the device's clock apart from it.
 */
function keepingFresh(lifetimeS: number, server: Partial<AppServerOptions> = {}, source: { refreshMarginSeconds?: number; deviceSkewMs?: number } = {}) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(1_790_000_000_000);
  const app = appServer({ now: Date.now, lifetimeS, ...server });
  const skew = source.deviceSkewMs ?? 0;
  const tokens = createSubscriberTokenSource({
    client: app.client,
    fingerprint: FP,
    refreshMarginSeconds: source.refreshMarginSeconds ?? 60,
    now: () => Date.now() + skew,
    random: () => 0.5,
  });
  const updates: string[] = [];
  const stop = tokens.keepFresh({
    updateToken: async (t) => {
      updates.push(t);
    },
  });
  return { updates, stop, calls: app.calls };
}

describe('createSubscriberTokenSource', () => {
  it('20 concurrent callers share one request; a valid token is not fetched again', async () => {
    let now = 1_790_000_000_000;
    const server = appServer({ now: () => now });
    const source = createSubscriberTokenSource({ client: server.client, fingerprint: FP, now: () => now });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => source.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(server.calls.map(({ path, body }) => ({ path, body }))).toEqual([{ path: '/signalwire/tokens/subscriber', body: { fingerprint: FP } }]);
    now += 60_000;
    expect(await source.onRefreshToken()).toBe('token-1');
    expect(server.calls).toHaveLength(1);
  });

  it('refreshes once per expiry, through the refresh endpoint, within the margin', async () => {
    let now = 1_790_000_000_000;
    const server = appServer({ now: () => now });
    const source = createSubscriberTokenSource({ client: server.client, fingerprint: FP, refreshMarginSeconds: 300, now: () => now });
    await source.getToken();
    now += (7200 - 299) * 1000;
    const refreshed = await Promise.all(Array.from({ length: 10 }, () => source.onRefreshToken()));
    expect(new Set(refreshed)).toEqual(new Set(['token-2']));
    expect(server.calls.map((c) => c.path)).toEqual(['/signalwire/tokens/subscriber', '/signalwire/tokens/subscriber/refresh']);
    expect(source.expireAt).toBe(Math.floor(now / 1000) + 7200);
  });

  it('keepFresh calls updateToken before each expiry', async () => {
    const { updates, stop } = keepingFresh(600);
    await vi.advanceTimersByTimeAsync(1);
    expect(updates).toEqual(['token-1']);
    await vi.advanceTimersByTimeAsync(540_000);
    expect(updates).toEqual(['token-1', 'token-2']);
    stop();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(updates).toHaveLength(2);
  });

  it('keepFresh waits out a lifetime longer than one timer can hold (2^31-1 ms) instead of refreshing at once', async () => {
    const lifetimeS = 40 * 24 * 3600; // 40 days: a delay over 24.8 days fires at once in browsers and Node
    const { updates, stop } = keepingFresh(lifetimeS);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(updates).toEqual(['token-1']);
    await vi.advanceTimersByTimeAsync((lifetimeS - 61) * 1000 - 3_600_001);
    expect(updates).toEqual(['token-1']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(updates).toEqual(['token-1', 'token-2']);
    stop();
  });

  it('a lifetime under the margin does not storm: 315 s tokens with a 300 s margin refresh halfway, each before the last expires', async () => {
    // Before: 1,114 refreshes in 46 s with the real SDK.
    const { updates, stop, calls } = keepingFresh(315, {}, { refreshMarginSeconds: 300 });
    await vi.advanceTimersByTimeAsync(46_000);
    expect(updates).toEqual(['token-1']);
    await vi.advanceTimersByTimeAsync(3_600_000 - 46_000);
    expect(calls.length).toBeGreaterThanOrEqual(20);
    expect(calls.length).toBeLessThanOrEqual(25);
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(30_000);
    // Each token was replaced before it expired (315 s).
    expect(Math.max(...gaps)).toBeLessThan(315_000);
    stop();
  });

  it("a device clock 2 h fast: with the server's Date the schedule is the server's (one refresh per lifetime less the margin)", async () => {
    const { calls, stop } = keepingFresh(7200, { date: true }, { deviceSkewMs: 2 * 3_600_000 });
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    // 7200 s - 60 s margin - 1 s for Date's whole seconds: refreshed at 0, 7139 s, 14278 s, 21417 s.
    expect(calls.map((c) => (c.at - calls[0]!.at) / 1000)).toEqual([0, 7139, 14278, 21417]);
    stop();
  });

  it('a device clock 2 h fast without a readable Date: bounded by the backoff, not a loop', async () => {
    const { calls, stop } = keepingFresh(7200, {}, { deviceSkewMs: 2 * 3_600_000 + 60_000 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    // 30 s doubled per attempt (x1.25 jitter here), capped at 10 min: at 0, 37.5, 112.5, 262.5, 562.5, 1162.5, 1912.5, 2662.5, 3412.5 s.
    expect(calls.map((c) => (c.at - calls[0]!.at) / 1000)).toEqual([0, 37.5, 112.5, 262.5, 562.5, 1162.5, 1912.5, 2662.5, 3412.5]);
    stop();
  });

  for (const [label, expireAt] of [
    ['null', null],
    ['not a number', '"soon"'],
    ['already past', 1_700_000_000],
  ] as const) {
    it(`an expire_at that is ${label}: one request, then the backoff schedule`, async () => {
      const { calls, updates, stop } = keepingFresh(7200, { expireAt });
      await vi.advanceTimersByTimeAsync(2000);
      expect(calls).toHaveLength(1);
      expect(updates).toEqual(['token-1']);
      await vi.advanceTimersByTimeAsync(600_000);
      // 37.5 s, 75 s, 150 s, 300 s: four more in ten minutes.
      expect(calls.length).toBeLessThanOrEqual(5);
      stop();
    });
  }

  it('failures back off exponentially with jitter up to the cap, never faster than the minimum delay', async () => {
    const errors: unknown[] = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(1_790_000_000_000);
    const app = appServer({ now: Date.now, status: 500 });
    const source = createSubscriberTokenSource({ client: app.client, fingerprint: FP, random: () => 0 });
    const stop = source.keepFresh({ updateToken: async () => {} }, { onError: (e) => errors.push(e) });
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    const gaps = app.calls.slice(1).map((c, i) => (c.at - app.calls[i]!.at) / 1000);
    expect(gaps.slice(0, 7)).toEqual([30, 60, 120, 240, 480, 600, 600]);
    expect(errors[0]).toBeInstanceOf(HttpError);
    stop();
  });

  it('stop() is final: a refresh in flight when it runs never reaches updateToken', async () => {
    let release!: () => void;
    let held = false;
    const { updates, stop, calls } = keepingFresh(600, {
      gate: () =>
        held
          ? new Promise<void>((r) => {
              release = r;
            })
          : Promise.resolve(),
    });
    await vi.advanceTimersByTimeAsync(1);
    expect(updates).toEqual(['token-1']);
    held = true;
    await vi.advanceTimersByTimeAsync(540_000);
    expect(calls).toHaveLength(2);
    stop();
    release();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(updates).toEqual(['token-1']);
    expect(calls).toHaveLength(2);
  });

  it('refuses a negative or non-finite timing option', () => {
    const { client } = appServer({ now: Date.now });
    expect(() => createSubscriberTokenSource({ client, refreshMarginSeconds: -1 })).toThrow(ConfigError);
    expect(() => createSubscriberTokenSource({ client, minRefreshDelayMs: Number.NaN })).toThrow(ConfigError);
  });

  it('a refusal is the typed HttpError with the documented body', async () => {
    const server = appServer({ now: Date.now, status: 401 });
    const source = createSubscriberTokenSource({ client: server.client, fingerprint: FP });
    const error = await source.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).body).toEqual({ error: { code: 'refresh_unavailable', message: 'Refresh token unavailable; sign in again.' } });
  });

  it('a failing fingerprint provider is a ProviderError, and the next call tries again', async () => {
    const server = appServer({ now: Date.now });
    let fail = true;
    const source = createSubscriberTokenSource({
      client: server.client,
      fingerprint: () => {
        if (fail) throw new Error('storage blocked');
        return FP;
      },
    });
    expect(await source.getToken().catch((e: unknown) => e)).toBeInstanceOf(ProviderError);
    fail = false;
    expect(await source.getToken()).toBe('token-1');
  });
});

describe('deviceFingerprint', () => {
  const memoryStorage = (): FingerprintStorage => {
    const items = new Map<string, string>();
    return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
  };

  it('43 base64url characters, stable on one device, different on another', async () => {
    const device = memoryStorage();
    const first = await deviceFingerprint(device);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await deviceFingerprint(device)).toBe(first);
    expect(await deviceFingerprint(memoryStorage())).not.toBe(first);
  });
});
