// A vitest globalSetup that starts one mock for the whole run and shares its
// URL: `provide`d as `rtcTokenApisMockUrl` (read with `inject`) and set in
// the environment the test workers inherit (read by `connectMock()`).
// Typed structurally, so this package does not depend on vitest.
import { MOCK_URL_ENV } from './remote.js';
import { startMockServer, type MockServer, type MockServerOptions } from './server.js';

export const MOCK_URL_KEY = 'rtcTokenApisMockUrl';

interface ProvidingProject {
  provide(key: string, value: unknown): void;
}

/**
 * `export default mockGlobalSetup({ port: 0 })` in a globalSetup file: vitest
 * calls the returned function before the run and the function it returns after.
 */
export function mockGlobalSetup(options: MockServerOptions = {}) {
  return async (project?: ProvidingProject): Promise<() => Promise<void>> => {
    const mock: MockServer = await startMockServer({ port: 0, ...options });
    process.env[MOCK_URL_ENV] = mock.url;
    project?.provide(MOCK_URL_KEY, mock.url);
    // An interrupted run still releases the port.
    const stop = () => void mock.close();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return async () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await mock.close();
    };
  };
}
