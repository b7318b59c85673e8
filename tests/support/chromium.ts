// Debian's headless Chromium for the browser tests (never a download), with every request that
// is not to this machine (loopback or file:) aborted and recorded, so a test
// can assert that nothing tried to leave.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium with the house flags, plus `extraArgs` (e.g. `--host-resolver-rules=…` for the tests that map or forbid names). */
export const launch = (extraArgs: string[] = []): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extraArgs] });

const local = (url: URL) =>
  url.protocol === 'file:' || url.protocol === 'data:' || url.protocol === 'blob:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/** A 1280 px wide context whose non-loopback requests are blocked and listed in `blocked`. */
export async function offlineContext(
  browser: Browser,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<{ context: BrowserContext; blocked: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: options.colorScheme ?? 'light' });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (local(url)) return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  return { context, blocked };
}

/** Waits for Swagger UI to render, then expands every operation. */
export async function openAllOperations(page: Page): Promise<void> {
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
  const summaries = await page.locator('.opblock-summary-control').all();
  for (const summary of summaries) await summary.click();
  await page
    .locator('.opblock.is-open')
    .nth(summaries.length - 1)
    .waitFor();
  await page
    .locator('.responses-table')
    .nth(summaries.length - 1)
    .waitFor();
}

/** Widest point of the page: no horizontal overflow means <= the viewport width. */
export const pageWidth = (page: Page) => page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
