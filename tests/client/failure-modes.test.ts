// Every failure becomes one typed error that names the operation: never an
// unhandled TypeError and never `undefined`. Injected fetch; the client runs unmodified.
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  createSignalWireClient,
  HttpError,
  NetworkError,
  ProviderError,
  ResponseBodyError,
  RtcApiError,
  TimeoutError,
} from '../../src/signalwire/index.ts';
import { createProconfAppClient } from '../../src/proconf/index.ts';
import { hangingFetch, json, recordingFetch } from '../support/recording-fetch.ts';

function clientAnswering(answer: (r: Request) => Response | Promise<Response>, extra: { timeoutMs?: number } = {}) {
  return createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 't0ken-secret', fetch: recordingFetch(answer).fetch, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<RtcApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RtcApiError);
  expect((error as RtcApiError).operationId).toBe('create_subscriber_guest_token');
  expect((error as Error).message.startsWith('create_subscriber_guest_token: ')).toBe(true);
  return error as RtcApiError;
}

const guest = { allowed_addresses: [] as string[] };

describe('failure modes', () => {
  it('network failure -> NetworkError, flagged as before-send for a refused connection', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }),
    });
    const error = await failure(clientAnswering(() => Promise.reject(refused)).createSubscriberGuestToken(guest));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).beforeSend).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('a reset connection is a NetworkError that is not before-send', async () => {
    const reset = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    const error = await failure(clientAnswering(() => Promise.reject(reset)).createSubscriberGuestToken(guest));
    expect((error as NetworkError).beforeSend).toBe(false);
  });

  it('timeout -> TimeoutError with the limit, from the client default or the call', async () => {
    const client = createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 't0ken-secret', fetch: hangingFetch(), timeoutMs: 40 });
    const error = await failure(client.createSubscriberGuestToken(guest));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(40);
    const perCall = await failure(client.createSubscriberGuestToken(guest, { timeoutMs: 15 }));
    expect((perCall as TimeoutError).timeoutMs).toBe(15);
  });

  it('the caller cancelling -> AbortError, distinct from a timeout', async () => {
    const client = createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 't0ken-secret', fetch: hangingFetch() });
    const controller = new AbortController();
    const pending = client.createSubscriberGuestToken(guest, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect(await failure(pending)).toBeInstanceOf(AbortError);
    expect(await failure(client.createSubscriberGuestToken(guest, { signal: AbortSignal.abort() }))).toBeInstanceOf(AbortError);
  });

  it('an HTML 502 from a proxy -> HttpError with the text body, marked undocumented', async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const error = await failure(
      clientAnswering(() => new Response(html, { status: 502, headers: { 'content-type': 'text/html' } })).createSubscriberGuestToken(guest),
    );
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(502);
    expect((error as HttpError).documented).toBe(false);
    expect((error as HttpError).body).toBe(html);
    expect(error.message).toContain('not documented');
  });

  it('an empty error body -> HttpError with an undefined body and a message saying so', async () => {
    const error = await failure(clientAnswering(() => new Response(null, { status: 500 })).createSubscriberGuestToken(guest));
    expect((error as HttpError).status).toBe(500);
    expect((error as HttpError).documented).toBe(true);
    expect((error as HttpError).body).toBeUndefined();
    expect(error.message).toContain('(empty body)');
  });

  it('a status the spec does not document -> HttpError with documented=false', async () => {
    const error = await failure(clientAnswering(() => json(418, { error: "I'm a teapot" })).createSubscriberGuestToken(guest));
    expect((error as HttpError).status).toBe(418);
    expect((error as HttpError).documented).toBe(false);
  });

  it('a 2xx whose body is not JSON -> ResponseBodyError naming the content type', async () => {
    const error = await failure(
      clientAnswering(() => new Response('<html>ok</html>', { status: 201, headers: { 'content-type': 'text/html' } })).createSubscriberGuestToken(guest),
    );
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect(error.message).toMatch(/not valid JSON \(text\/html\)/);
  });

  it('an empty 2xx -> ResponseBodyError, never undefined', async () => {
    const error = await failure(clientAnswering(() => new Response('', { status: 201 })).createSubscriberGuestToken(guest));
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect(error.message).toContain('empty body');
  });

  it('a redirect is not followed -> HttpError, and nothing is fetched from the Location', async () => {
    const { fetch, calls } = recordingFetch(() => new Response(null, { status: 307, headers: { location: 'https://elsewhere.test/steal' } }));
    const client = createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 't0ken-secret', fetch });
    const error = await failure(client.createSubscriberGuestToken(guest));
    expect((error as HttpError).status).toBe(307);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.request.redirect).toBe('manual');
  });

  it('the request id is read from the response headers', async () => {
    const error = await failure(
      clientAnswering(() => json(500, { error: 'Internal Server Error' }, { 'x-signalwire-request-id': 'req-42' })).createSubscriberGuestToken(guest),
    );
    expect((error as HttpError).requestId).toBe('req-42');
  });

  it('a response larger than the cap -> ResponseBodyError', async () => {
    const big = JSON.stringify({ token: 'x'.repeat(2048), refresh_token: 'y' });
    const client = createSignalWireClient({
      space: 'acme',
      projectId: 'p',
      apiToken: 't0ken-secret',
      fetch: recordingFetch(() => new Response(big, { status: 201 })).fetch,
      maxResponseBytes: 1024,
    });
    const error = await failure(client.createSubscriberGuestToken(guest));
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect(error.message).toContain('larger than 1024 bytes');
  });

  it('the caller aborting while the credential provider runs -> AbortError, and nothing is sent', async () => {
    const { fetch, calls } = recordingFetch(() => json(200, { error: null, data: 'a.b.c' }));
    const controller = new AbortController();
    const client = createProconfAppClient({
      baseUrl: 'https://app.acme.test',
      fetch,
      credentials: async () => {
        controller.abort();
        return 'session';
      },
    });
    const error = await client.getProconfToken({ role: 'member', room: 'r', participantName: 'p' }, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });

  it('a credential provider that throws -> ProviderError naming the operation, without its message, nothing sent', async () => {
    const { fetch, calls } = recordingFetch(() => json(200, { error: null, data: 'a.b.c' }));
    const client = createProconfAppClient({
      baseUrl: 'https://app.acme.test',
      fetch,
      credentials: () => {
        throw new Error('refresh failed for tok-SECRET-1234');
      },
    });
    const error = await client.getProconfToken({ role: 'member', room: 'r', participantName: 'p' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).operationId).toBe('get_proconf_token');
    expect((error as Error).message).not.toContain('tok-SECRET-1234');
    expect(JSON.stringify(error)).not.toContain('tok-SECRET-1234');
    expect(calls).toHaveLength(0);
  });

  it('a credential provider that never settles -> TimeoutError, or AbortError when the caller cancels', async () => {
    const { fetch, calls } = recordingFetch(() => json(200, { error: null, data: 'a.b.c' }));
    const client = createProconfAppClient({ baseUrl: 'https://app.acme.test', fetch, timeoutMs: 30, credentials: () => new Promise<string>(() => {}) });
    const body = { role: 'member', room: 'r', participantName: 'p' };
    expect(await client.getProconfToken(body).catch((e: unknown) => e)).toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    expect(await client.getProconfToken(body, { signal: controller.signal, timeoutMs: 10_000 }).catch((e: unknown) => e)).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });
});
