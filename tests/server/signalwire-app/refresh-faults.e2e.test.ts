// A refresh never spends a single-use refresh token twice, whatever happens to
// one instance's Redis link mid-refresh. Real parts only: a real redis-server,
// a fault-injecting TCP proxy in front of instance A (cut, hold), instances in
// separate processes, and a SignalWire stand-in that counts how often each
// refresh token is presented and holds its answer until the test releases it.
// No clocks decide anything: every step waits for an event (the upstream got
// the refresh, A answered, B answered).
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createRedisTokenStore, signalWireStoreKey, type RedisTokenStore } from '../../../src/server/index.ts';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { startRedisServer, type RedisServer } from '../../support/redis-server.ts';
import { CREATE_PATH, startFakeSignalWire, type FakeSignalWire } from './fake-signalwire.ts';
import { FP, renew, startInstance, stopInstances } from './instances.ts';

let redis: RedisServer;
let upstream: FakeSignalWire;
let store: RedisTokenStore;
const proxies: FaultProxy[] = [];

// Each test is its own SignalWire project (the tenant is part of the key), so a lease a cut-off
// instance left behind in one test is not in the next one's way.
let project = 0;
const key = () => signalWireStoreKey({ projectId: `p-fault-${project}`, baseUrl: upstream.url }, 'alice@example.net', FP);

beforeAll(async () => {
  redis = await startRedisServer();
  upstream = await startFakeSignalWire();
  store = await createRedisTokenStore({ url: redis.url });
});
afterEach(async () => {
  stopInstances();
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});
afterAll(async () => {
  await store?.close().catch(() => {});
  await upstream?.close();
  await redis?.stop();
});

/** Alice signed in an hour ago: her stored token is due for a refresh. Returns the stored refresh token. */
async function seed(): Promise<string> {
  const pair = upstream.mintDirect();
  const current = await store.get(key());
  const written = await store.compareAndSet(
    key(),
    current?.generation ?? 0,
    { token: pair.token, refreshToken: pair.refresh_token, expireAt: 1, issuedAt: Date.now() - 3_600_000 },
    600_000,
  );
  expect(written).toBeDefined();
  return pair.refresh_token;
}

/** Instance A behind a fault proxy, instance B on a direct link; `timeoutMs` is each SignalWire call's. */
async function instances(env: Record<string, string> = {}) {
  project++;
  env = { ...env, PROJECT_ID: `p-fault-${project}` };
  const proxy = await startFaultProxy(redis.port);
  proxies.push(proxy);
  const [a, b] = await Promise.all([
    startInstance({ REDIS_URL: proxy.url, UPSTREAM_URL: upstream.url, ...env }),
    startInstance({ REDIS_URL: redis.url, UPSTREAM_URL: upstream.url, ...env }),
  ]);
  expect(a.url && b.url).toBeTruthy();
  return { proxy, a: a.url!, b: b.url! };
}

/**
 * A's refresh once its Redis client is back through the proxy. Its client reconnects on its own
 * backoff and is ready a moment after the link opens: until then it answers 500 at once (it never
 * queues), so the call is repeated (a safety net of 50 tries) while it does.
 */
