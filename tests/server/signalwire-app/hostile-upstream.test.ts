// Whatever SignalWire answers, only a token of the documented shape leaves
// the server, and only a complete grant is stored: a hostile upstream 2xx on
// each of the three app endpoints is the documented 500, logged as an
// upstream error, with nothing of the upstream body in the reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowGuestAddresses, createMemoryTokenStore, signalWireStoreKey, type TokenStore } from '../../../src/server/index.ts';
import { serve, type Served } from '../../support/local-server.ts';
import { serveSignalWireHandlers } from './serve-handlers.ts';

const FP = 'SE9TVElMRS1kZXZpY2UtZmluZ2VycHJpbnQtMTIzNDU';
const ADDRESS = 'a46e1381-21cf-46c9-bfed-576eb3b96370';
const b64 = (s: string) => Buffer.from(s).toString('base64url');
const jwe = (typ: string, n: string) => [b64(`{"alg":"dir","enc":"A256GCM","typ":"${typ}"}`), '', b64(`iv-${n}`), b64(`ct-${n}`), b64(`tag-${n}`)].join('.');
const LEAK = 'hostile-refresh-secret-0f9e8d';
const DEBUG = 'upstream-debug-note-77aa';

/** The 2xx bodies a hostile or broken SignalWire might send. `refresh_token` is only required where the spec requires it (all three). */
const HOSTILE: [string, (status: number) => Record<string, unknown>][] = [
  ['token is an object holding the refresh token', () => ({ token: { refresh_token: LEAK, debug: DEBUG }, refresh_token: jwe('Refresh', 'a') })],
  ['no token at all', () => ({ refresh_token: jwe('Refresh', 'b'), debug: DEBUG })],
  ['token: 12345', () => ({ token: 12345, refresh_token: jwe('Refresh', 'c') })],
  ['no refresh_token', () => ({ token: jwe('SAT', 'd'), debug: DEBUG })],
  ['a token string that is not a JWS/JWE', () => ({ token: `${DEBUG} ${LEAK}`, refresh_token: jwe('Refresh', 'e') })],
];

let answer: (status: number) => Record<string, unknown> = () => ({});
let upstream: Served;
beforeAll(async () => {
  upstream = await serve((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = req.url === '/api/fabric/subscribers/tokens' ? 200 : 201;
      const body = { subscriber_id: '106cc2b4-e4ee-477e-9006-be24c5de6961', ...answer(status) };
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
});
afterAll(() => upstream.close());

function post(url: string, path: string, body: unknown) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer alice-session-7f3a9c' },
    body: JSON.stringify(body),
  });
}

/** The handlers' tenant: the `signalwire` options serve-handlers.ts passes (its baseUrl is this upstream). */
const key = () => signalWireStoreKey({ projectId: 'p-test', baseUrl: upstream.url }, 'alice@example.net', FP);
const SEEDED = { token: jwe('SAT', 'old'), refreshToken: jwe('Refresh', 'old'), expireAt: 1, issuedAt: 0 };

const ENDPOINTS: [string, string, unknown, (store: TokenStore) => Promise<void>][] = [
  ['subscriber', '/signalwire/tokens/subscriber', { fingerprint: FP }, async () => {}],
  ['refresh', '/signalwire/tokens/subscriber/refresh', { fingerprint: FP }, async (store) => void (await store.compareAndSet(key(), 0, SEEDED, 60_000))],
  ['guest', '/signalwire/tokens/guest', { allowed_addresses: [ADDRESS] }, async () => {}],
];

describe.each(ENDPOINTS)('%s endpoint under a hostile upstream', (_name, path, body, seed) => {
  it.each(HOSTILE)('%s: the documented 500, logged as upstream-error, nothing stored, nothing upstream in the reply', async (_case, hostile) => {
    answer = hostile;
    const store = createMemoryTokenStore();
    await seed(store);
    const before = await store.get(key());
    const server = await serveSignalWireHandlers(upstream.url, { store, guestPolicy: allowGuestAddresses([ADDRESS]) });
    try {
      const response = await post(server.url, path, body);
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'Internal server error' } });
      for (const secret of [LEAK, DEBUG, 'refresh_token', '12345']) expect(text).not.toContain(secret);
      expect(server.logs).toEqual([expect.objectContaining({ status: 500, outcome: 'upstream-error', upstream: 'response-body' })]);
      expect(JSON.stringify(server.logs)).not.toContain(LEAK);
      // Nothing stored: the grant is what it was before the request (none, or the seeded one). A
      // refresh leaves its spend mark: SignalWire answered, so the old refresh token may be spent.
      const grant = (entry: Awaited<ReturnType<TokenStore['get']>>) =>
        entry && { token: entry.token, refreshToken: entry.refreshToken, expireAt: entry.expireAt };
      expect(grant(await store.get(key()))).toEqual(grant(before));
    } finally {
      await server.close();
    }
  });

  it('a well-formed answer is passed on (the check is not a blanket refusal)', async () => {
    answer = () => ({ token: jwe('SAT', 'ok'), refresh_token: jwe('Refresh', 'ok') });
    const store = createMemoryTokenStore();
    await seed(store);
    const server = await serveSignalWireHandlers(upstream.url, { store, guestPolicy: allowGuestAddresses([ADDRESS]) });
    try {
      const response = await post(server.url, path, body);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { token: string }).token).toBe(jwe('SAT', 'ok'));
    } finally {
      await server.close();
    }
  });
});
