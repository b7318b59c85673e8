// GET /docs on the mock in real headless Chromium, with every non-loopback
// request blocked: try-it calls this same mock with the demo credentials
// already filled in, and the Prefer picker selects a documented scenario.
// Screenshots go to test-output/mock/.
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
