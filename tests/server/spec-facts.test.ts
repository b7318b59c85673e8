// Facts the handlers act on come from the specs only: change a copy of a
// spec (a lifetime, a dead refresh code, a profile field, an error message,
// a body limit, the wrong-method answer), run the generator's pure function
// on it, build the handlers on those facts, and see them follow. Nothing of
// it is a number or string in src/. The mock and `verify` are held to the
// same, on a regenerated copy of the repository, in
// tests/contract/spec-facts.e2e.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationFactsOf } from '../../scripts/lib/artifacts.ts';
import { loadBundledSpec } from '../../src/openapi-doc/bundled.ts';
import { buildProconfTokenHandler } from '../../src/server/proconf-token-handler.ts';
import { buildSignalWireTokenHandlers } from '../../src/server/signalwire-token-handlers.ts';
import { createMemoryTokenStore, signalWireStoreKey } from '../../src/server/index.ts';
import { mintingAdminUrl } from './serve.ts';
import { CREATE_PATH, startFakeSignalWire, type FakeSignalWire } from './signalwire-app/fake-signalwire.ts';

type Doc = Record<string, any>;
const FP = 'U1BFQy1GQUNUUy1kZXZpY2UtZmluZ2VycHJpbnQtMTI';

/** The facts of every bundled API, after `change` edits copies of the documents. */
function factsWith(change: (docs: Record<string, Doc>) => void) {
  const names = ['signalwire-fabric', 'signalwire-app', 'proconf-app', 'proconf-admin'];
  const docs = Object.fromEntries(names.map((name) => [name, structuredClone(loadBundledSpec(name).document) as Doc]));
  change(docs);
  return operationFactsOf(names.map((name) => ({ name, document: docs[name]! })));
}
const refreshOp = (docs: Record<string, Doc>) => docs['signalwire-fabric']!.paths['/api/fabric/subscribers/tokens/refresh'].post;
const createOp = (docs: Record<string, Doc>) => docs['signalwire-fabric']!.paths['/api/fabric/subscribers/tokens'].post;

let upstream: FakeSignalWire;
beforeAll(async () => {
  upstream = await startFakeSignalWire();
});
afterAll(() => upstream.close());

