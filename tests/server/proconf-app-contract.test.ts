// The shipped handler, on a real port with the admin backend served by the
// Prism-based mock, must pass the same contract suite as any proconf-app server.
import { afterAll, beforeAll } from 'vitest';
import { describeProconfAppBehaviour } from '../contract/proconf-app-behaviour.ts';
import { serveHandler, mintingAdminUrl } from './serve.ts';

let server: Awaited<ReturnType<typeof serveHandler>>;
beforeAll(async () => {
  // The default policy: a browser user may receive `member` only.
  server = await serveHandler({ adminBaseUrl: await mintingAdminUrl() });
});
afterAll(() => server.close());

describeProconfAppBehaviour('createProconfTokenHandler (default policy)', () => ({ baseUrl: server.url, credential: 'alice-session-7f3a9c', role: 'member' }));
