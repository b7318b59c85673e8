// The token source with the real @signalwire/js 3.30 in Chromium, under the
// page's fake clock (Playwright's clock, paused: time moves only when the test
// says so). The app server hands out 315 s tokens and, like the real handlers,
// returns the same token to a refresh within its 60 s reuse window: a lifetime
// under margin + reuse window. Before the fix this stormed (1,114 refreshes,
// updateToken calls and reauthenticate frames in 46 s); now the count over
// fake time is bounded. Each step waits for the page to be idle (an event),
// never for a wall-clock delay. Two more tests pin down the SDK facts the docs
// state: its REST client keeps the first token after updateToken, and its
// Fabric client never calls onRefreshToken.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserBundle } from '../../support/browser-bundle.ts';
import { launch } from '../../support/chromium.ts';
import { closeServers, serve } from '../../support/local-server.ts';
import { startFakeRelay } from './fake-relay.ts';

const track = closeServers(afterAll);
const FP = 'Qk9CLWRldmljZS1maW5nZXJwcmludC0xMjM0NTY3ODk';
let browser: Browser;
let relay: Awaited<ReturnType<typeof startFakeRelay>>;
let pageUrl: string;
const requests: string[] = [];
/** Where the tokens' JWE header `ch` sends the SDK (its REST host is derived from it too). */
let channel: string;

const page = `<!doctype html><meta charset="utf-8"><title>token source with @signalwire/js</title>
<script>window.ready = new Promise((resolve) => { window.markReady = resolve; });</script>
<script type="module">
  import { SignalWire, createSignalWireAppClient, createSubscriberTokenSource } from '/app.js';
  // Work in flight (token requests, updateToken); idle() resolves once none is left,
  // checked after a real macrotask (MessageChannel is not faked) so every continuation has run.
  let inFlight = 0;
  const waiters = [];
  const later = (fn) => { const ch = new MessageChannel(); ch.port1.onmessage = fn; ch.port2.postMessage(0); };
  const settle = () => later(() => { if (inFlight === 0) for (const w of waiters.splice(0)) w(); });
  const tracked = (promise) => { inFlight++; return promise.finally(() => { inFlight--; settle(); }); };
  window.idle = () => new Promise((resolve) => { waiters.push(resolve); settle(); });
  const app = createSignalWireAppClient({ credentials: () => 'session' });
  const client = { ...app, issueSubscriberToken: (b, o) => tracked(app.issueSubscriberToken(b, o)), renewSubscriberToken: (b, o) => tracked(app.renewSubscriberToken(b, o)) };
  const tokens = createSubscriberTokenSource({ client, fingerprint: ${JSON.stringify(FP)} });
  window.initial = await tokens.getToken();
  if (location.search === '?sdk-only') {
    // The SDK alone, with an onRefreshToken that counts its calls.
    window.refreshCalls = 0;
    await SignalWire({ token: window.initial, onRefreshToken: () => { window.refreshCalls++; return tokens.getToken(); } });
  } else {
    const sdk = await SignalWire({ token: window.initial });
    window.updates = 0;
    window.errors = [];
    tokens.keepFresh({ updateToken: (t) => { window.updates++; return tracked(sdk.updateToken(t)); } }, { onError: (e) => window.errors.push(String(e)) });
    window.sdk = sdk;
    window.app = app;
  }
  window.markReady();
</script>`;

beforeAll(async () => {
  relay = await startFakeRelay();
  channel = relay.url;
  const script = await browserBundle(
    "export { SignalWire } from '@signalwire/js'; export { createSignalWireAppClient, createSubscriberTokenSource } from './src/signalwire-app/index.ts';",
  );
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  let n = 0;
  let current: { token: string; expire_at: number; issuedAt: number } | undefined;
  const mint = () => {
    n++;
    // A JWE as SignalWire makes them, whose header sends the SDK to the fake relay.
    const header = b64(JSON.stringify({ alg: 'dir', enc: 'A256GCM', typ: 'SAT', ch: channel }));
    current = {
      token: `${header}..${b64(`iv-${n}`)}.${b64(`ciphertext-${n}`)}.${b64(`tag-${n}`)}`,
      expire_at: Math.floor(Date.now() / 1000) + 315,
      issuedAt: Date.now(),
    };
    return current;
  };
  pageUrl = (
    await track(
      serve((req, res) => {
        if (req.url === '/app.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
        if (req.method === 'POST') {
          requests.push(req.url ?? '');
          req.resume();
          // The real handlers' reuse window: a refresh within 60 s returns the token it refreshed last.
          const grant = req.url?.endsWith('/refresh') && current && Date.now() - current.issuedAt < 60_000 ? current : mint();
          return req.on('end', () => {
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: grant.token, expire_at: grant.expire_at }));
          });
        }
        res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      }),
    )
  ).url;
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await relay?.close();
});

