// The real @signalwire/js (3.30) in Chromium, handed a token the mock minted:
// it opens its WebSocket to the relay the token's header names (`ch`), and
// that is the mock itself, never SignalWire's production relay. Chromium
// resolves no name but loopback here, so even a regression could not reach
// production; the test reads where the SDK tried to go.
import { build } from 'esbuild';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.ts';
import type { Served } from '../support/local-server.ts';
import { closeMockPages, startMockPages } from './pages.ts';
import { BASIC } from './requests.ts';

const repo = join(import.meta.dirname, '..', '..');
let mock: MockServer;
let pages: Served;
let browser: Browser;
const log: string[] = [];

beforeAll(async () => {
  const bundled = await build({
    stdin: { contents: "export { SignalWire } from '@signalwire/js';", resolveDir: repo, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const sdk = bundled.outputFiles[0]!.text;
  ({ mock, pages, browser } = await startMockPages({
    log,
    // Chromium resolves no name but loopback.
    hostResolverRules: 'MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    pages: (started) => {
      const html = `<!doctype html><meta charset="utf-8"><script type="module">
import { SignalWire } from '/sdk.js';
const minted = await fetch(${JSON.stringify(`${started.url}/api/fabric/subscribers/tokens`)}, {
  method: 'POST',
  headers: { authorization: ${JSON.stringify(BASIC)}, 'content-type': 'application/json' },
  body: JSON.stringify({ reference: 'alice@example.net' }),
});
const { token } = await minted.json();
window.minted = token;
SignalWire({ token }).then(() => (window.outcome = 'connected'), (e) => (window.outcome = 'failed: ' + e?.message));
</script>`;
      return (req, res) => {
        if (req.url === '/sdk.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(sdk);
        else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      };
    },
  }));
}, 60_000);

afterAll(() => closeMockPages({ mock, pages, browser }));

it('dials the mock (ws://127.0.0.1:<port>), not SignalWire, and the mock says it speaks no relay protocol', async () => {
  const page = await browser.newPage();
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  const first = page.waitForEvent('websocket', { timeout: 30_000 });
  await page.goto(`${pages.url}/`);
  await first;
  const token = await page.evaluate(() => (window as unknown as { minted: string }).minted);
  expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')).ch).toBe(`ws://127.0.0.1:${mock.port}`);
  expect(sockets.length).toBeGreaterThan(0);
  expect(
    sockets.every((url) => new URL(url).host === `127.0.0.1:${mock.port}`),
    sockets.join(' '),
  ).toBe(true);
  await expect.poll(() => log.some((line) => /^GET \/ -> 404 .*does not speak the relay protocol/.test(line)), { timeout: 30_000 }).toBe(true);
  await page.close();
});
