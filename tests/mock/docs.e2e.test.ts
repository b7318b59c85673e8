// GET /docs on the mock in real headless Chromium, with every non-loopback
// request blocked: try-it calls this same mock with the demo credentials
// already filled in, and the Prefer picker selects a documented scenario.
// In dark and light mode every piece of text in the operation descriptions
// (the "On the mock" tables among them: status numbers, "or", headings) has a
// WCAG contrast of at least 4.5:1 against the background it is painted on,
// computed from the page's own styles. Screenshots go to test-output/mock/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.ts';
import { launch, offlineContext, openAllOperations, pageWidth } from '../support/chromium.ts';

const OUT = join(import.meta.dirname, '..', '..', 'test-output', 'mock');
let mock: MockServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  [mock, browser] = await Promise.all([startMockServer({ port: 0 }), launch()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

it('try-it on /docs calls the mock itself with the demo credentials, and the Prefer picker chooses the scenario', async () => {
  const { context, blocked } = await offlineContext(browser);
  const page = await context.newPage();
  await page.goto(`${mock.url}/docs`);
  await page.getByRole('link', { name: 'ProCONF token endpoint of your application server' }).click();
  await openAllOperations(page);
  const operation = page.locator('.opblock').first();

  await operation.locator('button.execute').click();
  const live = operation.locator('.live-responses-table .response');
  await live.first().waitFor();
  expect((await live.locator('.response-col_status').first().innerText()).trim()).toBe('200');
  const body = JSON.parse(await live.locator('.response-col_description pre').first().innerText());
  expect(body).toEqual({ error: null, data: expect.stringMatching(/^eyJ/) });
  const requests = await mock.requests();
  expect(requests).toEqual([expect.objectContaining({ method: 'POST', path: '/proconfToken', operationId: 'get_proconf_token', status: 200 })]);
  await page.screenshot({ path: join(OUT, 'docs-try-it.png'), fullPage: true });

  await operation.locator('tr[data-param-name="Prefer"] select').selectOption('code=404, example=not_found');
  await operation.locator('button.execute').click();
  await expect.poll(async () => (await live.locator('.response-col_status').first().innerText()).trim(), { timeout: 10_000 }).toBe('404');
  expect((await mock.requests()).at(-1)).toMatchObject({ operationId: 'get_proconf_token', status: 404 });
  expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
  expect(blocked).toEqual([]);
  await context.close();
}, 60_000);

/**
 * In the page: [text, contrast] for every element of the descriptions with text
 * of its own. Backgrounds are composed up the tree (alpha included) down to
 * the page's; a string, because the test runner's transform must not touch it.
 */
const CONTRASTS = `(() => {
  const rgba = (s) => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
  };
  const luminance = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const out = [];
  for (const el of document.querySelectorAll('.opblock-description-wrapper *')) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join(' ').trim();
    if (!own) continue;
    const bg = background(el);
    const fg = over(rgba(getComputedStyle(el).color), bg);
    const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    out.push([el.tagName + ' ' + own.slice(0, 30), Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100]);
  }
  return out;
})()`;

for (const scheme of ['dark', 'light'] as const) {
  it(`${scheme} mode: every description text on every API page reads at 4.5:1 or more`, async () => {
    const { context, blocked } = await offlineContext(browser, { colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(`${mock.url}/docs/`);
    const apis = await page.locator('a[href$=".html"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    expect(apis.length).toBeGreaterThanOrEqual(5);
    for (const href of apis) {
      await page.goto(`${mock.url}/docs/${href}`);
      expect(await page.evaluate(`document.documentElement.classList.contains('dark-mode')`)).toBe(scheme === 'dark');
      await openAllOperations(page);
      const contrasts = (await page.evaluate(CONTRASTS)) as [string, number][];
      // The status numbers of the "On the mock" table are among them.
      expect(contrasts.filter(([text]) => /^TD \d{3}$/.test(text)).length, href).toBeGreaterThan(3);
      expect(
        contrasts.filter(([, ratio]) => ratio < 4.5),
        `${href} (${scheme})`,
      ).toEqual([]);
      if (scheme === 'dark' && href.startsWith('proconf-app'))
        await page
          .locator('.opblock-description-wrapper table')
          .first()
          .screenshot({ path: join(OUT, 'docs-dark-on-the-mock.png') });
    }
    expect(blocked).toEqual([]);
    await context.close();
  }, 120_000);
}
