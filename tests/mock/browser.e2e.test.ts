// A page on a second local origin loads the browser bundle of the ProCONF
// app client, calls the mock's /proconfToken with an Authorization header
// (so Chromium sends a CORS preflight), decodes the JWT and renders its room.
// Real headless Chromium: Debian's package (`.ci/run` installs it), never a download.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.ts';
import { browserBundle } from '../support/browser-bundle.ts';
import { launch } from '../support/chromium.ts';
import { serve, type Served } from '../support/local-server.ts';

const repo = join(import.meta.dirname, '..', '..');

const page = (mockUrl: string) => `<!doctype html><meta charset="utf-8"><title>ProCONF room</title>
<p>Room: <output id="room">loading</output></p>
<script type="module">
  import { createProconfAppClient } from '/proconf.js';
  const client = createProconfAppClient({ baseUrl: ${JSON.stringify(mockUrl)}, credentials: () => 'demo-user-session-token' });
  try {
    const { data } = await client.getProconfToken({ role: 'member', room: 'standup', participantName: 'Priya' }, { headers: { Prefer: 'example=member' } });
    const claims = JSON.parse(atob(data.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    document.getElementById('room').textContent = claims.room;
  } catch (error) {
    document.getElementById('room').textContent = 'failed: ' + error.message;
  }
</script>`;

// Its own mock, to read the request log: the preflight shows up there.
let mock: MockServer;
const log: string[] = [];
let pages: Served | undefined;
let pageUrl: string;
let browser: Browser;

beforeAll(async () => {
  const script = await browserBundle("export * from './src/proconf/index.ts';");
  mock = await startMockServer({ port: 0, log: (line) => log.push(line) });
  const html = page(mock.url);
  pages = await serve((req, res) => {
    if (req.url === '/proconf.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  pageUrl = `${pages.url}/`;
  browser = await launch();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await mock?.close();
});

describe('the mock from a browser on another origin', () => {
  it('serves the ProCONF app client, through a CORS preflight, a token whose room the page renders', async () => {
    const tab = await browser.newPage();
    await tab.goto(pageUrl);
    const room = tab.locator('#room');
    await expect.poll(() => room.textContent(), { timeout: 10_000 }).not.toBe('loading');
    expect(await room.textContent()).toBe('standup');
    expect(new URL(pageUrl).origin).not.toBe(new URL(mock.url).origin);
    expect(log[0]).toMatch(/^OPTIONS \/proconfToken -> 204 .*CORS preflight/);
    expect(log[1]).toMatch(/^POST \/proconfToken -> 200 get_proconf_token .*scenario code=200 example=member/);
    mkdirSync(join(repo, 'test-output', 'mock'), { recursive: true });
    await tab.screenshot({ path: join(repo, 'test-output', 'mock', 'browser-proconf-room.png') });
    await tab.close();
  });
});
