// The Redis rate limiter on a real redis-server: the budget and Retry-After,
// one budget for every instance sharing the Redis (raced, so only an atomic
// script passes), tenants apart by prefix, no caller id in key names, and a
// Redis that is gone or stalls: a RateLimiterError, never a hang.
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, createRedisRateLimiter, RateLimiterError } from '../../src/server/index.ts';
import { startFaultProxy } from '../support/fault-proxy.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';

let redis: RedisServer;
const clients: { isOpen: boolean; close(): Promise<unknown> }[] = [];

async function connect(url = redis.url) {
  const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: false } });
  client.on('error', () => {});
  await client.connect();
  clients.push(client);
  return client;
}

function clock(start = 1_800_000_000_000) {
  const c = { t: start, now: () => c.t, advance: (ms: number) => void (c.t += ms) };
  return c;
}

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const client of clients) if (client.isOpen) await client.close().catch(() => {});
  await redis?.stop();
});

describe('createRedisRateLimiter on a real redis-server', () => {
  it('allows `points`, refuses the next with the exact Retry-After, and refills after the window', async () => {
    const c = clock();
    const limiter = createRedisRateLimiter({ client: await connect(), points: 3, durationSeconds: 30, keyPrefix: 'test:window:', now: c.now });
    const first = await Promise.all([1, 2, 3, 4].map(() => limiter.consume('alice')));
    expect(first.filter((d) => d.allowed)).toHaveLength(3);
    expect(first.find((d) => !d.allowed)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    c.advance(9_999);
    expect(await limiter.consume('alice')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    c.advance(1);
    expect(await limiter.consume('alice')).toEqual({ allowed: true, retryAfterSeconds: 0 });
    c.advance(30_000);
    const refilled = await Promise.all([1, 2, 3, 4].map(() => limiter.consume('alice')));
    expect(refilled.map((d) => d.allowed).sort()).toEqual([false, true, true, true]);
  });

  it("by default Redis's own clock decides (no clock injected)", async () => {
    const limiter = createRedisRateLimiter({ client: await connect(), points: 2, durationSeconds: 60, keyPrefix: 'test:time:' });
    expect((await limiter.consume('k')).allowed).toBe(true);
    expect((await limiter.consume('k')).allowed).toBe(true);
    const refused = await limiter.consume('k');
    expect(refused.allowed).toBe(false);
    // 30 s per request, less the moments the three calls took.
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(25);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('two limiter instances on two connections enforce one budget: 200 concurrent requests, exactly 40 allowed', async () => {
    const c = clock();
    const options = { points: 40, durationSeconds: 60, keyPrefix: 'test:shared:', now: c.now };
    const a = createRedisRateLimiter({ client: await connect(), ...options });
    const b = createRedisRateLimiter({ client: await connect(), ...options });
    const decisions = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).consume('guest:198.51.100.4')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(40);
    expect(new Set(decisions.filter((d) => !d.allowed).map((d) => d.retryAfterSeconds))).toEqual(new Set([2]));
  });

  it('keys and prefixes are isolated; key names hold no caller id or address', async () => {
    const c = clock();
    const client = await connect();
    const tenantC = createRedisRateLimiter({ client, points: 1, durationSeconds: 60, keyPrefix: 'tenant-c:rate:', now: c.now });
    const tenantD = createRedisRateLimiter({ client, points: 1, durationSeconds: 60, keyPrefix: 'tenant-d:rate:', now: c.now });
    expect((await tenantC.consume('user:carol@example.net')).allowed).toBe(true);
    expect((await tenantC.consume('user:carol@example.net')).allowed).toBe(false);
    expect((await tenantC.consume('guest:203.0.113.9')).allowed).toBe(true);
    expect((await tenantD.consume('user:carol@example.net')).allowed).toBe(true);
    const keys = (await client.sendCommand(['KEYS', 'tenant-*'])) as string[];
    expect(keys).toHaveLength(3);
    expect(keys.join(' ')).not.toMatch(/carol|example|203\.0/);
    // Each key lives no longer than its window.
    for (const key of keys) expect(Number(await client.sendCommand(['PTTL', key]))).toBeLessThanOrEqual(60_000);
  });

  it('works on a Redis that has not seen (or flushed) the script', async () => {
    const client = await connect();
    const limiter = createRedisRateLimiter({ client, points: 1, durationSeconds: 60, keyPrefix: 'test:flush:' });
    await client.sendCommand(['SCRIPT', 'FLUSH']);
    expect((await limiter.consume('k')).allowed).toBe(true);
    await client.sendCommand(['SCRIPT', 'FLUSH']);
    expect((await limiter.consume('k')).allowed).toBe(false);
  });
});

describe('when Redis fails', () => {
  it('Redis gone: consume rejects with RateLimiterError at once, naming no key', async () => {
    const own = await startRedisServer();
    const limiter = createRedisRateLimiter({ client: await connect(own.url), points: 5, durationSeconds: 60, commandTimeoutMs: 60_000 });
    expect((await limiter.consume('user:alice')).allowed).toBe(true);
    await own.stop();
    const error = await limiter.consume('user:alice').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimiterError);
    expect(error).toMatchObject({ kind: 'rate-limiter', operation: 'consume', message: 'rate limiter consume: Redis command failed' });
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain('alice');
  });

  it('Redis stalled (CLIENT PAUSE WRITE): RateLimiterError after commandTimeoutMs, not a hang', async () => {
    const admin = await connect();
    const limiter = createRedisRateLimiter({ client: await connect(), points: 5, durationSeconds: 60, commandTimeoutMs: 200, keyPrefix: 'test:pause:' });
    await admin.sendCommand(['CLIENT', 'PAUSE', '60000', 'WRITE']);
    try {
      const error = await limiter.consume('k').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimiterError);
      expect((error as Error).message).toBe('rate limiter consume: no answer within 200 ms');
    } finally {
      await admin.sendCommand(['CLIENT', 'UNPAUSE']);
    }
  });

  it('through a fault proxy: a held link fails after commandTimeoutMs and recovers on release; a cut link fails at once', async () => {
    const proxy = await startFaultProxy(redis.port);
    try {
      const limiter = createRedisRateLimiter({
        client: await connect(proxy.url),
        points: 2,
        durationSeconds: 60,
        commandTimeoutMs: 200,
        keyPrefix: 'test:proxy:',
      });
      expect((await limiter.consume('k')).allowed).toBe(true);
      proxy.hold();
      await expect(limiter.consume('k')).rejects.toThrow('rate limiter consume: no answer within 200 ms');
      proxy.release();
      // The held request reached Redis on release and was counted: the budget of 2 is spent.
      expect(await limiter.consume('k')).toMatchObject({ allowed: false });
      proxy.cut();
      const error = await limiter.consume('k').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimiterError);
    } finally {
      await proxy.close();
    }
  });

  it('a reply that is not a number is a RateLimiterError, not a decision', async () => {
    const limiter = createRedisRateLimiter({ client: { sendCommand: async () => 'OK' }, points: 5, durationSeconds: 60 });
    await expect(limiter.consume('k')).rejects.toThrow('rate limiter consume: unexpected reply');
  });

  it.each([
    [{ points: 5, durationSeconds: 60 }, /client must be a connected node-redis client/],
    [{ client: {}, points: 5, durationSeconds: 60 }, /client must be/],
    [{ client: { sendCommand: async (): Promise<unknown> => 0 }, points: 0, durationSeconds: 60 }, /points must be/],
    [{ client: { sendCommand: async (): Promise<unknown> => 0 }, points: 5, durationSeconds: 60, commandTimeoutMs: 0 }, /commandTimeoutMs .*got 0/],
    [{ client: { sendCommand: async (): Promise<unknown> => 0 }, points: 5, durationSeconds: 60, keyPrefix: 7 }, /keyPrefix must be a string/],
  ])('refuses %o with a ConfigError', (options, message) => {
    expect(() => createRedisRateLimiter(options as never)).toThrow(ConfigError);
    expect(() => createRedisRateLimiter(options as never)).toThrow(message);
  });
});
