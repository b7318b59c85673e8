// Every failure mode, run with canary credentials against a hostile local
// server that echoes them back wherever it can. Shared by canary-secrets.test.ts
// (in-process checks) and canary-script.ts (what reaches stdout/stderr).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSignalWireClient, basicAuthorization, retryPolicy } from '../../../src/signalwire/index.ts';
import { createProconfAppClient } from '../../../src/proconf/index.ts';
import { proconfValidation, signalWireValidation } from '../../../src/validation/index.ts';
import { freePort, serve } from '../../support/local-server.ts';

const PROJECT_ID = 'canary-project-5a1f';
const CANARIES = {
  apiToken: 'PT-canary-apitoken-9f27c1e8b4',
  refreshToken: 'eyJ-canary-refresh-31d7a0c6f2',
  bearer: 'bearer-canary-credential-7b0e55',
};
const BASIC = basicAuthorization(PROJECT_ID, CANARIES.apiToken);
/** Every string that must never be shown, and a distinctive prefix of each (a cut-off secret is still a leak). */
export const FORBIDDEN = [...Object.values(CANARIES), BASIC.slice('Basic '.length)].flatMap((s) => [s, s.slice(0, 10)]);

type Mode = (req: IncomingMessage, res: ServerResponse, echo: string) => void;

/** Each mode answers with the request's credentials and body echoed back in a different way. */
const MODES: Record<string, Mode> = {
  'echo-401-json': (req, res, echo) => json(res, 401, { error: 'Unauthorized', seen: req.headers.authorization, [echo]: echo }),
  'echo-422': (_q, res, echo) =>
    json(res, 422, { errors: [{ type: 'validation_error', code: 'token_expired', message: `token ${echo} expired`, url: 'https://x' }] }),
  'echo-502-html': (_q, res, echo) => raw(res, 502, 'text/html', `<html><body>Bad gateway for ${echo}</body></html>`),
  'echo-invalid-json': (_q, res, echo) => raw(res, 201, 'application/json', `${'x'.repeat(60)}${echo}`),
  'echo-missing-field': (req, res) => json(res, 201, { token: String(req.headers.authorization) }),
  'retry-503': (_q, res, echo) => json(res, 503, { error: echo }, { 'retry-after': '0' }),
  redirect: (req, res) => {
    res.writeHead(307, { location: `http://127.0.0.1:9/steal?auth=${encodeURIComponent(String(req.headers.authorization))}` });
    res.end();
  },
  empty: (_q, res) => raw(res, 201, 'application/json', ''),
  // Issue 12: the reason phrase, a request-id header, a content-type, URL-encoded and JSON-escaped echoes.
  'echo-status-text': (_q, res, echo) => {
    res.writeHead(503, echo.replace(/[^\x20-\x7e]/g, '?'), { 'content-type': 'application/json' });
    res.end('{}');
  },
  'echo-request-id': (_q, res, echo) => {
    res.writeHead(401, { 'x-request-id': echo.replace(/[^\x20-\x7e]/g, '?'), 'content-type': 'application/json' });
    res.end('{}');
  },
  'echo-content-type': (_q, res, echo) => raw(res, 201, `text/plain; echo=${echo.replace(/[^\x20-\x7e]/g, '?')}`, 'not json'),
  'echo-encoded': (_q, res, echo) => raw(res, 400, 'text/plain', `${encodeURIComponent(echo)} ${JSON.stringify(echo)}`),
  huge: (_q, res, echo) => raw(res, 201, 'application/json', `{"token":"${echo}${'x'.repeat(70_000)}"}`),
  truncated: (_q, res, echo) => {
    res.writeHead(201, { 'content-type': 'application/json', 'content-length': '500' });
    res.write(`{"token":"${echo}`);
    setTimeout(() => res.socket?.destroy(), 10);
  },
  reset: (req) => req.socket.destroy(),
  stall: () => {},
};

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  raw(res, status, 'application/json', JSON.stringify(body), headers);
}
function raw(res: ServerResponse, status: number, type: string, text: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(text);
}

