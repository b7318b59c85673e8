// The set-up of the tests where real pages in Chromium talk to the mock (the
// control plane's CORS and Host checks, the SDK's relay): a mock that logs
// into `log`, a page server on another origin, and Chromium with the test's
// host-resolver rules. A failed start closes what had started.
import type { RequestListener } from 'node:http';
import type { Browser } from 'playwright-core';
import { startMockServer, type MockServer } from '../../src/mock/index.ts';
import { launch } from '../support/chromium.ts';
import { serve, type Served } from '../support/local-server.ts';

export interface MockPages {
  mock: MockServer;
  pages: Served;
  browser: Browser;
}

export async function startMockPages(options: {
  log: string[];
  /** Chromium's `--host-resolver-rules`. */
  hostResolverRules: string;
  /** What the page server answers, given the running mock. */
  pages: (mock: MockServer) => RequestListener;
}): Promise<MockPages> {
  const started: Partial<MockPages> = {};
  try {
    started.mock = await startMockServer({ port: 0, log: (line) => options.log.push(line) });
    started.pages = await serve(options.pages(started.mock));
    started.browser = await launch([`--host-resolver-rules=${options.hostResolverRules}`]);
    return started as MockPages;
  } catch (error) {
    await closeMockPages(started);
    throw error;
  }
}

export async function closeMockPages(started: Partial<MockPages>): Promise<void> {
  await started.browser?.close();
  await started.pages?.close();
  await started.mock?.close();
}
