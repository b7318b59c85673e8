// No API token, Authorization value, password or refresh token appears in
// any error's message, toString(), JSON.stringify() or util.inspect() output,
// even when a hostile server echoes them back.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createSignalWireClient } from '../../src/signalwire/index.ts';
import { createProconfAdminClient, createProconfAppClient } from '../../src/proconf/index.ts';
import { hangingFetch, json, recordingFetch } from '../support/recording-fetch.ts';

const PROJECT = 'proj-7d1c';
const TOKEN = 'PTcanary0a1b2c3d4e5f';
const BASIC = Buffer.from(`${PROJECT}:${TOKEN}`).toString('base64');
const REFRESH = 'eyJhbGciOiJkaXIi..canaryRefresh.Token.Value';
const PASSWORD = 'canary-password-42';
const BEARER = 'canary-bearer-session-99';
const GATEWAY_KEY = 'canary-gateway-key-77';
const CANARIES = [TOKEN, BASIC, REFRESH, PASSWORD, BEARER, GATEWAY_KEY];

function renderings(value: unknown): string[] {
  const e = value as Error & { cause?: unknown };
  return [
    String(e),
    e.message ?? '',
    e.stack ?? '',
    JSON.stringify(e),
    inspect(e, { depth: Infinity }),
    inspect(e, { depth: Infinity, showHidden: true }),
    e.cause === undefined ? '' : inspect(e.cause, { depth: Infinity }),
  ];
}

function expectNoCanary(value: unknown) {
  for (const text of renderings(value)) for (const canary of CANARIES) expect(text).not.toContain(canary);
}

/** A server that echoes every request header and body back in its error. */
function echoingServer(status: number) {
  return recordingFetch(async (request) =>
    json(status, {
      error: 'Unauthorized',
      echo: { headers: Object.fromEntries(request.headers), body: await request.text() },
    }),
  ).fetch;
}

const swClient = (fetch: never | ((r: Request) => Promise<Response>), extra = {}) =>
  createSignalWireClient({ space: 'acme', projectId: PROJECT, apiToken: TOKEN, fetch, ...extra });

describe('no secret leaks', () => {
  it('from an HttpError whose body echoes the Authorization header and refresh token', async () => {
    const error = await swClient(echoingServer(422))
      .refreshSubscriberToken({ refresh_token: REFRESH })
      .catch((e: unknown) => e);
    expect(JSON.stringify(error)).toContain('[REDACTED]');
    expectNoCanary(error);
  });

  it('from an HttpError echoing a password', async () => {
    const error = await swClient(echoingServer(500))
      .createSubscriberToken({ reference: 'a', password: PASSWORD })
      .catch((e: unknown) => e);
    expectNoCanary(error);
  });

  it('from a ProCONF error echoing the bearer credential', async () => {
    const client = createProconfAppClient({ baseUrl: 'https://app.acme.test', fetch: echoingServer(401), credentials: () => BEARER });
    const error = await client.getProconfToken({ role: 'member', room: 'r', participantName: 'p' }).catch((e: unknown) => e);
    expectNoCanary(error);
  });

  it('from an admin error echoing a deployment header that is not Authorization', async () => {
    const client = createProconfAdminClient({
      baseUrl: 'https://admin.acme.test',
      fetch: echoingServer(401),
      headers: () => ({ 'X-Gateway-Key': GATEWAY_KEY }),
    });
    const error = await client.createProconfToken({ role: 'owner', room: 'r', participantName: 'p' }).catch((e: unknown) => e);
    expect(JSON.stringify(error)).toContain('[REDACTED]');
    expectNoCanary(error);
  });

  it('from a non-JSON success body that echoes the token', async () => {
    const fetch = recordingFetch(() => new Response(`<html>token=${TOKEN}</html>`, { status: 201 })).fetch;
    expectNoCanary(
      await swClient(fetch)
        .createSubscriberGuestToken({ allowed_addresses: [] })
        .catch((e: unknown) => e),
    );
  });

  it('from network errors, timeouts and aborts', async () => {
    const refused = () =>
      Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
    expectNoCanary(
      await swClient(refused as never)
        .createSubscriberGuestToken({ allowed_addresses: [] })
        .catch((e: unknown) => e),
    );
    expectNoCanary(
      await swClient(hangingFetch() as never, { timeoutMs: 10 })
        .refreshSubscriberToken({ refresh_token: REFRESH })
        .catch((e: unknown) => e),
    );
    expectNoCanary(
      await swClient(hangingFetch() as never)
        .refreshSubscriberToken({ refresh_token: REFRESH }, { signal: AbortSignal.abort() })
        .catch((e: unknown) => e),
    );
  });

  it('from the client object itself', () => {
    const client = swClient(hangingFetch() as never);
    for (const text of [inspect(client, { depth: Infinity, showHidden: true }), JSON.stringify(client) ?? '', String(client)]) {
      for (const canary of CANARIES) expect(text).not.toContain(canary);
    }
  });

  it('from configuration errors', () => {
    let error: unknown;
    try {
      createSignalWireClient({ space: 'bad space', projectId: PROJECT, apiToken: TOKEN });
    } catch (e) {
      error = e;
    }
    expect(error).toBeDefined();
    expectNoCanary(error);
  });
});