/** Moves the page's clock `totalMs` forward in steps, waiting for the page to be idle after each. */
async function runFor(tab: Page, totalMs: number, stepMs: number) {
  for (let t = 0; t < totalMs; t += stepMs) {
    await tab.clock.runFor(stepMs);
    await tab.evaluate(() => (window as unknown as { idle: () => Promise<void> }).idle());
  }
}

it('a 315 s lifetime (under margin + reuse window) with the real SDK: a bounded number of refreshes over fake time', async () => {
  const tab = await browser.newPage();
  await tab.clock.install({ time: Date.now() });
  await tab.goto(`${pageUrl}/`);
  await tab.evaluate(() => (window as unknown as { ready: Promise<void> }).ready);
  expect(relay.count('signalwire.connect')).toBe(1);
  await tab.clock.pauseAt((await tab.evaluate(() => Date.now())) + 1000);
  const counts = async () => ({
    refreshes: requests.filter((r) => r.endsWith('/refresh')).length,
    updates: await tab.evaluate(() => (window as unknown as { updates: number }).updates),
    reauthenticates: relay.count('signalwire.reauthenticate'),
  });
  // The issue's 46 s: 1,114 of each before.
  await runFor(tab, 46_000, 1000);
  expect(await counts()).toEqual({ refreshes: 0, updates: 0, reauthenticates: 0 });
  // An hour: about one refresh every half lifetime (157 s), and updateToken only for a token the SDK lacks.
  await runFor(tab, 3_600_000, 10_000);
  const hour = await counts();
  console.log(`real @signalwire/js, 315 s tokens, one fake hour: ${JSON.stringify(hour)}`);
  expect(hour.refreshes).toBeGreaterThanOrEqual(15);
  // About 23 (one per ~157 s); a slow run (server time moving on) refreshes a little more often, never in a loop.
  expect(hour.refreshes).toBeLessThanOrEqual(30);
  expect(hour.updates).toBeLessThanOrEqual(hour.refreshes);
  expect(hour.reauthenticates).toBe(hour.updates);
  expect(await tab.evaluate(() => (window as unknown as { errors: string[] }).errors)).toEqual([]);
  await tab.close();
});

it('@signalwire/js 3.30 facts the docs state: after updateToken its REST client still sends the first token', async () => {
  // A `ch` whose host has a dot before the port, so the SDK can build its REST host (fabric.localhost:<port>);
  // Chromium resolves *.localhost to loopback, and the REST calls are answered by a route.
  channel = relay.url.replace('127.0.0.1', 'relay.localhost');
  const tab = await browser.newPage();
  const bearers: string[] = [];
  await tab.route('https://fabric.localhost:*/**', async (route) => {
    bearers.push(route.request().headers().authorization ?? '');
    await route.fulfill({ status: 200, contentType: 'application/json', body: '{"id":"subscriber"}' });
  });
  await tab.goto(`${pageUrl}/`);
  await tab.evaluate(() => (window as unknown as { ready: Promise<void> }).ready);
  const reauthsBefore = relay.count('signalwire.reauthenticate');
  const { initial, second } = await tab.evaluate(async () => {
    const w = window as unknown as {
      initial: string;
      sdk: { updateToken(t: string): Promise<void>; getSubscriberInfo(): Promise<unknown> };
      app: { issueSubscriberToken(b: { fingerprint: string }): Promise<{ token: string }> };
    };
    await w.sdk.getSubscriberInfo();
    const next = await w.app.issueSubscriberToken({ fingerprint: 'Qk9CLWRldmljZS1maW5nZXJwcmludC0xMjM0NTY3ODk' });
    await w.sdk.updateToken(next.token);
    await w.sdk.getSubscriberInfo();
    return { initial: w.initial, second: next.token };
  });
  await tab.close();
  expect(second).not.toBe(initial);
  // The WebSocket got the new token...
  expect(relay.count('signalwire.reauthenticate')).toBe(reauthsBefore + 1);
  // ...but both REST calls carry the token the SDK was created with.
  expect(bearers).toEqual([`Bearer ${initial}`, `Bearer ${initial}`]);
});

it('@signalwire/js 3.30 never calls onRefreshToken, even for a token it is told expires in 100 s', async () => {
  relay.reportExpiry(Math.floor(Date.now() / 1000) + 100);
  const tab = await browser.newPage();
  await tab.clock.install({ time: Date.now() });
  await tab.goto(`${pageUrl}/?sdk-only`);
  await tab.evaluate(() => (window as unknown as { ready: Promise<void> }).ready);
  await tab.clock.pauseAt((await tab.evaluate(() => Date.now())) + 1000);
  // Ten minutes in 20 s steps (the SDK's own expiry check interval in its other sessions).
  for (let i = 0; i < 30; i++) await tab.clock.runFor(20_000);
  expect(await tab.evaluate(() => (window as unknown as { refreshCalls: number }).refreshCalls)).toBe(0);
  relay.reportExpiry(0);
  await tab.close();
});
