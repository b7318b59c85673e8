// The refresh coordinator on the in-memory store under fake timers: the lease
// is renewed while a refresh is in flight, a marked refresh token is never
// spent by a second instance (two coordinators on one store), and the timing
// check refuses lifetimes that would make the browser refresh in a loop.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkRefreshTimings, createRefreshCoordinator, type FreshPair, type RefreshCalls } from '../../../src/server/refresh-coordinator.ts';
import { ConfigError, createMemoryTokenStore, createSignalWireTokenHandlers } from '../../../src/server/index.ts';

afterEach(() => {
  vi.useRealTimers();
});

const LOCK_TTL = 3000;

function setup() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(1_790_000_000_000);
  const store = createMemoryTokenStore();
  const spent: string[] = [];
  let n = 0;
  const pair = (): FreshPair => ({ token: `t${++n}`, refreshToken: `r${n}`, expireAt: 1_790_007_200 });
  /** Calls whose refresh waits until `release()`; it records the token it spends. */
  const held = () => {
    let release!: (value: FreshPair) => void;
    const calls: RefreshCalls = {
      refresh: (token) => {
        spent.push(token);
        return new Promise<FreshPair>((resolve) => {
          release = resolve;
        });
      },
      mint: async () => pair(),
    };
    return { calls, release: () => release(pair()) };
  };
  const coordinator = () => createRefreshCoordinator({ store, fallback: 'mint', reuseWindowMs: 60_000, lockTtlMs: LOCK_TTL, entryTtlMs: 600_000, pollMs: 20 });
  return { store, spent, held, coordinator, pair };
}

describe('createRefreshCoordinator', () => {
  it('renews its lease while the upstream call outlasts it, and releases it after', async () => {
    const { store, held, coordinator } = setup();
    await store.compareAndSet('k', 0, { token: 't0', refreshToken: 'r0', expireAt: 1, issuedAt: 0 }, 600_000);
    const upstream = held();
    const flight = coordinator().refresh('k', upstream.calls);
    await vi.advanceTimersByTimeAsync(5 * LOCK_TTL);
    // Without renewal the lease would have lapsed after LOCK_TTL.
    expect(await store.acquireLock('k', 1000)).toBeUndefined();
    upstream.release();
    expect(await flight).toMatchObject({ outcome: 'refreshed', entry: { token: 't1' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(await store.acquireLock('k', 1000)).toBeDefined();
  });

  it('a second instance never spends a marked refresh token: it waits for the successor', async () => {
    const { store, spent, held, coordinator } = setup();
    await store.compareAndSet('k', 0, { token: 't0', refreshToken: 'r0', expireAt: 1, issuedAt: 0 }, 600_000);
    const a = held();
    const flightA = coordinator().refresh('k', a.calls);
    await vi.advanceTimersByTimeAsync(0);
    expect((await store.get('k'))?.spending).toBeDefined();
    // A's lease is gone (as if A's link died): B can take the lease, but the mark stops it.
    await store.releaseLock('k', '1');
    const b = held();
    const flightB = coordinator().refresh('k', b.calls);
    await vi.advanceTimersByTimeAsync(2 * LOCK_TTL - 100);
    expect(spent).toEqual(['r0']);
    a.release();
    await vi.advanceTimersByTimeAsync(1000);
    const [outA, outB] = await Promise.all([flightA, flightB]);
    expect(outA).toMatchObject({ outcome: 'refreshed', entry: { token: 't1' } });
    expect(outB).toMatchObject({ outcome: 'reused', entry: { token: 't1' } });
    expect(spent).toEqual(['r0']);
  });

  it('past the bound (2 × the lease) an unresolved spend takes the fallback: a mint, never a second spend', async () => {
    const { store, spent, held, coordinator } = setup();
    await store.compareAndSet('k', 0, { token: 't0', refreshToken: 'r0', expireAt: 1, issuedAt: 0 }, 600_000);
    // A's SignalWire call times out: the token may or may not be spent.
    const timedOut: RefreshCalls = {
      refresh: async (token) => {
        spent.push(token);
        throw new Error('timeout');
      },
      mint: async () => ({ token: 'never', refreshToken: 'never', expireAt: 1 }),
    };
    await expect(coordinator().refresh('k', timedOut)).rejects.toThrow('timeout');
    expect((await store.get('k'))?.spending).toBeDefined();
    const flightB = coordinator().refresh('k', held().calls);
    await vi.advanceTimersByTimeAsync(2 * LOCK_TTL - 100);
    expect(spent).toEqual(['r0']);
    await vi.advanceTimersByTimeAsync(600);
    const outcome = await flightB;
    expect(outcome).toMatchObject({ outcome: 'minted', entry: { token: 't1' } });
    expect((await store.get('k'))?.spending).toBeUndefined();
    expect(spent).toEqual(['r0']);
  });
});

describe('checkRefreshTimings', () => {
  it('refuses a lifetime not above the refresh margin plus the reuse window, naming the numbers', () => {
    expect(() => checkRefreshTimings({ tokenLifetimeSeconds: 315, reuseWindowSeconds: 60 })).toThrow(ConfigError);
    expect(() => checkRefreshTimings({ tokenLifetimeSeconds: 315, reuseWindowSeconds: 60 })).toThrow(
      "tokenLifetimeSeconds (315) must be more than the token source's refresh margin (300 s) plus reuseWindowSeconds (60 s) = 360 s",
    );
    expect(() => checkRefreshTimings({ tokenLifetimeSeconds: 360, reuseWindowSeconds: 60 })).toThrow(ConfigError);
    expect(() => checkRefreshTimings({ tokenLifetimeSeconds: 361, reuseWindowSeconds: 60 })).not.toThrow();
    expect(() => checkRefreshTimings({ tokenLifetimeSeconds: 100, reuseWindowSeconds: 10, refreshMarginSeconds: 60 })).not.toThrow();
  });

  it('the SignalWire handlers refuse such a lifetime at construction', () => {
    const options = {
      signalwire: { projectId: 'p', apiToken: 'PTsecret', baseUrl: 'http://127.0.0.1:9' },
      authorize: () => undefined,
      subscriber: () => ({ reference: 'r' }),
      logger: false as const,
    };
    expect(() => createSignalWireTokenHandlers({ ...options, tokenLifetimeSeconds: 315 })).toThrow(/tokenLifetimeSeconds \(315\).*= 360 s/);
    expect(() => createSignalWireTokenHandlers({ ...options, tokenLifetimeSeconds: 600, reuseWindowSeconds: 300 })).toThrow(/= 600 s/);
    expect(() => createSignalWireTokenHandlers({ ...options, tokenLifetimeSeconds: 3600 })).not.toThrow();
  });
});
