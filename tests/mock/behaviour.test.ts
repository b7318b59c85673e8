// The mock behaves like the provider on valid requests that name no example:
// ProCONF tokens carry what was asked, subscriber ids are stable per
// reference, a reset gives a new token, and (stateful mode) a refresh token
// works once and a past expire_at is refused. Forced scenarios still win.
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PROCONF_SECRET, startMockServer, type MockServer } from '../../src/mock/index.ts';
import { scenarioTable } from '../../src/mock/scenario-table.ts';
import { operations } from '../../generated/operations.ts';
import { responseExamples, responseSchemaErrors } from '../support/spec-schemas.ts';
import { decodeSegment, realismProblems } from './realistic.ts';
import { send } from './requests.ts';

let mock: MockServer;
let stateless: MockServer;
beforeAll(async () => {
  [mock, stateless] = await Promise.all([startMockServer({ port: 0 }), startMockServer({ port: 0, stateful: false })]);
});
afterAll(() => Promise.all([mock.close(), stateless.close()]));
beforeEach(() => mock.reset());

/** Sends, and checks the body against the spec and the realism rules whatever the status. */
async function valid(id: keyof typeof operations, overrides: Parameters<typeof send>[2] = {}, target = mock) {
  const got = await send(target.url, id, overrides);
  const op = operations[id];
  expect(responseSchemaErrors(op.api, op.path, got.status, got.body), `${id} ${got.status}`).toBe('');
  expect(realismProblems(got.body, op.api)).toEqual([]);
  return got;
}

const example422 = (id: keyof typeof operations, name: string) => responseExamples(operations[id].api, operations[id].path, 422)[name];

describe('ProCONF tokens reflect the request', () => {
  for (const id of ['get_proconf_token', 'create_proconf_token'] as const) {
    it(`${id}: HS256 with the demo secret, room lowercased, participant, role, iat now, nbf -1 h, exp +7 d`, async () => {
      const before = Math.floor(Date.now() / 1000);
      const got = await valid(id, { body: { role: 'moderator', room: 'Board-Room', participantName: 'Zoë Ng' } });
      const after = Math.ceil(Date.now() / 1000);
      expect(got.status).toBe(200);
      const [header, payload, signature] = String(got.body.data).split('.');
      expect(decodeSegment(header!)).toEqual({ alg: 'HS256', typ: 'JWT' });
      const claims = decodeSegment(payload!);
      expect(claims).toMatchObject({
        aud: '*',
        iss: 'xyz',
        sub: 'xyz.proconf.info',
        room: 'board-room',
        participantName: 'Zoë Ng',
        context: { user: { role: 'moderator' } },
      });
      expect(claims.iat).toBeGreaterThanOrEqual(before);
      expect(claims.iat).toBeLessThanOrEqual(after);
      expect(claims.nbf).toBe(claims.iat - 3600);
      expect(claims.exp).toBe(claims.iat + 7 * 24 * 3600);
      expect(createHmac('sha256', DEMO_PROCONF_SECRET).update(`${header}.${payload}`).digest('base64url')).toBe(signature);
    });
  }

  it('still serves a named example verbatim when one is asked for', async () => {
    const got = await valid('get_proconf_token', { headers: { prefer: 'example=token' }, body: { role: 'member', room: 'standup', participantName: 'Priya' } });
    expect(got.body).toEqual(responseExamples('proconf-app', '/proconfToken', 200).token);
  });
});

describe('SignalWire tokens', () => {
  it('keeps subscriber_id stable per reference, with new tokens each call', async () => {
    const a1 = await valid('create_subscriber_token', { body: { reference: 'alice@example.net' } });
    const a2 = await valid('create_subscriber_token', { body: { reference: 'alice@example.net' } });
    const b = await valid('create_subscriber_token', { body: { reference: 'bob@example.net' } });
    expect(a1.body.subscriber_id).toBe(a2.body.subscriber_id);
    expect(b.body.subscriber_id).not.toBe(a1.body.subscriber_id);
    expect(a2.body.token).not.toBe(a1.body.token);
    expect(a2.body.refresh_token).not.toBe(a1.body.refresh_token);
  });

  it('returns a new conference token on every reset, for the id in the path', async () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const path = `/api/video/conference_tokens/${id}/reset`;
    const [r1, r2] = [await valid('reset_conference_token', { path }), await valid('reset_conference_token', { path })];
    expect(r1.body.id).toBe(id);
    expect(r1.body.token).toMatch(/^vpt_[0-9a-f]{32}$/);
    expect(r2.body.token).not.toBe(r1.body.token);
  });
});

