// `npm run docs` output in real headless Chromium, opened from disk with every
// non-local request blocked: from the index, each API page shows every
// operation, status code and named example, how to pick each scenario, a curl
// and the typed client call; nothing overflows at 1280 px; dark mode follows
// prefers-color-scheme. Screenshots go to test-output/docs/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/lib/apis.ts';
import { buildDocs, type BuiltPage } from '../../../scripts/lib/docs/build.ts';
import { dereference } from '../../../src/openapi-doc/resolve.ts';
import { operationLabel, specOperations } from '../../../src/openapi-doc/operations.ts';
import { hasTypedClient } from '../../../src/mock/docs/client-call.ts';
import { launch, offlineContext, openAllOperations, pageWidth } from '../../support/chromium.ts';

const OUT = join(repoRoot, 'test-output', 'docs');
let browser: Browser;
let pages: BuiltPage[];
let index: string;

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  ({ index, pages } = await buildDocs(join(OUT, 'site')));
  mkdirSync(OUT, { recursive: true });
  browser = await launch();
}, 60_000);
afterAll(() => browser?.close());

describe('npm run docs (static, from disk, offline)', () => {
  it('links every API from the index, and each page shows every operation, status, named example, scenario, curl and client call', async () => {
    const { context, blocked } = await offlineContext(browser);
    const page = await context.newPage();
    await page.goto(pathToFileURL(index).href);
    const links = await page.locator('main a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toEqual(pages.map((p) => pathToFileURL(p.file).href));
    await page.screenshot({ path: join(OUT, 'index.png') });
    for (const built of pages) {
      await page.goto(pathToFileURL(index).href);
      await page.getByRole('link', { name: String(built.document.info.title), exact: true }).click();
      await openAllOperations(page);
      const text = collapse(await page.locator('#reference').innerText());
      expect(text).toContain(String(built.document.info.title));
      for (const op of specOperations(dereference(built.document))) {
        const id = String(op.operation.operationId);
        expect(text, `${built.name}: ${operationLabel(op)}`).toContain(`${op.method.toUpperCase()} ${op.path}`);
        expect(text).toContain(id);
        const block = collapse(await page.locator(`.opblock:has(.opblock-summary-operation-id:text-is("${id}"))`).innerText());
        for (const [status, response] of Object.entries<any>(op.operation.responses)) {
          const names = Object.keys(response.content?.['application/json']?.examples ?? {});
          expect(names.length, `${id} ${status} has named examples`).toBeGreaterThan(0);
          for (const name of names) expect(block, `${id} ${status} ${name}`).toContain(`Prefer: code=${status}, example=${name}`);
          // Each named example's value is one selection away in the response's example picker.
          const row = page.locator(`.opblock:has(.opblock-summary-operation-id:text-is("${id}")) tr.response[data-code="${status}"]`);
          for (const [name, example] of Object.entries<any>(response.content['application/json'].examples)) {
            const picker = row.locator('.examples-select select');
            if (names.length > 1) await picker.selectOption(name);
            const shown = collapse(await row.locator('.example, .highlight-code').first().innerText());
            expect(shown, `${id} ${status} example ${name}`).toBe(collapse(JSON.stringify(example.value, null, 2)));
          }
        }
        expect(block, `${id} curl`).toMatch(/curl -sS -X POST 'http:\/\/127\.0\.0\.1:4010\//);
        if (hasTypedClient(built.name)) expect(block, `${id} typed client call`).toMatch(/const result = await client\.\w+\(/);
      }
      expect(await pageWidth(page), `${built.name} has no horizontal overflow at 1280 px`).toBeLessThanOrEqual(1280);
      // Long values (tokens) wrap inside their block instead of scrolling it sideways.
      const scrolling = await page.evaluate(
        () => [...document.querySelectorAll('pre, code')].filter((e) => /eyJ[\w-]{200,}/.test(e.textContent ?? '') && e.scrollWidth > e.clientWidth + 1).length,
      );
      expect(scrolling, `${built.name}: blocks with an unwrapped token`).toBe(0);
      await page.screenshot({ path: join(OUT, `${built.name}.png`), fullPage: true });
    }
    expect(blocked).toEqual([]);
    await context.close();
  });

  it('follows prefers-color-scheme: dark', async () => {
    const backgrounds: Record<string, string> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, blocked } = await offlineContext(browser, { colorScheme });
      const page = await context.newPage();
      await page.goto(pathToFileURL(pages.find((p) => p.name === 'proconf-app')!.file).href);
      await page.waitForSelector('html[data-ready="true"]');
      expect(await page.evaluate(() => document.documentElement.classList.contains('dark-mode'))).toBe(colorScheme === 'dark');
      backgrounds[colorScheme] = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.screenshot({ path: join(OUT, `proconf-app-${colorScheme}.png`) });
      expect(blocked).toEqual([]);
      await context.close();
    }
    expect(backgrounds.dark).not.toBe(backgrounds.light);
  });
});
