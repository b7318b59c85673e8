// One in-process Prism mock serving every API at its real path on one port.
// In-process, so there is no child process to orphan.
import { createServer, type Server } from 'node:http';
import { curlFor } from './curl.js';
import { requirePeers } from '../core/peers.js';

export interface MockServerOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Receives one readable line per request (status, operation, violations); default: discarded. */
  log?: (line: string) => void;
}

export interface MockEndpoint {
  api: string;
  operationId: string;
  method: string;
  path: string;
  /** A ready-to-paste curl against this server, with the spec's example request. */
  curl: string;
}

export interface MockServer {
  /** Base URL, e.g. http://127.0.0.1:4010: every API's real paths hang off it. */
  url: string;
  port: number;
  /** Each API's base path (e.g. /api/fabric), with its operations. */
  apis: { name: string; basePath: string; endpoints: MockEndpoint[] }[];
  close(): Promise<void>;
}

/** The port is taken: a one-line, actionable message instead of a stack trace. */
export class MockPortInUseError extends Error {
  constructor(readonly port: number, readonly host: string) {
    super(`port ${port} on ${host} is already in use; choose another port (0 picks a free one)`);
    this.name = 'MockPortInUseError';
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new MockPortInUseError(port, host) : error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as { port: number }).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive sockets would otherwise hold close() open.
    server.closeAllConnections();
  });
}

/** Prism and the specs, loaded only once the port is bound. */
async function loadHandler(log: MockServerOptions['log']) {
  requirePeers('mock');
  await import('./lazy-faker.js');
  const [{ createMockHandler }, { loadMockApis }] = await Promise.all([import('./handler.js'), import('./operations.js')]);
  const apis = await loadMockApis();
  return { apis, handle: createMockHandler(apis, { log }) };
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  // Bind first, then load Prism (about a second of module loading), so a busy
  // port is reported at once. Requests wait for the handler.
  let loading: ReturnType<typeof loadHandler> | undefined;
  // A failed load (or handler) must answer this request, never become an unhandled rejection.
  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => void loading!.then(({ handle }) => handle(req, res)).catch(() => res.destroy()));
  const port = await listen(server, options.port ?? 4010, host);
  loading = loadHandler(options.log);
  let apis;
  try {
    ({ apis } = await loading);
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    apis: apis.map((a) => ({
      name: a.name,
      basePath: a.basePath,
      endpoints: a.operations.map((op) => ({ api: a.name, operationId: op.iid ?? op.id, method: op.method.toUpperCase(), path: op.path, curl: curlFor(url, op) })),
    })),
    close: () => (closing ??= closeServer(server)),
  };
}
