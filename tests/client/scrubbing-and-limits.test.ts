// The clients against hostile input: every response-derived string scrubbed in every
// encoded form, causes scrubbed, header values checked before sending, hostile
// bodies (deep, __proto__), durations capped, one deadline per call, the raw
// clients under the same transport, and errors naming the real status.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inspect } from 'node:util';
import {
  createSignalWireClient,
  ConfigError,
  HttpError,
  ProviderError,
  RequestValidationError,
  ResponseBodyError,
  TimeoutError,
} from '../../src/signalwire/index.ts';
import { createProconfAppClient, createProconfAdminClient, retryPolicy } from '../../src/proconf/index.ts';
import { scrub, secretList } from '../../src/core/secrets.ts';
import { abortableDelay, MAX_TIMER_MS } from '../../src/core/timer.ts';
import { closeServers, rawServer, recordingServer } from '../support/local-server.ts';
import { outcome } from './support/outcome.ts';
import { guestBody } from './support/fixtures.ts';
import { hangingFetch } from '../support/recording-fetch.ts';
import { canaryForms } from '../support/canary-forms.ts';

const track = closeServers(afterEach);
// Registered after it, so it runs first: servers close under real timers.
afterEach(() => {
  vi.useRealTimers();
});

const PROJECT = 'canary-proj-77c1';
const TOKEN = 'PT+canary/tok=en&"x"9f';
const BEARER = 'bearer-canary+/=&"7b0e';
const ADMIN_KEY = 'admin-canary+/=&"key31';
const FORBIDDEN = canaryForms([TOKEN, BEARER, ADMIN_KEY], [PROJECT, TOKEN]);

function renderings(error: unknown): string {
  const out: string[] = [];
  let e = error as Error | undefined;
  for (let d = 0; e && d < 8; d++) {
    out.push(String(e), e.message, e.stack ?? '', JSON.stringify(e) ?? '', inspect(e, { depth: Infinity, showHidden: true }));
    e = e.cause as Error | undefined;
  }
  return out.join('\n');
}
const leaks = (error: unknown) => FORBIDDEN.filter((s) => renderings(error).includes(s));

/** Every channel a server can echo a credential through (points 1-3), each in every encoded form. */
function echoChannel(channel: string, secret: string, res: import('node:http').ServerResponse) {
  const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)].join(' ');
  const ascii = forms.replace(/[^\x20-\x7e]/g, '?');
  switch (channel) {
    case 'statusText':
      res.writeHead(503, ascii, { 'content-type': 'application/json' }).end('{}');
      break;
    case 'x-request-id':
      res.writeHead(401, { 'x-request-id': ascii, 'content-type': 'application/json' }).end('{}');
      break;
    case 'content-type':
      res.writeHead(201, { 'content-type': `text/plain; ${ascii}` }).end(`plain ${forms}`);
      break;
    case 'body-json-escaped':
      res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ echoed: forms }));
      break;
    case 'cut-at-cap':
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`${'x'.repeat(1024 - 5)}${secret}`);
      break;
    default:
      throw new Error(channel);
  }
}
const CHANNELS = ['statusText', 'x-request-id', 'content-type', 'body-json-escaped', 'cut-at-cap'];

describe('secrets: every channel, every form, all three clients (points 1-3)', () => {
  for (const channel of CHANNELS) {
    it(`scrubs the ${channel} channel`, async () => {
      const server = await track(
        recordingServer((req, res) => {
          const auth = String(req.headers.authorization ?? req.headers['x-admin-key'] ?? '');
          const secret = auth.startsWith('Basic ') ? `${Buffer.from(auth.slice(6), 'base64').toString()} ${auth.slice(6)}` : auth.replace(/^Bearer /, '');
          echoChannel(channel, secret, res);
        }),
      );
      const common = { baseUrl: server.url, maxResponseBytes: 1024 };
      const sw = createSignalWireClient({ ...common, projectId: PROJECT, apiToken: TOKEN });
      const app = createProconfAppClient({ ...common, credentials: () => BEARER });
      const admin = createProconfAdminClient({ ...common, headers: () => ({ 'x-admin-key': ADMIN_KEY }) });
      const body = { role: 'member', room: 'r', participantName: 'p' };
      const runs: (() => Promise<unknown>)[] = [
        () => sw.createSubscriberGuestToken(guestBody),
        () => app.getProconfToken(body),
        () => admin.createProconfToken(body),
      ];
      for (const run of runs) {
        const { error } = await outcome(run());
        expect(error instanceof HttpError || error instanceof ResponseBodyError, String(error)).toBe(true);
        expect(leaks(error), `${channel}: ${renderings(error).slice(0, 300)}`).toEqual([]);
        expect(renderings(error)).toContain('[REDACTED]');
      }
    });
  }

  it('a body cut at the cap keeps no prefix of a secret straddling the cut', () => {
    const secrets = secretList([TOKEN]);
    expect(scrub('abc', secrets)).toBe('abc');
    const base = `${'x'.repeat(20)}${TOKEN.slice(0, 7)}`;
    // What the client does with an error body it cut (scrubCutText via the transport's truncation mark).
    return import('../../src/core/secrets.ts').then(({ scrubCutText }) => expect(scrubCutText(base, secrets)).toBe(`${'x'.repeat(20)}[REDACTED]`));
  });
});

