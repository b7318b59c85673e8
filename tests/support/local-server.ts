// The one way tests run a real server on 127.0.0.1: start it on a free port,
// read its URL, close it with every socket still open (a hanging or trickling
// exchange included), and have a test file's servers closed for it.
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface Served {
  url: string;
  port: number;
  /** Ends every open connection, then stops listening. Safe to call twice. */
  close(): Promise<void>;
}

async function listen(server: Server, port: number): Promise<Served> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })),
  };
}

/** An HTTP server on 127.0.0.1 (a free port unless `port` is given). */
export function serve(listener: RequestListener, port = 0): Promise<Served> {
  return listen(createServer(listener), port);
}

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface RecordingServer extends Served {
  received: Received[];
}

export type Handler = (req: IncomingMessage, res: ServerResponse, received: Received, index: number) => void;

/** An HTTP server that records each request (with its whole body), then lets `handler` answer. */
export async function recordingServer(handler: Handler, port = 0): Promise<RecordingServer> {
  const received: Received[] = [];
  const served = await serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      handler(req, res, entry, received.length - 1);
    });
  }, port);
  return { ...served, received };
}

/** A TCP server that hands each connection's first request to `onRequest`, for responses no HTTP library would send. */
export async function rawServer(onRequest: (socket: Socket) => void): Promise<Served & { connections: number }> {
  let connections = 0;
  const served = await listen(
    createTcpServer((socket) => {
      connections++;
      socket.once('data', () => onRequest(socket));
      socket.on('error', () => {});
    }),
    0,
  );
  return {
    ...served,
    get connections() {
      return connections;
    },
  };
}

/** A port nothing listens on (bound, read, released). */
export async function freePort(): Promise<number> {
  const served = await listen(createTcpServer(), 0);
  await served.close();
  return served.port;
}

/**
 * `const track = closeServers(afterEach)` (or `afterAll`): every server passed
 * to `track` is closed by that hook, so none outlives the test that started it.
 * The hook is passed in so child-process scripts can use this file without vitest.
 */
export function closeServers(hook: (fn: () => Promise<void>) => void) {
  const open: Served[] = [];
  hook(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async <T extends Served>(server: T | Promise<T>): Promise<T> => {
    const started = await server;
    open.push(started);
    return started;
  };
}
