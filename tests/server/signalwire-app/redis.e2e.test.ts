// A real redis-server shared by two app-server instances in separate
// processes: 50 concurrent refreshes for one user make one upstream refresh
// and return one token to all 50. Two projects on one Redis with the default
// keyPrefix stay apart. Also the Redis store's own contract, a Redis that goes
// away, and the optional `redis` package being absent.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisTokenStore, signalWireStoreKey, TokenStoreError, type RedisTokenStore } from '../../../src/server/index.ts';
import { startRedisServer, type RedisServer } from '../../support/redis-server.ts';
import { REFRESH_PATH, startFakeSignalWire, type FakeSignalWire } from './fake-signalwire.ts';
import { FP, issue, renew, startInstance, stopInstances } from './instances.ts';

const key = () => signalWireStoreKey({ projectId: 'p-test', baseUrl: upstream.url }, 'alice@example.net', FP);

let redis: RedisServer;
let upstream: FakeSignalWire;
let store: RedisTokenStore;
const instance = (extraNodeArgs: string[] = []) => startInstance({ REDIS_URL: redis.url, UPSTREAM_URL: upstream.url }, extraNodeArgs);

beforeAll(async () => {
  redis = await startRedisServer();
  upstream = await startFakeSignalWire({ refreshDelayMs: 30 });
  store = await createRedisTokenStore({ url: redis.url, keyPrefix: 'rtc-token-apis:signalwire:' });
});
afterAll(async () => {
  stopInstances();
  await store?.close().catch(() => {});
  await upstream?.close();
  await redis?.stop();
});

describe('two instances in separate processes sharing one Redis', () => {
  it('50 concurrent refreshes for one user: one upstream refresh, one token for all 50', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    expect(a!.url && b!.url).toBeTruthy();
    // The user signed in an hour ago: the stored token is due for a refresh.
    const pair = upstream.mintDirect();
    expect(
      await store.compareAndSet(key(), 0, { token: pair.token, refreshToken: pair.refresh_token, expireAt: 1, issuedAt: Date.now() - 3_600_000 }, 60_000),
    ).toBeDefined();
    const before = upstream.count(REFRESH_PATH);
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => renew(i % 2 ? a!.url! : b!.url!)));
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ token: string }>));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(upstream.count(REFRESH_PATH) - before).toBe(1);
    expect(new Set(bodies.map((b) => b.token)).size).toBe(1);
    const stored = await store.get(key());
    expect(bodies[0]!.token).toBe(stored!.token);
    // Seed (1), the spend mark (2), the successor (3): nothing else wrote.
    expect(stored!.generation).toBe(3);
    expect(stored!.spending).toBeUndefined();
    expect(stored!.token).not.toBe(pair.token);
  });

  it('Redis key names hold no reference or fingerprint', async () => {
    const keys = (await await redisCommand(['KEYS', '*'])) as string[];
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      expect(k).not.toContain('alice');
      expect(k).not.toContain(FP);
    }
  });
});

async function redisCommand(args: string[]): Promise<unknown> {
  const { createClient } = await import('redis');
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    return await client.sendCommand(args);
  } finally {
    await client.close();
  }
}

describe('two projects sharing one Redis with the default keyPrefix', () => {
  it("each app server only ever returns its own project's token for the same user and device", async () => {
    const env = { REDIS_URL: redis.url, UPSTREAM_URL: upstream.url };
    const [c, d] = await Promise.all([startInstance({ ...env, PROJECT_ID: 'p-tenant-c' }), startInstance({ ...env, PROJECT_ID: 'p-tenant-d' })]);
    const token = async (response: Promise<Response>) => {
      const answered = await response;
      expect(answered.status).toBe(200);
      return ((await answered.json()) as { token: string }).token;
    };
    // Same reference (alice@example.net), same fingerprint, two projects.
    const forC = await token(issue(c.url!));
    const forD = await token(issue(d.url!));
    expect(forD).not.toBe(forC);
    // Within the reuse window each refresh returns its own project's stored token.
    expect(await token(renew(c.url!))).toBe(forC);
    expect(await token(renew(d.url!))).toBe(forD);
    const keyOf = (projectId: string) => signalWireStoreKey({ projectId, baseUrl: upstream.url }, 'alice@example.net', FP);
    expect((await store.get(keyOf('p-tenant-c')))?.token).toBe(forC);
    expect((await store.get(keyOf('p-tenant-d')))?.token).toBe(forD);
  });

  it('the store key differs by space and by project, and is stable', () => {
    const base = signalWireStoreKey({ projectId: 'p1', space: 'example' }, 'alice@example.net', FP);
    expect(signalWireStoreKey({ projectId: 'p1', space: 'Example' }, 'alice@example.net', FP)).toBe(base);
    expect(signalWireStoreKey({ projectId: 'p2', space: 'example' }, 'alice@example.net', FP)).not.toBe(base);
    expect(signalWireStoreKey({ projectId: 'p1', space: 'other' }, 'alice@example.net', FP)).not.toBe(base);
    // No delimiter games: moving characters between fields gives another key.
    expect(signalWireStoreKey({ projectId: 'p1', space: 'example' }, 'alice@example.ne', `t${FP}`)).not.toBe(base);
  });
});