async function renewOnceLinked(url: string, proxy: FaultProxy): Promise<Response> {
  await proxy.linked();
  for (let attempt = 1; ; attempt++) {
    const response = await renew(url);
    if (response.status !== 500 || attempt === 50) return response;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Seeds a due grant, has instance A refresh it, and once SignalWire holds the refresh (the token
 * is spent) applies `fault` to A's link before SignalWire answers. A answers 500 (its write
 * failed). Returns the spent refresh token.
 */
async function aSpendsThen(a: string, fault: () => void): Promise<string> {
  const spentToken = await seed();
  const held = upstream.holdNextRefresh();
  const answerA = renew(a);
  await held.arrived;
  fault();
  held.release();
  expect((await answerA).status).toBe(500);
  return spentToken;
}

/** Every refresh token presented upstream at most once. */
function expectNoDoubleSpend() {
  expect([...upstream.spent.values()].filter((n) => n > 1)).toEqual([]);
}

/**
 * A spends the refresh token and `fault` hits its Redis link; B renews while the fault lasts and
 * `heal` ends it. B must answer with the one successor SignalWire issued, never spending the old
 * token again. Returns what the test goes on to check.
 */
async function bGetsTheSuccessor(fault: (proxy: FaultProxy) => void, heal: (proxy: FaultProxy) => void) {
  // Generous SignalWire timeout: a safety net, not what the test waits for.
  const { proxy, a, b } = await instances({ TIMEOUT_MS: '30000' });
  const spentToken = await aSpendsThen(a, () => fault(proxy));
  const answerB = renew(b);
  heal(proxy);
  const responseB = await answerB;
  expect(responseB.status).toBe(200);
  const successor = upstream.exchanged.get(spentToken)!;
  expect(((await responseB.json()) as { token: string }).token).toBe(successor.token);
  return { a, spentToken, successor };
}

it('A loses Redis after spending the refresh token upstream: B never spends it again, and gets the successor once A is back', async () => {
  // SignalWire has the refresh token; A's Redis link goes away before the answer. The successor
  // pair exists only in A's memory then: B must not spend the old token.
  const { spentToken, successor } = await bGetsTheSuccessor(
    (proxy) => proxy.cut(),
    (proxy) => proxy.restore(),
  );
  expect(upstream.spent.get(spentToken)).toBe(1);
  expectNoDoubleSpend();
  const stored = await store.get(key());
  expect(stored).toMatchObject({ token: successor.token, refreshToken: successor.refresh_token });
  expect(stored!.spending).toBeUndefined();
});

it("A's link is slow (its write outlives the command timeout): B waits instead of spending, and both end on one successor", async () => {
  // Every byte between A and Redis waits: A's write will time out on A's side but still arrive.
  const { a, spentToken, successor } = await bGetsTheSuccessor(
    (proxy) => proxy.hold(),
    (proxy) => proxy.release(),
  );
  // A, back on a normal link, agrees.
  const againA = await renew(a);
  expect(((await againA.json()) as { token: string }).token).toBe(successor.token);
  expect(upstream.spent.get(spentToken)).toBe(1);
  expectNoDoubleSpend();
});

it('a successor that cannot be stored before the bound: B applies refreshFallback (mint) without spending the old token', async () => {
  // timeoutMs 1000: the lease lives 3 s and an unresolved spend holds the key 6 s (2 × lease).
  const { proxy, a, b } = await instances({ TIMEOUT_MS: '1000' });
  const spentToken = await aSpendsThen(a, () => proxy.cut());
  const mintsBefore = upstream.count(CREATE_PATH);
  // A stays cut off: B waits out the bound, then mints.
  const responseB = await renew(b);
  expect(responseB.status).toBe(200);
  expect(upstream.count(CREATE_PATH)).toBe(mintsBefore + 1);
  const minted = ((await responseB.json()) as { token: string }).token;
  expect(minted).not.toBe(upstream.exchanged.get(spentToken)?.token);
  expect(upstream.spent.get(spentToken)).toBe(1);
  // A comes back: its late successor must not overwrite B's grant, and nothing is spent twice.
  proxy.restore();
  const againA = await renewOnceLinked(a, proxy);
  expect(againA.status).toBe(200);
  expect(((await againA.json()) as { token: string }).token).toBe(minted);
  expect((await store.get(key()))?.token).toBe(minted);
  expectNoDoubleSpend();
});

it("with refreshFallback 'refuse' the same case is 401 refresh_unavailable, and the old token is still spent once", async () => {
  const { proxy, a, b } = await instances({ TIMEOUT_MS: '1000', REFRESH_FALLBACK: 'refuse' });
  const spentToken = await aSpendsThen(a, () => proxy.cut());
  const responseB = await renew(b);
  expect(responseB.status).toBe(401);
  expect(await responseB.json()).toEqual({ error: { code: 'refresh_unavailable', message: expect.any(String) } });
  expect(upstream.spent.get(spentToken)).toBe(1);
  expect(await store.get(key())).toBeUndefined();
  expectNoDoubleSpend();
});
