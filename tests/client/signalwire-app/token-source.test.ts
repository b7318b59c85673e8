// The browser token source: one request per expiry however many callers ask,
// refresh before expiry, keepFresh feeding updateToken, typed errors, and a
// stable device fingerprint. The client talks HTTP through an injected fetch
// that plays the app server.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createSignalWireAppClient,
  createSubscriberTokenSource,
  deviceFingerprint,
  HttpError,
  ProviderError,
  type FingerprintStorage,
} from '../../../src/signalwire-app/index.ts';

const FP = 'Qk9CLWRldmljZS1maW5nZXJwcmludC0xMjM0NTY3ODk';

function appServer(options: { status?: number; lifetimeS?: number; now: () => number }) {
  const calls: { path: string; body: unknown }[] = [];
  let n = 0;
  const fetch = async (request: Request) => {
    calls.push({ path: new URL(request.url).pathname, body: await request.json() });
    if (options.status)
      return Response.json({ error: { code: 'refresh_unavailable', message: 'Refresh token unavailable; sign in again.' } }, { status: options.status });
    n++;
    return Response.json({ token: `token-${n}`, expire_at: Math.floor(options.now() / 1000) + (options.lifetimeS ?? 7200) });
  };
  return { calls, client: createSignalWireAppClient({ baseUrl: 'https://app.acme.test', credentials: () => 'session', fetch }) };
}

afterEach(() => {
  vi.useRealTimers();
});

/** A token source for tokens of `lifetimeS`, kept fresh under fake timers; `updates` lists each token handed on. */
function keepingFresh(lifetimeS: number) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(1_790_000_000_000);
  const server = appServer({ now: Date.now, lifetimeS });
  const source = createSubscriberTokenSource({ client: server.client, fingerprint: FP, refreshMarginSeconds: 60 });
  const updates: string[] = [];
  const stop = source.keepFresh({
    updateToken: async (t) => {
      updates.push(t);
    },
  });
  return { updates, stop };
}

describe('createSubscriberTokenSource', () => {
  it('20 concurrent callers share one request; a valid token is not fetched again', async () => {
    let now = 1_790_000_000_000;
    const server = appServer({ now: () => now });
    const source = createSubscriberTokenSource({ client: server.client, fingerprint: FP, now: () => now });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => source.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(server.calls).toEqual([{ path: '/signalwire/tokens/subscriber', body: { fingerprint: FP } }]);
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