describe('the Redis store', () => {
  const grant = (token: string) => ({ token, refreshToken: `r-${token}`, expireAt: 1795370400, issuedAt: Date.now() });

  it('compare-and-set writes only over the expected generation', async () => {
    const key = 'cas-test';
    const first = await store.compareAndSet(key, 0, grant('one'), 60_000);
    expect(first?.generation).toBe(1);
    expect(await store.compareAndSet(key, 0, grant('two'), 60_000)).toBeUndefined();
    expect((await store.get(key))?.token).toBe('one');
    const second = await store.compareAndSet(key, 1, grant('three'), 60_000);
    expect(second?.generation).toBe(2);
    await store.delete(key, 1);
    expect((await store.get(key))?.token).toBe('three');
    await store.delete(key, 2);
    expect(await store.get(key)).toBeUndefined();
  });

  it('a lease is renewed only by its holder', async () => {
    const id = await store.acquireLock('renew-test', 60_000);
    expect(await store.renewLock!('renew-test', 'someone-else', 600_000)).toBe(false);
    expect(await store.renewLock!('renew-test', id!, 600_000)).toBe(true);
    expect(Number(await redisCommand(['PTTL', 'rtc-token-apis:signalwire:l:renew-test']))).toBeGreaterThan(60_000);
  });

  it('a spend mark round-trips through the store', async () => {
    const written = await store.compareAndSet('mark-test', 0, { ...grant('one'), spending: { id: 'spend-1', since: 1_790_000_000_000 } }, 60_000);
    expect(written?.spending).toEqual({ id: 'spend-1', since: 1_790_000_000_000 });
    expect((await store.get('mark-test'))?.spending).toEqual({ id: 'spend-1', since: 1_790_000_000_000 });
    await store.compareAndSet('mark-test', 1, grant('two'), 60_000);
    expect((await store.get('mark-test'))?.spending).toBeUndefined();
  });

  it('an entry whose spend mark is not the shape the store writes is a TokenStoreError, not a silent unmarked grant', async () => {
    const value = JSON.stringify({ token: 't', refreshToken: 'r', expireAt: 1, issuedAt: 1, spending: { id: 7 } });
    await redisCommand(['HSET', 'rtc-token-apis:signalwire:t:bad-mark', 'g', '1', 'v', value]);
    const error = await store.get('bad-mark').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect((error as TokenStoreError).operation).toBe('get');
  });

  it('the lock is exclusive and only its holder releases it', async () => {
    const id = await store.acquireLock('lock-test', 60_000);
    expect(id).toBeDefined();
    expect(await store.acquireLock('lock-test', 60_000)).toBeUndefined();
    await store.releaseLock('lock-test', 'someone-else');
    expect(await store.acquireLock('lock-test', 60_000)).toBeUndefined();
    await store.releaseLock('lock-test', id!);
    expect(await store.acquireLock('lock-test', 60_000)).toBeDefined();
  });

  it('entries expire with their time to live', async () => {
    await store.compareAndSet('ttl-test', 0, grant('short'), 1);
    const end = Date.now() + 10_000;
    while ((await store.get('ttl-test')) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(await store.get('ttl-test')).toBeUndefined();
  });

  it('an unreachable Redis is a TokenStoreError naming the step', async () => {
    const error = await createRedisTokenStore({ url: 'redis://127.0.0.1:1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect((error as TokenStoreError).operation).toBe('connect');
  });
});

describe('without the optional redis package', () => {
  it('createRedisTokenStore throws MissingDependencyError naming the package', async () => {
    const result = await instance(['--import', join(import.meta.dirname, 'fixtures', 'hide-redis.mjs')]);
    expect(result.error).toBe('MissingDependencyError');
    expect(result.message).toContain('createRedisTokenStore needs a package that is not installed: redis@');
    expect(result.message).toMatch(/Install with: npm install --save-exact redis@\d+\.\d+\.\d+$/);
  });
});

describe('when Redis goes away', () => {
  it('a refresh is the documented 500 and nothing is spent upstream', async () => {
    const app = await instance();
    await redis.stop();
    const before = upstream.count(REFRESH_PATH);
    const response = await renew(app.url!);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'internal_error', message: 'Internal server error' } });
    expect(upstream.count(REFRESH_PATH)).toBe(before);
  });
});
