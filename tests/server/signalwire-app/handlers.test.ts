// The SignalWire token handlers against a real local SignalWire stand-in:
// who the subscriber is, guest policy, single-flight refresh, fallback,
// failing upstream and store, and what the log may hold.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allowGuestAddresses, createMemoryTokenStore, signalWireStoreKey, TokenStoreError, type TokenStore } from '../../../src/server/index.ts';
import { CREATE_PATH, GUEST_PATH, REFRESH_PATH, startFakeSignalWire, type FakeSignalWire } from './fake-signalwire.ts';
import { serveSignalWireHandlers } from './serve-handlers.ts';

const FP = 'Qk9CLWRldmljZS1maW5nZXJwcmludC0xMjM0NTY3ODk';
const ADDRESS = 'a46e1381-21cf-46c9-bfed-576eb3b96370';
const OTHER = '7a7a832e-3e76-46b7-8949-5907d34963f0';
const HOUR_AGO = () => Date.now() - 3_600_000;
/** The project and base URL serveSignalWireHandlers configures: part of every store key. */
const tenant = () => ({ projectId: 'p-test', baseUrl: upstream.url });

let upstream: FakeSignalWire;
const servers: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  upstream = await startFakeSignalWire();
});
afterAll(() => upstream.close());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: Parameters<typeof serveSignalWireHandlers>[1] = {}) {
  const served = await serveSignalWireHandlers(upstream.url, options);
  servers.push(served);
  return served;
}

function post(url: string, path: string, body: unknown, credential: string | undefined = 'alice-session-7f3a9c') {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(credential && { authorization: `Bearer ${credential}` }) },
    body: JSON.stringify(body),
  });
}
const issue = (url: string, credential?: string) => post(url, '/signalwire/tokens/subscriber', { fingerprint: FP }, credential);
const renew = (url: string, credential?: string) => post(url, '/signalwire/tokens/subscriber/refresh', { fingerprint: FP }, credential);

/** Seeds the store as if the user had signed in an hour ago, with a live refresh token. */
async function seed(store: TokenStore, reference = 'alice@example.net') {
  const pair = upstream.mintDirect();
  await store.compareAndSet(
    signalWireStoreKey(tenant(), reference, FP),
    0,
    { token: pair.token, refreshToken: pair.refresh_token, expireAt: 1, issuedAt: HOUR_AGO() },
    60_000,
  );
  return pair;
}

describe('subscriber tokens', () => {
  it('takes reference and profile from the caller, sends sat:refresh with the fingerprint, keeps the refresh token', async () => {
    const store = createMemoryTokenStore();
    const server = await start({ store });
    const before = upstream.calls.length;
    const response = await issue(server.url);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; expire_at: number };
    const sent = upstream.calls.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toBe(CREATE_PATH);
    expect(sent[0]!.body).toMatchObject({ reference: 'alice@example.net', display_name: 'Alice Rivera', scope: 'sat:refresh', fingerprint: FP });
    expect(sent[0]!.body.expire_at).toBe(body.expire_at);
    const stored = await store.get(signalWireStoreKey(tenant(), 'alice@example.net', FP));
    expect(stored?.token).toBe(body.token);
    expect(stored?.refreshToken).toMatch(/^ey/);
    expect(JSON.stringify(body)).not.toContain(stored!.refreshToken);
  });

  it('two users on the same fingerprint get separate entries', async () => {
    const store = createMemoryTokenStore();
    const server = await start({ store });
    await issue(server.url);
    await issue(server.url, 'bob-session-19d2e0');
    expect(await store.get(signalWireStoreKey(tenant(), 'alice@example.net', FP))).toBeDefined();
    expect(await store.get(signalWireStoreKey(tenant(), 'bob@example.net', FP))).toBeDefined();
  });

  it('an unknown credential is 401 and nothing goes upstream', async () => {
    const server = await start();
    const before = upstream.calls.length;
    const response = await issue(server.url, 'stolen-guess');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'Unauthorized' } });
    expect(upstream.calls.length).toBe(before);
  });
});

