// The mock's control plane against real web pages, where Chromium's own CORS
// enforcement decides: a page on another origin (another port of 127.0.0.1,
// and `localhost`) cannot read GET /__mock/requests, and its text/plain or
// JSON POSTs, fetches and form submissions to /__mock/reset and /__mock/once
// change nothing; a page on a rebound name (Chromium's host resolver maps
// rebind.test to 127.0.0.1, as a DNS rebinding attack would) is refused by the
// Host allow-list. The mocked APIs stay callable from the other origin.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.ts';
import type { Served } from '../support/local-server.ts';
import { closeMockPages, startMockPages } from './pages.ts';
import { BEARER, VALID } from './requests.ts';

let mock: MockServer;
let pages: Served;
let browser: Browser;
const log: string[] = [];

beforeAll(async () => {
  ({ mock, pages, browser } = await startMockPages({
    log,
    hostResolverRules: 'MAP rebind.test 127.0.0.1',
    // The attacker's page: blank, on its own origin; each test runs its script there.
    pages: () => (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>another origin</title>'),
  }));
}, 60_000);
afterAll(() => closeMockPages({ mock, pages, browser }));

/** One recorded request and one forced scenario queued, so a reset that happened shows. */
beforeEach(async () => {
  await mock.reset();
  const response = await fetch(`${mock.url}/proconfToken`, {
    method: 'POST',
    headers: { authorization: BEARER, 'content-type': 'application/json' },
    body: JSON.stringify(VALID.get_proconf_token.body),
  });
  expect(response.status).toBe(200);
  log.length = 0;
});

async function pageOn(origin: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  return page;
}

/** Runs `fetch(url, init)` in the page: `read:<status>:<text>` when the page may read the answer, else `blocked:<error>`. */
const pageFetch = (page: Page, url: string, init: Record<string, unknown> = {}) =>
  page.evaluate(
    async ([u, i]) => {
      try {
        const r = await fetch(u as string, i as RequestInit);
        return r.type === 'opaque' ? 'opaque' : `read:${r.status}:${await r.text()}`;
      } catch (error) {
        return `blocked:${(error as Error).name}`;
      }
    },
    [url, init] as const,
  );

/** The mock's state is untouched: the request recorded in beforeEach is still there. */
async function unchanged(): Promise<void> {
  // (A page that navigated to the mock also asks it for /favicon.ico, a recorded 404.)
  expect((await mock.requests()).filter((r) => r.path !== '/favicon.ico')).toEqual([expect.objectContaining({ path: '/proconfToken', status: 200 })]);
  const next = await fetch(`${mock.url}/proconfToken`, {
    method: 'POST',
    headers: { authorization: BEARER, 'content-type': 'application/json' },
    body: JSON.stringify(VALID.get_proconf_token.body),
  });
  expect(next.status).toBe(200); // no `once` got through
}

describe.each([
  ['another port of 127.0.0.1', () => pages.url],
  ['localhost', () => pages.url.replace('127.0.0.1', 'localhost')],
])('a page on %s', (_label, origin) => {
  it('cannot read GET /__mock/requests', async () => {
    const page = await pageOn(origin());
    expect(new URL(page.url()).origin).not.toBe(new URL(mock.url).origin);
    expect(await pageFetch(page, `${mock.url}/__mock/requests`)).toBe('blocked:TypeError');
    await page.close();
  });

  it('changes nothing with text/plain, no-cors or JSON POSTs to /__mock/reset and /__mock/once', async () => {
    const page = await pageOn(origin());
    const once = JSON.stringify({ operationId: 'get_proconf_token', status: 500, times: 5 });
    const results = [
      await pageFetch(page, `${mock.url}/__mock/reset`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }),
      await pageFetch(page, `${mock.url}/__mock/reset`, { method: 'POST', mode: 'no-cors', body: '{}' }),
      await pageFetch(page, `${mock.url}/__mock/once`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: once }),
      await pageFetch(page, `${mock.url}/__mock/once`, { method: 'POST', mode: 'no-cors', body: once }),
      // JSON makes Chromium ask first; the preflight is refused, so the POST is never sent.
      await pageFetch(page, `${mock.url}/__mock/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    ];
    expect(results).toEqual(['blocked:TypeError', 'opaque', 'blocked:TypeError', 'opaque', 'blocked:TypeError']);
    expect(log.filter((l) => l.startsWith('POST /__mock/'))).toHaveLength(4);
    expect(log.some((l) => /^OPTIONS \/__mock\/reset -> 403/.test(l))).toBe(true);
    await unchanged();
    await page.close();
  });

  it('changes nothing with a submitted form (a navigation, which CORS does not cover)', async () => {
    const page = await pageOn(origin());
    await page.evaluate((action) => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.enctype = 'text/plain';
      form.action = action;
      const input = document.createElement('input');
      input.name = '{"operationId":"get_proconf_token","status":500,"x":"';
      input.value = '"}';
      form.append(input);
      document.body.append(form);
      form.submit();
    }, `${mock.url}/__mock/once`);
    await page.waitForURL(`${mock.url}/__mock/once`);
    expect(await page.textContent('body')).toContain('Mock controls');
    await unchanged();
    await page.close();
  });

  it('still calls the mocked API and reads its answer (CORS without credentials)', async () => {
    const page = await pageOn(origin());
    const got = await pageFetch(page, `${mock.url}/proconfToken`, {
      method: 'POST',
      headers: { authorization: BEARER, 'content-type': 'application/json' },
      body: JSON.stringify(VALID.get_proconf_token.body),
    });
    expect(got).toMatch(/^read:200:\{"error":null,"data":"eyJ/);
    await page.close();
  });
});

describe('a rebound name (DNS rebinding)', () => {
  it('a page served as rebind.test on the mock’s own port is refused by the Host allow-list, and reads nothing', async () => {
    const rebound = `http://rebind.test:${mock.port}`;
    const page = await browser.newPage();
    const response = await page.goto(`${rebound}/__mock/requests`);
    expect(response?.status()).toBe(403);
    expect(await page.textContent('body')).toContain('--allow-host rebind.test');
    // Same origin as the page now: the browser would let it read, the mock does not answer.
    expect(await pageFetch(page, '/__mock/requests')).toMatch(/^read:403:/);
    expect(await pageFetch(page, '/__mock/reset', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).toMatch(/^read:403:/);
    await unchanged();
    await page.close();
  });
});
