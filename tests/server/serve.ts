// Test helpers: the /proconfToken handler on a real 127.0.0.1 port, built
// with a caller table, a recording admin fetch and a log.
import { createProconfTokenHandler, toNodeListener, bearerToken, type ProconfTokenHandlerOptions, type RequestLogEntry } from '../../src/server/index.ts';
import { serve, type Served } from '../support/local-server.ts';
import { responseExamples } from '../support/spec-schemas.ts';

export interface User {
  id: string;
}

/** The bearer credentials the test app knows. */
const USERS: Record<string, User> = {
  'alice-session-7f3a9c': { id: 'alice' },
  'verify-bot-session-4b8e21': { id: 'verify-bot' },
};

export const authorizeFromTable = (request: Request): User | undefined => USERS[bearerToken(request) ?? ''];

interface AdminCall {
  url: string;
  headers: Headers;
  body: string;
}

/** The handler on a real port; admin calls go through a recording (real) fetch. */
export async function serveHandler(options: Partial<ProconfTokenHandlerOptions<User>> & { adminBaseUrl: string }) {
  const logs: RequestLogEntry[] = [];
  const adminCalls: AdminCall[] = [];
  const fetch = async (request: Request, init?: RequestInit) => {
    adminCalls.push({ url: request.url, headers: new Headers(request.headers), body: await request.clone().text() });
    return globalThis.fetch(request, init);
  };
  const handler = createProconfTokenHandler<User>({ authorize: authorizeFromTable, logger: (e) => logs.push(e), fetch, ...options });
  const served = await serve(toNodeListener(handler));
  return { ...served, handler, logs, adminCalls };
}

export function post(url: string, body: string | Uint8Array | ReadableStream, headers: Record<string, string> = {}) {
  return fetch(`${url}/proconfToken`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer alice-session-7f3a9c', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
}

/** The spec's example body of each error status (read from the bundled spec, not from src/). */
export const ENVELOPES = Object.fromEntries(
  [400, 401, 404, 413, 500].map((status) => [status, Object.values(responseExamples('proconf-app', '/proconfToken', status))[0]]),
) as Record<400 | 401 | 404 | 413 | 500, { data: null; error: { code: number; message: string } }>;
let minting: Promise<Served> | undefined;

/**
 * A real admin backend that mints a token for exactly what it is asked (see
 * admin-backend.ts): the Prism mock answers a fixed, long-expired example,
 * which the handler rightly refuses to pass on. Closed when the worker exits.
 */
export async function mintingAdminUrl(): Promise<string> {
  minting ??= import('./admin-backend.ts').then((m) => m.adminBackend());
  return (await minting).url;
}