describe('refresh', () => {
  it('50 concurrent refreshes in one process: one upstream refresh, one token for all', async () => {
    const store = createMemoryTokenStore();
    const server = await start({ store });
    const seeded = await seed(store);
    const before = upstream.count(REFRESH_PATH);
    const responses = await Promise.all(Array.from({ length: 50 }, () => renew(server.url)));
    const tokens = await Promise.all(responses.map(async (r) => ((await r.json()) as { token: string }).token));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(upstream.count(REFRESH_PATH) - before).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(seeded.token);
  });

  it('a token refreshed moments ago is returned as it is', async () => {
    const store = createMemoryTokenStore();
    const server = await start({ store });
    await seed(store);
    const first = (await (await renew(server.url)).json()) as { token: string };
    const before = upstream.count(REFRESH_PATH);
    const second = (await (await renew(server.url)).json()) as { token: string };
    expect(second.token).toBe(first.token);
    expect(upstream.count(REFRESH_PATH)).toBe(before);
  });

  it('a rejected refresh token (token_expired) mints a new subscriber token by default', async () => {
    const store = createMemoryTokenStore();
    const server = await start({ store });
    await seed(store);
    upstream.expireAll();
    const creates = upstream.count(CREATE_PATH);
    const response = await renew(server.url);
    expect(response.status).toBe(200);
    expect(upstream.count(CREATE_PATH) - creates).toBe(1);
    const log = server.logs.at(-1)!;
    expect(log.outcome).toBe('minted');
  });

  it('no stored refresh token mints a new one by default', async () => {
    const server = await start();
    const response = await renew(server.url);
    expect(response.status).toBe(200);
    expect(server.logs.at(-1)!.outcome).toBe('minted');
  });

  it("refreshFallback 'refuse': a gone or rejected refresh token is 401 refresh_unavailable", async () => {
    const store = createMemoryTokenStore();
    const server = await start({ store, refreshFallback: 'refuse' });
    const empty = await renew(server.url);
    expect(empty.status).toBe(401);
    expect(await empty.json()).toEqual({ error: { code: 'refresh_unavailable', message: 'Refresh token unavailable; sign in again.' } });
    await seed(store);
    upstream.expireAll();
    const creates = upstream.count(CREATE_PATH);
    const rejected = await renew(server.url);
    expect(rejected.status).toBe(401);
    expect(upstream.count(CREATE_PATH)).toBe(creates);
    expect(await store.get(signalWireStoreKey(tenant(), 'alice@example.net', FP))).toBeUndefined();
  });

  it('an upstream failure is the documented 500 with nothing from upstream in it', async () => {
    const store = createMemoryTokenStore();
    const server = await start({ store });
    await seed(store);
    upstream.failNextWith(500);
    const response = await renew(server.url);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'internal_error', message: 'Internal server error' } });
    expect(server.logs.at(-1)).toMatchObject({ outcome: 'upstream-error', upstream: 'http 500' });
  });
});

describe('a store that is down', () => {
  /** A memory store whose next compareAndSet throws, as a dropped Redis connection does. */
  function flakyStore() {
    const inner = createMemoryTokenStore();
    let failWrites = 0;
    const store: TokenStore = {
      ...inner,
      async compareAndSet(...args) {
        if (failWrites > 0) {
          failWrites--;
          throw new TokenStoreError('compareAndSet', 'connection lost');
        }
        return inner.compareAndSet(...args);
      },
    };
    return {
      store,
      failNextWrite: () => {
        failWrites = 1;
      },
    };
  }

  it('answers 500 logged once, and keeps the new refresh token for the next request', async () => {
    const { store, failNextWrite } = flakyStore();
    const server = await start({ store });
    await seed(store);
    failNextWrite();
    const refreshes = upstream.count(REFRESH_PATH);
    const logsBefore = server.logs.length;
    const failed = await renew(server.url);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: { code: 'internal_error', message: 'Internal server error' } });
    expect(server.logs.slice(logsBefore)).toEqual([expect.objectContaining({ outcome: 'store-error', store: 'compareAndSet', status: 500 })]);
    // The refresh token was spent upstream; its successor must not be lost.
    const next = await renew(server.url);
    expect(next.status).toBe(200);
    expect(upstream.count(REFRESH_PATH) - refreshes).toBe(1);
    const stored = await store.get(signalWireStoreKey(tenant(), 'alice@example.net', FP));
    expect(((await next.json()) as { token: string }).token).toBe(stored!.token);
  });

  it('a store whose reads fail is a 500 and nothing is spent', async () => {
    const inner = createMemoryTokenStore();
    const store: TokenStore = {
      ...inner,
      get: async () => {
        throw new TokenStoreError('get', 'ECONNREFUSED');
      },
    };
    const server = await start({ store });
    const refreshes = upstream.count(REFRESH_PATH);
    const response = await renew(server.url);
    expect(response.status).toBe(500);
    expect(upstream.count(REFRESH_PATH)).toBe(refreshes);
  });
});