describe('causes and header values (points 4-5)', () => {
  it('a provider that throws with a credential in its message: ProviderError, nothing of the message anywhere', async () => {
    const server = await track(recordingServer((_q, res) => res.writeHead(418).end()));
    const app = createProconfAppClient({
      baseUrl: server.url,
      credentials: () => {
        throw new Error(`refresh failed rt=${BEARER}`);
      },
    });
    const { error } = await outcome(app.getProconfToken({ role: 'member', room: 'r', participantName: 'p' }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(leaks(error)).toEqual([]);
    expect(renderings(error)).toContain('the provider threw Error');
    expect(server.received).toHaveLength(0);
  });

  it('a custom fetch whose error quotes the credential: the NetworkError cause is scrubbed', async () => {
    const sw = createSignalWireClient({
      baseUrl: 'http://127.0.0.1:9',
      projectId: PROJECT,
      apiToken: TOKEN,
      fetch: async (request: Request) => {
        throw new TypeError('fetch failed', { cause: new Error(`proxy refused ${request.headers.get('authorization')} ${TOKEN}`) });
      },
    });
    const { error } = await outcome(sw.createSubscriberGuestToken(guestBody));
    expect((error as Error).name).toBe('NetworkError');
    expect(leaks(error)).toEqual([]);
    expect(renderings(error)).toContain('proxy refused [REDACTED]');
  });

  for (const bad of ['\n', '\r', '\0']) {
    it(`a header value with ${JSON.stringify(bad)}: a typed error naming the header, never its value, and nothing sent`, async () => {
      const server = await track(recordingServer((_q, res) => res.writeHead(418).end()));
      const app = createProconfAppClient({ baseUrl: server.url, credentials: () => `${BEARER}${bad}x` });
      const admin = createProconfAdminClient({ baseUrl: server.url, headers: () => ({ 'x-admin-key': `${ADMIN_KEY}${bad}` }) });
      const body = { role: 'member', room: 'r', participantName: 'p' };
      for (const [run, header] of [
        [() => app.getProconfToken(body), 'Authorization'],
        [() => admin.createProconfToken(body), 'x-admin-key'],
      ] as const) {
        const { error } = await outcome(run());
        expect(error).toBeInstanceOf(RequestValidationError);
        expect((error as Error).message).toContain(`header ${header}`);
        expect(leaks(error)).toEqual([]);
      }
      expect(server.received).toHaveLength(0);
    });
  }
});

describe('hostile bodies (points 7-8)', () => {
  it('an error body nested 50,000 levels deep stays an HttpError 503 (and is retried)', async () => {
    const deep = `${'['.repeat(50_000)}1${']'.repeat(50_000)}`;
    const server = await track(recordingServer((_q, res) => res.writeHead(503, { 'content-type': 'application/json' }).end(deep)));
    const sw = createSignalWireClient({ baseUrl: server.url, projectId: PROJECT, apiToken: TOKEN, retry: retryPolicy({ maxAttempts: 2, baseDelayMs: 1 }) });
    const { error } = await outcome(sw.createSubscriberGuestToken(guestBody));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(503);
    expect(server.received).toHaveLength(2);
  });

  it('scrub walks 100,000 levels without overflowing', () => {
    let v: unknown = TOKEN;
    for (let i = 0; i < 100_000; i++) v = { a: v };
    let out = scrub(v, secretList([TOKEN])) as { a: unknown };
    for (let i = 0; i < 100_000; i++) out = out.a as { a: unknown };
    expect(out).toBe('[REDACTED]');
  });

  it('__proto__ in an error body stays a key; the copy keeps its prototype', async () => {
    const server = await track(
      recordingServer((_q, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"__proto__":{"forged":true},"x":1}')),
    );
    const sw = createSignalWireClient({ baseUrl: server.url, projectId: PROJECT, apiToken: TOKEN });
    const { error } = await outcome(sw.createSubscriberGuestToken(guestBody));
    const body = (error as HttpError).body as Record<string, unknown>;
    expect((body as { forged?: unknown }).forged).toBeUndefined();
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.hasOwn(body, '__proto__')).toBe(true);
    expect(JSON.stringify(body)).toBe('{"__proto__":{"forged":true},"x":1}');
  });
});

describe('durations (point 9)', () => {
  it('timeouts over 2^31-1 ms are a ConfigError naming the limit, for the client, the call and retries', async () => {
    const make = (o: object) => () => createSignalWireClient({ baseUrl: 'http://127.0.0.1:9', projectId: PROJECT, apiToken: TOKEN, ...o });
    expect(make({ timeoutMs: 2 ** 31 })).toThrow(/at most 2147483647/);
    expect(make({ timeoutMs: MAX_TIMER_MS })).not.toThrow();
    for (const f of ['maxElapsedMs', 'baseDelayMs', 'maxDelayMs'])
      expect(() => retryPolicy({ [f]: 2 ** 31 })).toThrow(new RegExp(`retry.${f} .*at most 2147483647`));
    const { error } = await outcome(make({})().createSubscriberGuestToken(guestBody, { timeoutMs: 2 ** 31 }));
    expect(error).toBeInstanceOf(ConfigError);
  });

  it('a wait longer than one timer can hold does not fire early (real timers: clamped, it would fire after 1 ms)', async () => {
    const controller = new AbortController();
    let done = false;
    const wait = abortableDelay(MAX_TIMER_MS + 5_000, controller.signal).then(
      () => {
        done = true;
      },
      () => {},
    );
    // A lower bound only: a clamped timer fires within a few ms, so 200 ms later it surely would have.
    await new Promise((r) => setTimeout(r, 200));
    expect(done).toBe(false);
    controller.abort();
    await wait;
    expect(done).toBe(false);
  });

  it('Retry-After of 30 days with the largest maxElapsedMs gives up at once instead of firing early', async () => {
    const server = await track(recordingServer((_q, res) => res.writeHead(503, { 'retry-after': '2592000' }).end()));
    const sw = createSignalWireClient({
      baseUrl: server.url,
      projectId: PROJECT,
      apiToken: TOKEN,
      retry: retryPolicy({ maxAttempts: 5, maxElapsedMs: MAX_TIMER_MS }),
    });
    const { error } = await outcome(sw.createSubscriberGuestToken(guestBody));
    expect((error as HttpError).status).toBe(503);
    expect(server.received).toHaveLength(1);
  });
});

describe('one deadline per call, raw clients, real status (points 10-12)', () => {
  it('the provider time counts against the same deadline (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const hanging = hangingFetch();
    let provided = false;
    const app = createProconfAppClient({
      baseUrl: 'http://127.0.0.1:9',
      timeoutMs: 1500,
      fetch: hanging,
      credentials: () =>
        new Promise((r) =>
          setTimeout(() => {
            provided = true;
            r('tok-abcdef');
          }, 1000),
        ),
    });
    let settled: unknown;
    const p = app.getProconfToken({ role: 'member', room: 'r', participantName: 'p' }).catch((e: unknown) => {
      settled = e;
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(provided).toBe(true);
    await vi.advanceTimersByTimeAsync(499);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(settled).toBeInstanceOf(TimeoutError);
  });

  it('raw clients: a hanging server ends at the client timeout', async () => {
    const server = await track(recordingServer(() => {}));
    const sw = createSignalWireClient({ baseUrl: server.url, projectId: PROJECT, apiToken: TOKEN, timeoutMs: 200 });
    const { error } = await outcome(sw.raw.fabric.POST('/api/fabric/guests/tokens', { body: guestBody } as never));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('raw clients: a 200 over the cap is refused, not buffered; redirects are never followed', async () => {
    const server = await track(
      recordingServer((req, res) => {
        if (req.url?.includes('guests')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write(`"${'x'.repeat(4096)}`);
          res.end('"');
          return;
        }
        res.writeHead(302, { location: '/api/fabric/guests/tokens' }).end();
      }),
    );
    const sw = createSignalWireClient({ baseUrl: server.url, projectId: PROJECT, apiToken: TOKEN, maxResponseBytes: 1024 });
    const big = await outcome(sw.raw.fabric.POST('/api/fabric/guests/tokens', { body: guestBody } as never));
    expect(big.error).toBeInstanceOf(ResponseBodyError);
    expect((big.error as ResponseBodyError).status).toBe(200);
    const redirected = (await sw.raw.fabric.POST('/api/fabric/subscribers/tokens' as never, { body: {}, redirect: 'follow' } as never)) as {
      response: Response;
    };
    expect(redirected.response.status).toBe(302);
    expect(server.received.filter((r) => r.url.includes('guests'))).toHaveLength(1);
  });

  it('a 200 declaring a Content-Length over the cap names HTTP 200, not HTTP 0', async () => {
    const server = await track(rawServer((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2097152\r\n\r\n{')));
    const sw = createSignalWireClient({ baseUrl: server.url, projectId: PROJECT, apiToken: TOKEN });
    const { error } = await outcome(sw.createSubscriberGuestToken(guestBody));
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect((error as ResponseBodyError).status).toBe(200);
    expect((error as Error).message).toContain('HTTP 200');
  });
});
