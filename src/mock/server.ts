// One in-process Prism mock serving every API at its real path on one port.
// In-process, so there is no child process to orphan.
import { createServer, type Server } from 'node:http';
import { MOCK_DEFAULTS } from './defaults.js';
import { curlFor } from './curl.js';
import { ControlState, type ForcedResponse, type MockControls, type RecordedRequest } from './controls.js';
import type { MockApi } from './operations.js';
import { requirePeers } from '../tools/peers.js';

export interface MockServerOptions {
  /** Port to listen on; 0 picks a free one. Default: `MOCK_DEFAULTS.port` (exported). */
  port?: number;
  /** Interface to bind (default: `MOCK_DEFAULTS.host`). */
  host?: string;
  /** Receives one readable line per request (status, operation, violations); default: discarded. */
  log?: (line: string) => void;
  /** `text` (default) or `json`: one JSON object per request with the text line's fields. */
  logFormat?: 'text' | 'json';
  /**
   * Provider-like rules for tokens this mock issued (default true): a refresh
   * token works once, an `expire_at` in the past is refused. Forced scenarios
   * (Prefer, `once`) always win over them.
   */
  stateful?: boolean;
  /**
   * Host names (Host header) the mock answers to besides loopback names
   * (`localhost`, `*.localhost`), IP addresses and `host`; any other gets a
   * 403, so a web page cannot rebind a name of its own onto the mock. A
   * leading dot (`.example.test`) allows a name and its subdomains.
   */
  allowedHosts?: string[];
}

export interface MockEndpoint {
  api: string;
  operationId: string;
  method: string;
  path: string;
  /** A ready-to-paste curl against this server, with the spec's example request. */
  curl: string;
}

export interface MockServer extends MockControls {
  /** Base URL, e.g. http://127.0.0.1:4010: every API's real paths hang off it. */
  url: string;
  port: number;
  /** Each API's base path (e.g. /api/fabric), with its operations. */
  apis: { name: string; basePath: string; endpoints: MockEndpoint[] }[];
  /** Serves these documents from now on (`--watch`); recorded requests and state are kept. */
  reload(documents: { name: string; document: Record<string, unknown> }[]): Promise<void>;
  close(): Promise<void>;
}

/** The port is taken: a one-line, actionable message instead of a stack trace. */
export class MockPortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly host: string,
  ) {
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

type Handle = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>;

/** Prism and the specs, loaded only once the port is bound. */
async function loadHandler(options: MockServerOptions & { host: string }, controls: ControlState, documents?: Parameters<MockServer['reload']>[0]) {
  requirePeers('mock');
  await import('./lazy-modules.js');
  const [{ createMockHandler }, { loadMockApis }] = await Promise.all([import('./handler.js'), import('./operations.js')]);
  const apis: MockApi[] = await loadMockApis(documents);
  const handle: Handle = createMockHandler(apis, {
    log: options.log,
    logFormat: options.logFormat,
    stateful: options.stateful,
    controls,
    allowedHosts: [options.host, ...(options.allowedHosts ?? [])],
  });
  return { apis, handle };
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? MOCK_DEFAULTS.host;
  // Bind first, then load Prism (about a second of module loading), so a busy
  // port is reported at once. Requests wait for the handler.
  let loading: ReturnType<typeof loadHandler> | undefined;
  // Once loaded, requests go straight to the handler, without waiting on `loading`.
  let ready: Handle | undefined;
  let operations: import('@stoplight/types').IHttpOperation[] = [];
  const controls = new ControlState(() => operations);
  // A failed load (or handler) must answer this request, never become an unhandled rejection.
  const server = createServer(
    { keepAliveTimeout: 5000 },
    (req, res) => void (ready ? ready(req, res) : loading!.then(({ handle }) => handle(req, res))).catch(() => res.destroy()),
  );
  const port = await listen(server, options.port ?? MOCK_DEFAULTS.port, host);
  loading = loadHandler({ ...options, host }, controls);
  let apis: MockApi[];
  try {
    let handle: Handle;
    ({ apis, handle } = await loading);
    ready = handle;
    operations = apis.flatMap((a) => a.operations);
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  const describeApis = (list: MockApi[]) =>
    list.map((a) => ({
      name: a.name,
      basePath: a.basePath,
      endpoints: a.operations.map((op) => ({
        api: a.name,
        operationId: op.iid ?? op.id,
        method: op.method.toUpperCase(),
        path: op.path,
        curl: curlFor(url, op),
      })),
    }));
  const mock: MockServer = {
    url,
    port,
    apis: describeApis(apis),
    requests: async (): Promise<RecordedRequest[]> => controls.requests(),
    once: async (operationId: string, response: ForcedResponse) => controls.force(operationId, response),
    reset: async () => controls.reset(),
    reload: async (documents) => {
      // Load fully before swapping: a document Prism cannot read leaves the old one serving.
      const next = loadHandler({ ...options, host }, controls, documents);
      const loaded = await next;
      loading = next;
      ready = loaded.handle;
      operations = loaded.apis.flatMap((a) => a.operations);
      mock.apis = describeApis(loaded.apis);
    },
    close: () => (closing ??= closeServer(server)),
  };
  return mock;
}