function handlers(facts: ReturnType<typeof factsWith>, options: Record<string, unknown> = {}) {
  return buildSignalWireTokenHandlers<string>(
    {
      signalwire: { projectId: 'p-test', apiToken: 'PTsecret-api-token', baseUrl: upstream.url },
      authorize: () => 'dana',
      subscriber: () => ({ reference: 'dana@example.net', display_name: 'Dana', nickname: 'dee' }) as never,
      logger: false,
      ...options,
    },
    facts,
  );
}
const call = (handler: (r: Request) => Promise<Response>, path: string, body: unknown) =>
  handler(new Request(`http://app.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

async function seeded(facts: ReturnType<typeof factsWith>, options: Record<string, unknown> = {}) {
  const store = createMemoryTokenStore();
  const pair = upstream.mintDirect();
  await store.compareAndSet(
    signalWireStoreKey({ projectId: 'p-test', baseUrl: upstream.url }, 'dana@example.net', FP),
    0,
    { token: pair.token, refreshToken: pair.refresh_token, expireAt: 1, issuedAt: 0 },
    60_000,
  );
  return handlers(facts, { store, ...options });
}

describe('the handlers follow the spec', () => {
  it('x-token-lifetimes: the minted and the refreshed expire_at', async () => {
    const facts = factsWith((docs) => {
      createOp(docs)['x-token-lifetimes'] = { token: 900 };
      refreshOp(docs)['x-token-lifetimes'] = { token: 1800, refresh_token: 2100 };
    });
    const now = Math.floor(Date.now() / 1000);
    const minted = (await (await call(handlers(facts), '/signalwire/tokens/subscriber', { fingerprint: FP })).json()) as { expire_at: number };
    expect(minted.expire_at - now).toBeGreaterThanOrEqual(900);
    expect(minted.expire_at - now).toBeLessThan(960);
    const renewed = await call(await seeded(facts), '/signalwire/tokens/subscriber/refresh', { fingerprint: FP });
    const body = (await renewed.json()) as { expire_at: number };
    expect(body.expire_at - now).toBeGreaterThanOrEqual(1800);
    expect(body.expire_at - now).toBeLessThan(1860);
  });

  it('x-dead-refresh-codes: a code taken off the list no longer triggers the mint fallback', async () => {
    const spent = async (facts: ReturnType<typeof factsWith>) => {
      const handler = await seeded(facts);
      upstream.expireAll();
      return (await call(handler, '/signalwire/tokens/subscriber/refresh', { fingerprint: FP })).status;
    };
    expect(await spent(factsWith(() => {}))).toBe(200);
    const facts = factsWith((docs) => {
      refreshOp(docs)['x-dead-refresh-codes'] = ['not_a_refresh_token', 'invalid_token_format'];
    });
    expect(await spent(facts)).toBe(500);
  });

  it('profile fields: a property added to the request schema travels upstream; one not in it never does', async () => {
    const sentBody = async (facts: ReturnType<typeof factsWith>) => {
      const before = upstream.calls.length;
      await call(handlers(facts), '/signalwire/tokens/subscriber', { fingerprint: FP });
      return upstream.calls.slice(before).find((c) => c.path === CREATE_PATH)!.body;
    };
    expect(await sentBody(factsWith(() => {}))).not.toHaveProperty('nickname');
    const facts = factsWith((docs) => {
      docs['signalwire-fabric']!.components.schemas.SubscriberTokenRequest.properties.nickname = { type: 'string' };
    });
    expect(await sentBody(facts)).toMatchObject({ nickname: 'dee', display_name: 'Dana' });
  });

  it('error messages: a reworded example is what the handler sends (SignalWire and ProCONF)', async () => {
    const facts = factsWith((docs) => {
      const app = docs['signalwire-app']!.components.responses;
      app.RefreshUnauthorized.content['application/json'].examples.refresh_unavailable.value.error.message = 'Please sign in again.';
      app.Forbidden.content['application/json'].examples.address_refused.value.error.message = 'Not for guests.';
      docs['proconf-app']!.components.responses.Unauthorized.content['application/json'].examples.unauthorized.value.error.message = 'Who are you?';
    });
    const refused = await call(handlers(facts, { refreshFallback: 'refuse' }), '/signalwire/tokens/subscriber/refresh', { fingerprint: FP });
    expect(await refused.json()).toEqual({ error: { code: 'refresh_unavailable', message: 'Please sign in again.' } });
    const guest = await call(handlers(facts), '/signalwire/tokens/guest', { allowed_addresses: ['a46e1381-21cf-46c9-bfed-576eb3b96370'] });
    expect(await guest.json()).toEqual({ error: { code: 'address_refused', message: 'Not for guests.' } });
    const proconf = buildProconfTokenHandler({ admin: { baseUrl: await mintingAdminUrl() }, authorize: () => null, logger: false }, facts);
    const unauthorized = await call(proconf, '/proconfToken', { role: 'member', room: 'r', participantName: 'p' });
    expect(await unauthorized.json()).toEqual({ data: null, error: { code: 401, message: 'Who are you?' } });
  });

  it('x-body-limit: a body over the changed limit gets the 413 (SignalWire and ProCONF)', async () => {
    const facts = factsWith((docs) => {
      docs['signalwire-app']!.paths['/signalwire/tokens/subscriber'].post['x-body-limit'] = 2048;
      docs['proconf-app']!.paths['/proconfToken'].post['x-body-limit'] = 2048;
    });
    const padded = (body: object, bytes: number) => `${JSON.stringify(body).slice(0, -1) + ' '.repeat(bytes)}}`;
    const send = (handler: (r: Request) => Promise<Response>, path: string, body: string) =>
      handler(new Request(`http://app.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    const signalwire = handlers(facts);
    expect((await send(signalwire, '/signalwire/tokens/subscriber', padded({ fingerprint: FP }, 1000))).status).toBe(200);
    expect((await send(signalwire, '/signalwire/tokens/subscriber', padded({ fingerprint: FP }, 3000))).status).toBe(413);
    const proconf = buildProconfTokenHandler(
      { admin: { baseUrl: await mintingAdminUrl() }, authorize: () => ({ id: 'dana', roles: ['member'] }), logger: false },
      facts,
    );
    const member = { role: 'member', room: 'r', participantName: 'p' };
    expect((await send(proconf, '/proconfToken', padded(member, 1000))).status).not.toBe(413);
    expect((await send(proconf, '/proconfToken', padded(member, 3000))).status).toBe(413);
  });

  it('x-wrong-method: another method gets the response the spec now marks, not the 404', async () => {
    const answer = { data: null, error: { code: 405, message: 'Use POST.' } };
    const facts = factsWith((docs) => {
      const app = docs['proconf-app']!;
      delete app.components.responses.NotFound['x-wrong-method'];
      app.paths['/proconfToken'].post.responses['405'] = {
        description: 'Another HTTP method.',
        'x-wrong-method': true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' }, examples: { method_not_allowed: { value: answer } } } },
      };
    });
    const proconf = buildProconfTokenHandler({ admin: { baseUrl: await mintingAdminUrl() }, authorize: () => null, logger: false }, facts);
    const wrong = await proconf(new Request('http://app.test/proconfToken', { method: 'GET' }));
    expect(wrong.status).toBe(405);
    expect(await wrong.json()).toEqual(answer);
    const unknown = await proconf(new Request('http://app.test/proconfTokens', { method: 'POST' }));
    expect(unknown.status).toBe(404);
  });

  it('a spec that documents no response for an outcome the handler needs is a ConfigError at construction', () => {
    const facts = factsWith((docs) => {
      delete docs['signalwire-app']!.components.responses.RefreshUnauthorized.content['application/json'].examples.refresh_unavailable;
    });
    expect(() => handlers(facts)).toThrow(/renew_subscriber_token: the spec documents no response for refresh-unavailable/);
  });
});
