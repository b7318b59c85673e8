// The browser client's failure paths over real HTTP on 127.0.0.1: every
// outcome is one typed error naming the operation, and an echoed credential
// never reaches the error.
import type { RequestListener } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import {
  AbortError,
  ConfigError,
  createSignalWireAppClient,
  HttpError,
  NetworkError,
  ProviderError,
  ResponseBodyError,
  TimeoutError,
} from '../../../src/signalwire-app/index.ts';
import { closeServers, serve } from '../../support/local-server.ts';

const FP = 'Qk9CLWRldmljZS1maW5nZXJwcmludC0xMjM0NTY3ODk';
const track = closeServers(afterEach);
const server = async (listener: RequestListener): Promise<string> => (await track(serve(listener))).url;

it('an error body that echoes the credential is scrubbed', async () => {
  const baseUrl = await server((req, res) =>
    res
      .writeHead(401, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { code: 'unauthorized', message: `bad ${req.headers.authorization}` } })),
  );
  const error = await createSignalWireAppClient({ baseUrl, credentials: () => 'user-secret-session' })
    .issueSubscriberToken({ fingerprint: FP })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HttpError);
  expect(JSON.stringify(error)).not.toContain('user-secret-session');
  expect((error as HttpError).operationId).toBe('issue_subscriber_token');
});

it('a server that never answers is a TimeoutError', async () => {
  const baseUrl = await server(() => {});
  const error = await createSignalWireAppClient({ baseUrl, timeoutMs: 100 })
    .renewSubscriberToken({ fingerprint: FP })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TimeoutError);
});

it("the caller's abort is an AbortError", async () => {
  const baseUrl = await server(() => {});
  const controller = new AbortController();
  const call = createSignalWireAppClient({ baseUrl }).renewSubscriberToken({ fingerprint: FP }, { signal: controller.signal });
  controller.abort();
  expect(await call.catch((e: unknown) => e)).toBeInstanceOf(AbortError);
});

it('a closed port is a NetworkError', async () => {
  const closed = await serve(() => {});
  await closed.close();
  const baseUrl = closed.url;
  expect(
    await createSignalWireAppClient({ baseUrl })
      .issueGuestToken({ allowed_addresses: [] })
      .catch((e: unknown) => e),
  ).toBeInstanceOf(NetworkError);
});

it('a 200 that is not JSON is a ResponseBodyError', async () => {
  const baseUrl = await server((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'));
  expect(
    await createSignalWireAppClient({ baseUrl })
      .issueSubscriberToken({ fingerprint: FP })
      .catch((e: unknown) => e),
  ).toBeInstanceOf(ResponseBodyError);
});

it('a throwing credentials provider is a ProviderError; bad options are ConfigErrors', async () => {
  const baseUrl = await server((_req, res) => res.end('{}'));
  const client = createSignalWireAppClient({
    baseUrl,
    credentials: () => {
      throw new Error('no session');
    },
  });
  expect(await client.issueSubscriberToken({ fingerprint: FP }).catch((e: unknown) => e)).toBeInstanceOf(ProviderError);
  expect(() => createSignalWireAppClient({ baseUrl: 'http://app.example.net', credentials: () => 'x' })).toThrow(ConfigError);
  expect(() => createSignalWireAppClient({})).toThrow(ConfigError);
});