describe('guest tokens', () => {
  it('the default policy refuses every guest (403) and nothing goes upstream', async () => {
    const server = await start();
    const before = upstream.count(GUEST_PATH);
    const response = await post(server.url, '/signalwire/tokens/guest', { allowed_addresses: [ADDRESS] }, undefined);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'address_refused', message: 'Address not allowed.' } });
    expect(upstream.count(GUEST_PATH)).toBe(before);
  });

  it('allowGuestAddresses grants listed addresses to anonymous visitors and refuses others', async () => {
    const server = await start({ guestPolicy: allowGuestAddresses([ADDRESS]) });
    const ok = await post(server.url, '/signalwire/tokens/guest', { allowed_addresses: [ADDRESS] }, undefined);
    expect(ok.status).toBe(200);
    expect(upstream.calls.at(-1)).toMatchObject({ path: GUEST_PATH, body: { allowed_addresses: [ADDRESS] } });
    const refused = await post(server.url, '/signalwire/tokens/guest', { allowed_addresses: [ADDRESS, OTHER] }, undefined);
    expect(refused.status).toBe(403);
  });

  it('a guest request with a credential the server does not accept is 401, not anonymous', async () => {
    const server = await start({ guestPolicy: allowGuestAddresses([ADDRESS]) });
    const response = await post(server.url, '/signalwire/tokens/guest', { allowed_addresses: [ADDRESS] }, 'expired-session');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'Unauthorized' } });
  });

  it('the policy sees the caller, and may narrow the list', async () => {
    const seen: unknown[] = [];
    const server = await start({
      guestPolicy: (requested, { caller }) => {
        seen.push(caller);
        return requested.slice(0, 1);
      },
    });
    const response = await post(server.url, '/signalwire/tokens/guest', { allowed_addresses: [ADDRESS, OTHER] });
    expect(response.status).toBe(200);
    expect(seen[0]).toMatchObject({ id: 'alice' });
    expect(upstream.calls.at(-1)!.body.allowed_addresses).toEqual([ADDRESS]);
  });
});

describe('the log', () => {
  it('one line per request, with no token, refresh token, reference, fingerprint, address or credential', async () => {
    const store = createMemoryTokenStore();
    const server = await start({ store, guestPolicy: allowGuestAddresses([ADDRESS]) });
    const seeded = await seed(store);
    const issued = (await (await issue(server.url)).json()) as { token: string };
    const renewed = (await (await renew(server.url)).json()) as { token: string };
    await post(server.url, '/signalwire/tokens/guest', { allowed_addresses: [ADDRESS] });
    await post(server.url, '/signalwire/tokens/nope', {});
    await post(server.url, '/signalwire/tokens/subscriber', { fingerprint: FP, reference: 'eve@example.net' });
    expect(server.logs).toHaveLength(5);
    expect(server.logs.map((l) => l.outcome)).toEqual(['minted', 'reused', 'guest', 'not-found', 'invalid-body']);
    const text = JSON.stringify(server.logs);
    const stored = await store.get(signalWireStoreKey(tenant(), 'alice@example.net', FP));
    for (const secret of [
      seeded.token,
      seeded.refresh_token,
      issued.token,
      renewed.token,
      stored!.refreshToken,
      'alice@example.net',
      'eve@example.net',
      FP,
      ADDRESS,
      'alice-session-7f3a9c',
      'PTsecret-api-token',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(server.logs[2]!.addresses).toEqual({ requested: 1, granted: 1 });
  });

  it('a hook that throws is a 500 naming the hook in the log only', async () => {
    const server = await start({
      subscriber: () => {
        throw new Error('db down: alice@example.net');
      },
    });
    const response = await issue(server.url);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('alice');
    expect(server.logs.at(-1)).toMatchObject({ outcome: 'internal-error', failedHook: 'subscriber' });
  });
});

describe('configuration', () => {
  it('pathPrefix moves every endpoint under it', async () => {
    const server = await start({ pathPrefix: '/api' });
    expect((await post(server.url, '/api/signalwire/tokens/subscriber', { fingerprint: FP })).status).toBe(200);
    expect((await issue(server.url)).status).toBe(404);
  });

  it('missing hooks and bad options are ConfigErrors at construction, naming the option', async () => {
    const { createSignalWireTokenHandlers, ConfigError } = await import('../../../src/server/index.ts');
    const base = { signalwire: { projectId: 'p', apiToken: 't', baseUrl: upstream.url }, authorize: () => ({}), subscriber: () => ({ reference: 'r' }) };
    expect(() => createSignalWireTokenHandlers({ ...base, subscriber: undefined as never })).toThrow(/subscriber is required/);
    expect(() => createSignalWireTokenHandlers({ ...base, refreshFallback: 'retry' as never })).toThrow(ConfigError);
    expect(() => createSignalWireTokenHandlers({ ...base, store: {} as never })).toThrow(/store must implement TokenStore/);
    expect(() => createSignalWireTokenHandlers({ ...base, signalwire: { projectId: 'p', apiToken: '' } })).toThrow(/apiToken/);
  });
});
