// The test-suite controls of a mock running elsewhere (a vitest globalSetup,
// another process, a CI service), over its /__mock/ endpoints. Same
// interface as the in-process MockServer.
import type { ForcedResponse, MockControls, RecordedRequest } from './controls.js';
import { MockControlError } from './controls.js';

/** Set by `mockGlobalSetup` for the test workers; `connectMock()` reads it by default. */
export const MOCK_URL_ENV = 'RTC_TOKEN_APIS_MOCK_URL';

export interface RemoteMock extends MockControls {
  url: string;
}

async function call(url: string, method: string, path: string, body?: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${url}/__mock${path}`, {
      method,
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  } catch (error) {
    // fetch says only "fetch failed": say where, and the likely why.
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new MockControlError(`no mock answered at ${url} (${method} /__mock${path}): is it running?${cause ? ` (${cause})` : ''}`);
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new MockControlError(`mock ${method} /__mock${path} answered ${response.status}: ${problem.detail ?? response.statusText}`);
  }
  return response;
}

/** Controls for the mock at `url` (default: the URL a `mockGlobalSetup` shared). */
export function connectMock(url: string | undefined = process.env[MOCK_URL_ENV]): RemoteMock {
  if (!url) throw new MockControlError(`no mock URL: pass one, or start the mock with mockGlobalSetup (it sets ${MOCK_URL_ENV})`);
  const base = url.replace(/\/+$/, '');
  return {
    url: base,
    requests: async () => ((await (await call(base, 'GET', '/requests')).json()) as { requests: RecordedRequest[] }).requests,
    once: async (operationId: string, response: ForcedResponse) => void (await call(base, 'POST', '/once', { operationId, ...response })),
    reset: async () => void (await call(base, 'POST', '/reset', {})),
  };
}
