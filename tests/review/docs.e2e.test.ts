// The rendered reference in real headless Chromium, offline: from the index,
// open every API page and check that every operation, status code and example
// of the bundled spec is visible. Saves a screenshot of each page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/apis.ts';
import { buildDocs, type BuiltPage } from '../../scripts/lib/docs/build.ts';
import { listOperations, operationLabel, type Obj } from '../../scripts/lib/docs/operations.ts';

const OUT = join(repoRoot, 'test-output', 'docs');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;
let page: Page;
let pages: BuiltPage[];
let index: string;
const remoteRequests: string[] = [];

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Every example value under a node of the spec, found independently of the renderer. */
function examplesUnder(node: unknown, parentKey = ''): unknown[] {
  if (Array.isArray(node)) return node.flatMap((item) => examplesUnder(item));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node as Obj).flatMap(([key, value]) => {
    if (parentKey === 'properties') return examplesUnder(value); // `key` is a property name here
    if (key === 'example') return [value];
    if (key === 'examples' && Array.isArray(value)) return value;
    if (key === 'examples' && value && typeof value === 'object') return Object.values(value as Obj).map((ex: Obj) => ex.value);
    return examplesUnder(value, key);
  });
}

beforeAll(async () => {
  ({ index, pages } = await buildDocs(join(OUT, 'site')));
  mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) remoteRequests.push(request.url());
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('npm run docs', () => {
  it('writes an index page that links every API', async () => {
    await page.goto(pathToFileURL(index).href);
    const links = await page.locator('main a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toEqual(pages.map((p) => pathToFileURL(p.file).href));
    await page.screenshot({ path: join(OUT, 'index.jpg'), fullPage: true, type: 'jpeg', quality: 50 });
  });

  it('shows every operation, status code and example of each API, offline', async () => {
    for (const built of pages) {
      const title = String(built.document.info.title);
      await page.goto(pathToFileURL(index).href);
      await page.getByRole('link', { name: title, exact: true }).click();
      await expect.poll(() => page.url()).toBe(pathToFileURL(built.file).href);
      await expect(page.locator('h1').innerText()).resolves.toContain(title);

      const operations = listOperations(built.document);
      expect(operations.length).toBeGreaterThan(0);
      // One round trip per page: the rendered text (innerText, so hidden or
      // collapsed content is missing) of each operation and each response.
      const ids = operations.flatMap((op) => [op.operation.operationId, ...Object.keys(op.operation.responses).map((s) => `${op.operation.operationId}-${s}`)]);
      const rendered: Record<string, string | null> = await page.evaluate((list) => Object.fromEntries(list.map((id) => {
        const element = document.getElementById(id);
        return [id, element && element.checkVisibility() ? element.innerText : null];
      })), ids);
      for (const op of operations) {
        const id = op.operation.operationId as string;
        const text = collapse(rendered[id] ?? '');
        expect(text, `${built.name}: ${operationLabel(op)} is visible`).toContain(operationLabel(op));
        for (const status of Object.keys(op.operation.responses)) {
          expect(collapse(rendered[`${id}-${status}`] ?? ''), `${operationLabel(op)} ${status}`).toMatch(new RegExp(`^${status}\\b`));
        }
        const examples = examplesUnder(op.operation);
        expect(examples.length).toBeGreaterThan(0);
        for (const example of examples) {
          expect(text, `${operationLabel(op)} example`).toContain(collapse(JSON.stringify(example, null, 2)));
        }
      }
      // JPEG: a full-page PNG of the longest page alone takes ~1.5 s to encode.
      await page.screenshot({ path: join(OUT, `${built.name}.jpg`), fullPage: true, type: 'jpeg', quality: 50 });
    }
    expect(remoteRequests).toEqual([]);
  });
});