function hostileServer() {
  return serve((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c;
    });
    req.on('end', () => {
      const mode = MODES[String(req.headers['x-mode'])];
      if (mode) mode(req, res, `${req.headers.authorization} ${body}`);
      else raw(res, 418, 'text/plain', 'scenario without x-mode: a request that should not have been sent');
    });
  });
}

export interface Scenario {
  name: string;
  error: unknown;
}

const settle = async (name: string, run: () => Promise<unknown>): Promise<Scenario> => {
  try {
    await run();
    return { name, error: new Error(`${name}: expected a failure, got a result`) };
  } catch (error) {
    return { name, error };
  }
};

/** Runs every failure mode; `log` receives what a careless app would log (every error, every retry). */
export async function runCanaryScenarios(log: (what: unknown) => void = () => {}): Promise<Scenario[]> {
  const server = await hostileServer();
  const refused = `http://127.0.0.1:${await freePort()}`;
  // Only the stalling mode may time out, on its own short per-call timeout; every
  // other mode gets a generous one, so a slow, loaded machine cannot turn its
  // answer into a timeout.
  const sw = (baseUrl = server.url) =>
    createSignalWireClient({
      baseUrl,
      projectId: PROJECT_ID,
      apiToken: CANARIES.apiToken,
      timeoutMs: 10_000,
      maxResponseBytes: 32 * 1024,
      validation: signalWireValidation({ response: true }),
      retry: retryPolicy({ maxAttempts: 2, baseDelayMs: 1, onRetry: (info) => log(info.error) }),
    });
  const app = createProconfAppClient({
    baseUrl: server.url,
    credentials: () => CANARIES.bearer,
    timeoutMs: 10_000,
    validation: proconfValidation({ response: true }),
  });
  const refresh = (mode: string, options: object = {}) =>
    sw().refreshSubscriberToken({ refresh_token: CANARIES.refreshToken }, { headers: { 'x-mode': mode }, ...options });
  // Generous timeouts (a loaded machine runs all of these at once); only the stall mode waits for one.
  const proconf = (mode: string, options: object = {}) =>
    app.getProconfToken({ role: 'owner', room: 'r', participantName: 'p' }, { headers: { 'x-mode': mode }, ...options });
  const forMode = (mode: string) => (mode === 'stall' ? { timeoutMs: 300 } : {});
  const runs: [string, () => Promise<unknown>][] = [
    ...Object.keys(MODES).flatMap((mode): [string, () => Promise<unknown>][] => [
      [`signalwire ${mode}`, () => refresh(mode, forMode(mode))],
      [`proconf ${mode}`, () => proconf(mode, forMode(mode))],
    ]),
    ['signalwire aborted', () => refresh('stall', { signal: AbortSignal.timeout(50) })],
    ['signalwire refused', () => sw(refused).refreshSubscriberToken({ refresh_token: CANARIES.refreshToken })],
    [
      'proconf invalid request (secret as a field name)',
      () => app.getProconfToken({ role: 'owner', room: 'r', participantName: 'p', [CANARIES.bearer]: 1 } as never),
    ],
    [
      'signalwire invalid request (secret as a bad value)',
      () => sw().createSubscriberToken({ reference: 'r', password: CANARIES.apiToken, fingerprint: CANARIES.refreshToken }),
    ],
    ['signalwire bad config', async () => createSignalWireClient({ baseUrl: 'http://example.com', projectId: PROJECT_ID, apiToken: CANARIES.apiToken })],
    [
      'signalwire bad project id',
      async () => createSignalWireClient({ space: 'acme', projectId: `${PROJECT_ID}:${CANARIES.apiToken}`, apiToken: CANARIES.apiToken }),
    ],
  ];
  try {
    const results = await Promise.all(runs.map(([name, run]) => settle(name, run)));
    for (const r of results) log(r.error);
    return results;
  } finally {
    await server.close();
  }
}
