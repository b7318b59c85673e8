// The browser clients in a real browser (Debian's headless Chromium): a page
// on one local origin calls an API server on another. There `redirect:
// 'manual'` gives an opaque response with status 0, not the 3xx Node sees, and
// the credentials provider's deadline runs on the browser's own timers, and a
// 200 declaring a body over the cap is refused at once, as in Node.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserBundle } from '../support/browser-bundle.ts';
import { launch } from '../support/chromium.ts';
import { closeServers, serve } from '../support/local-server.ts';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, accept',
  'access-control-allow-methods': 'POST',
};

const track = closeServers(afterAll);
let browser: Browser;
let apiUrl: string;
let otherUrl: string;
let pageUrl: string;
let stallUrl: string;
const otherHits: string[] = [];

/** Three calls from the page itself; their outcomes land in `window.results`. */
const page = (baseUrl: string, stallUrl: string) => `<!doctype html><meta charset="utf-8"><title>browser clients</title>
<script type="module">
  import { createProconfAppClient, createSignalWireAppClient } from '/clients.js';
  const baseUrl = ${JSON.stringify(baseUrl)};
  const stallUrl = ${JSON.stringify(stallUrl)};
  const body = { role: 'member', room: 'r', participantName: 'p' };
  const settle = (p) => p.then((value) => ({ value }), (e) => ({ name: e.name, message: e.message, status: e.status, operationId: e.operationId }));
  window.results = {
    redirect: await settle(createProconfAppClient({ baseUrl, credentials: () => 'redirect-me' }).getProconfToken(body)),
    hanging: await settle(createSignalWireAppClient({ baseUrl, timeoutMs: 200, credentials: () => new Promise(() => {}) }).issueSubscriberToken({ fingerprint: 'f' })),
    ok: await settle(createProconfAppClient({ baseUrl, credentials: () => 'session' }).getProconfToken(body)),
    // A deadline of ten minutes: only the declared-length check can end this call before the test gives up.
    declared: await settle(createProconfAppClient({ baseUrl: stallUrl, timeoutMs: 600000, credentials: () => 'session' }).getProconfToken(body)),
  };
</script>`;

const listen = async (handler: Parameters<typeof serve>[0]): Promise<string> => (await track(serve(handler))).url;

beforeAll(async () => {
  const script = await browserBundle(
    "export { createProconfAppClient } from './src/proconf/index.ts'; export { createSignalWireAppClient } from './src/signalwire-app/index.ts';",
  );
  otherUrl = await listen((req, res) => {
    otherHits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { ...CORS, 'content-type': 'application/json' }).end('{"error":null,"data":"stolen"}');
  });
  apiUrl = await listen((req, res) => {
    if (req.method === 'OPTIONS') return res.writeHead(204, CORS).end();
    if (req.url === '/proconfToken' && req.headers.authorization === 'Bearer redirect-me') {
      return res.writeHead(307, { ...CORS, location: `${otherUrl}/proconfToken` }).end();
    }
    res.writeHead(200, { ...CORS, 'content-type': 'application/json' }).end('{"error":null,"data":"a.b.c"}');
  });
  // Declares 2 MiB (over the 1 MiB default cap), sends a few bytes, then stalls with the socket open.
  stallUrl = await listen((req, res) => {
    if (req.method === 'OPTIONS') return res.writeHead(204, CORS).end();
    res.writeHead(200, { ...CORS, 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) });
    res.write('{"error":null,"data":"');
  });
  pageUrl = await listen((req, res) => {
    if (req.url === '/clients.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(page(apiUrl, stallUrl));
  });
  browser = await launch();
}, 30_000);

afterAll(async () => {
  await browser?.close();
});

it('in Chromium: a redirect is an HttpError "redirect (not followed)", a hanging provider a TimeoutError, a declared 2 MiB a ResponseBodyError, and a good call its body', async () => {
  const tab = await browser.newPage();
  await tab.goto(`${pageUrl}/`);
  await tab.waitForFunction(() => 'results' in window, undefined, { timeout: 15_000 });
  const results = (await tab.evaluate(() => (window as unknown as { results: unknown }).results)) as Record<string, unknown>;
  await tab.close();
  // Chromium's opaque redirect: status 0, never the 307 itself.
  expect(results.redirect).toMatchObject({ name: 'HttpError', operationId: 'get_proconf_token', status: 0 });
  expect((results.redirect as { message: string }).message).toContain('redirect (not followed)');
  expect(otherHits).toEqual([]);
  expect(results.hanging).toMatchObject({ name: 'TimeoutError', operationId: 'issue_subscriber_token' });
  expect(results.ok).toEqual({ value: { error: null, data: 'a.b.c' } });
  expect(results.declared).toMatchObject({ name: 'ResponseBodyError', operationId: 'get_proconf_token' });
  expect((results.declared as { message: string }).message).toContain(`larger than ${1024 * 1024} bytes`);
});
