// The in-memory rate limiter on an injected clock: the budget, the burst, the
// Retry-After arithmetic, a window that refills, keys that never share a
// budget, bounded memory, and configuration refused at construction.
import { describe, expect, it } from 'vitest';
import { ConfigError, createMemoryRateLimiter, type RateLimiter } from '../../src/server/index.ts';

function clock(start = 1_800_000_000_000) {
  const c = { t: start, now: () => c.t, advance: (ms: number) => void (c.t += ms) };
  return c;
}

async function drain(limiter: RateLimiter, key: string, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await limiter.consume(key));
  return out;
}

describe('createMemoryRateLimiter', () => {
  it('allows `points` at once, then refuses with the seconds until the next one', async () => {
    const c = clock();
    const limiter = createMemoryRateLimiter({ points: 5, durationSeconds: 60, now: c.now });
    const decisions = await drain(limiter, 'alice', 6);
    expect(decisions.slice(0, 5)).toEqual(Array(5).fill({ allowed: true, retryAfterSeconds: 0 }));
    // One request every 60 / 5 = 12 s: the sixth may come 12 s after the burst.
    expect(decisions[5]).toEqual({ allowed: false, retryAfterSeconds: 12 });
  });

  it('Retry-After counts down, rounds up to whole seconds, and is exact: retrying then succeeds', async () => {
    const c = clock();
    const limiter = createMemoryRateLimiter({ points: 3, durationSeconds: 10, now: c.now });
    await drain(limiter, 'k', 3);
    // Interval 10 / 3 = 3.333 s.
    expect(await limiter.consume('k')).toEqual({ allowed: false, retryAfterSeconds: 4 });
    c.advance(1_000);
    expect(await limiter.consume('k')).toEqual({ allowed: false, retryAfterSeconds: 3 });
    c.advance(2_300);
    // 33 ms left: still refused, and never told "0 seconds".
    expect(await limiter.consume('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    c.advance(34);
    expect(await limiter.consume('k')).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect((await limiter.consume('k')).allowed).toBe(false);
  });

  it('refused requests do not count: a client hammering a closed limit gets in as soon as Retry-After says', async () => {
    const c = clock();
    const limiter = createMemoryRateLimiter({ points: 2, durationSeconds: 2, now: c.now });
    await drain(limiter, 'k', 2);
    for (let i = 0; i < 50; i++) expect((await limiter.consume('k')).allowed).toBe(false);
    c.advance(1_000);
    expect((await limiter.consume('k')).allowed).toBe(true);
  });

  it('the window refills: after durationSeconds idle the whole burst is back, and not more', async () => {
    const c = clock();
    const limiter = createMemoryRateLimiter({ points: 4, durationSeconds: 20, now: c.now });
    await drain(limiter, 'k', 4);
    c.advance(19_999);
    // 19.999 s refill 3 requests (one per 5 s), not 4.
    expect((await drain(limiter, 'k', 4)).map((d) => d.allowed)).toEqual([true, true, true, false]);
    c.advance(20_000);
    expect((await drain(limiter, 'k', 5)).map((d) => d.allowed)).toEqual([true, true, true, true, false]);
  });

  it('a steady rate at exactly points/duration is never refused', async () => {
    const c = clock();
    const limiter = createMemoryRateLimiter({ points: 10, durationSeconds: 1, now: c.now });
    for (let i = 0; i < 1_000; i++) {
      expect((await limiter.consume('k')).allowed).toBe(true);
      c.advance(100);
    }
  });

  it('keys are isolated: one caller spending its budget leaves every other key whole', async () => {
    const c = clock();
    const limiter = createMemoryRateLimiter({ points: 2, durationSeconds: 60, now: c.now });
    await drain(limiter, 'user:alice', 10);
    expect((await drain(limiter, 'user:bob', 2)).every((d) => d.allowed)).toBe(true);
    expect((await drain(limiter, 'guest:203.0.113.7', 3)).map((d) => d.allowed)).toEqual([true, true, false]);
    expect((await limiter.consume('user:alice')).allowed).toBe(false);
  });

  it('memory is bounded: idle keys are dropped, and past maxKeys the least recently counted key is forgotten', async () => {
    const c = clock();
    const limiter = createMemoryRateLimiter({ points: 1, durationSeconds: 10, maxKeys: 3, now: c.now });
    for (const key of ['a', 'b', 'c']) await limiter.consume(key);
    expect(limiter.size).toBe(3);
    // All three live: a fourth key evicts the oldest ('a'), which then has a fresh budget.
    expect((await limiter.consume('d')).allowed).toBe(true);
    expect((await limiter.consume('b')).allowed).toBe(false);
    expect((await limiter.consume('a')).allowed).toBe(true);
    // 'a' re-entered and evicted 'b'; 'c' and 'd' are still counted.
    expect((await limiter.consume('c')).allowed).toBe(false);
    expect((await limiter.consume('d')).allowed).toBe(false);
    expect(limiter.size).toBe(3);
  });

  it('20,000 distinct keys, then an hour later: the expired ones are dropped, not kept', async () => {
    const c = clock();
    const limiter = createMemoryRateLimiter({ points: 1, durationSeconds: 1, now: c.now });
    for (let i = 0; i < 20_000; i++) await limiter.consume(`guest:${i}`);
    expect(limiter.size).toBe(20_000);
    c.advance(3_600_000);
    await limiter.consume('fresh');
    expect(limiter.size).toBe(1);
    // A key idle for less than its window is kept.
    c.advance(500);
    await limiter.consume('other');
    expect(limiter.size).toBe(2);
  });

  it.each([
    [{ points: 0, durationSeconds: 1 }, /points must be a whole number.*got 0/],
    [{ points: 1.5, durationSeconds: 1 }, /points .*got 1.5/],
    [{ points: Number.NaN, durationSeconds: 1 }, /points .*got NaN/],
    [{ points: 5, durationSeconds: 0 }, /durationSeconds .*got 0/],
    [{ points: 5, durationSeconds: -3 }, /durationSeconds .*got -3/],
    [{ points: 5, durationSeconds: Number.POSITIVE_INFINITY }, /durationSeconds .*got Infinity/],
    [{ points: 5, durationSeconds: '60' }, /durationSeconds .*got 60/],
    [{ points: 5, durationSeconds: 60, maxKeys: 0 }, /maxKeys .*got 0/],
    [{ points: 1_000_001, durationSeconds: 1 }, /at most one per microsecond; got 1000001 in 1 s/],
    [{ points: 5, durationSeconds: 60, now: 17 }, /now must be a function/],
  ])('refuses %o with a ConfigError naming the option', (options, message) => {
    expect(() => createMemoryRateLimiter(options as never)).toThrow(ConfigError);
    expect(() => createMemoryRateLimiter(options as never)).toThrow(message);
  });

  it('refuses a missing options object with a ConfigError, not a TypeError', () => {
    expect(() => createMemoryRateLimiter(undefined as never)).toThrow(ConfigError);
  });
});