describe('stateful mode (the default)', () => {
  it('accepts an issued refresh token once, then answers the documented token_expired 422', async () => {
    const created = await valid('create_subscriber_token', { body: { reference: 'alice@example.net', scope: 'sat:refresh' } });
    const first = await valid('refresh_subscriber_token', { body: { refresh_token: created.body.refresh_token } });
    expect(first.status).toBe(201);
    const again = await valid('refresh_subscriber_token', { body: { refresh_token: created.body.refresh_token } });
    expect([again.status, again.body]).toEqual([422, example422('refresh_subscriber_token', 'token_expired')]);
    // The new refresh token works, once.
    expect((await valid('refresh_subscriber_token', { body: { refresh_token: first.body.refresh_token } })).status).toBe(201);
  });

  it('answers not_a_refresh_token for an access token it issued', async () => {
    const guest = await valid('create_subscriber_guest_token');
    const got = await valid('refresh_subscriber_token', { body: { refresh_token: guest.body.token } });
    expect([got.status, got.body]).toEqual([422, example422('refresh_subscriber_token', 'not_a_refresh_token')]);
  });

  it('refuses a subscriber or guest token whose expire_at is in the past, naming expire_at', async () => {
    const past = Math.floor(Date.now() / 1000) - 60;
    const subscriber = await valid('create_subscriber_token', { body: { reference: 'alice@example.net', expire_at: past } });
    const guest = await valid('create_subscriber_guest_token', { body: { allowed_addresses: ['a46e1381-21cf-46c9-bfed-576eb3b96370'], expire_at: past } });
    for (const got of [subscriber, guest]) {
      expect(got.status).toBe(422);
      expect(got.body.errors).toEqual([expect.objectContaining({ code: 'invalid_parameter', attribute: 'expire_at' })]);
    }
    const future = await valid('create_subscriber_token', { body: { reference: 'alice@example.net', expire_at: past + 7200 } });
    expect(future.status).toBe(200);
  });

  it('lets a forced scenario win over the rules', async () => {
    const past = Math.floor(Date.now() / 1000) - 60;
    const forced = await valid('create_subscriber_token', { headers: { prefer: 'code=200' }, body: { reference: 'alice@example.net', expire_at: past } });
    expect(forced.status).toBe(200);
    const created = await valid('create_subscriber_token', { body: { reference: 'alice@example.net' } });
    await valid('refresh_subscriber_token', { body: { refresh_token: created.body.refresh_token } });
    await mock.once('refresh_subscriber_token', { status: 201 });
    expect((await valid('refresh_subscriber_token', { body: { refresh_token: created.body.refresh_token } })).status).toBe(201);
  });

  it('forgets issued tokens on reset', async () => {
    const created = await valid('create_subscriber_token', { body: { reference: 'alice@example.net' } });
    await valid('refresh_subscriber_token', { body: { refresh_token: created.body.refresh_token } });
    await mock.reset();
    expect((await valid('refresh_subscriber_token', { body: { refresh_token: created.body.refresh_token } })).status).toBe(201);
  });

  it('is off with stateful: false: a refresh token can be reused, a past expire_at is accepted', async () => {
    const created = await valid('create_subscriber_token', { body: { reference: 'alice@example.net', expire_at: 1000 } }, stateless);
    expect(created.status).toBe(200);
    for (let i = 0; i < 2; i++)
      expect((await valid('refresh_subscriber_token', { body: { refresh_token: created.body.refresh_token } }, stateless)).status).toBe(201);
  });
});

it('the generated scenario table names every rule', async () => {
  const table = await scenarioTable();
  for (const rule of [
    'token for the request',
    'refresh once',
    'refresh token reused or expired (stateful)',
    'access token sent (stateful)',
    'expire_at in the past (stateful)',
    'new token each reset',
    'tokens for the reference',
  ]) {
    expect(table).toContain(rule);
  }
});

describe('SignalWire tokens never send a real SDK to production', () => {
  // @signalwire/js 3.30 opens its WebSocket to the JWE header's `ch`, whatever its `host` option says.
  const relayOf = (token: string) => decodeSegment(token.split('.')[0]!).ch;
  const tokensOf = (body: Record<string, unknown>) => [body.token, body.refresh_token].filter((t): t is string => typeof t === 'string');

  it('every minted or default token names the mock itself (ws:// + the host the request was sent to) as its relay', async () => {
    const own = `ws://${new URL(mock.url).host}`;
    const created = await valid('create_subscriber_token');
    const refreshed = await valid('refresh_subscriber_token', { body: { refresh_token: created.body.refresh_token } });
    const guest = await valid('create_subscriber_guest_token');
    // The app-server operations have no minting rule: their default example is served with the relay rewritten.
    const appIssued = await valid('issue_subscriber_token');
    const appGuest = await valid('issue_guest_token');
    const tokens = [created, refreshed, guest, appIssued, appGuest].flatMap((got) => tokensOf(got.body));
    expect(tokens.length).toBeGreaterThanOrEqual(8);
    expect(tokens.map(relayOf)).toEqual(tokens.map(() => own));
    // The stateful memory follows the rewritten token: the minted refresh token works once.
    expect(refreshed.status).toBe(201);
    expect((await send(mock.url, 'refresh_subscriber_token', { body: { refresh_token: created.body.refresh_token } })).status).toBe(422);
  });

  it('names whatever host the client used (localhost here), so the SDK dials back the way it came', async () => {
    const viaLocalhost = mock.url.replace('127.0.0.1', 'localhost');
    const got = await send(viaLocalhost, 'create_subscriber_token');
    expect(tokensOf(got.body).map(relayOf)).toEqual([`ws://localhost:${mock.port}`, `ws://localhost:${mock.port}`]);
  });

  it('answers the SDK dialling that relay (a WebSocket upgrade) with a 404 that says the mock speaks no relay protocol', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { port } = new URL(mock.url);
      const headers = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' };
      request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      })
        .on('upgrade', () => reject(new Error('the mock accepted a WebSocket')))
        .on('error', reject)
        .end();
    });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body).detail).toContain('does not speak the relay protocol');
  });

  it('serves a named example verbatim (the spec example names the production relay, as documented)', async () => {
    const got = await send(mock.url, 'create_subscriber_token', { headers: { prefer: 'example=created' } });
    expect(got.body).toEqual(responseExamples(operations.create_subscriber_token.api, operations.create_subscriber_token.path, 200).created);
  });
});
