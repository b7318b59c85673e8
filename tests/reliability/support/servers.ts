// Real local servers for the reliability tests: each counts what it receives,
// so a test can prove how many requests (and which headers) reached it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface LocalServer {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, received: Received, index: number) => void;

function track(sockets: Set<Socket>, socket: Socket) {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
}

function closer(server: { close(cb: () => void): void }, sockets: Set<Socket>) {
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

/** An HTTP server on 127.0.0.1 that records each request, then lets `handler` answer. */
export async function httpServer(handler: Handler, port = 0): Promise<LocalServer> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      handler(req, res, entry, received.length - 1);
    });
  });
  server.on('connection', (s) => track(sockets, s));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${actual}`, port: actual, received, close: closer(server, sockets) };
}

/** A TCP server that writes `raw` bytes after reading a request, for responses no HTTP library would send. */
export async function rawServer(onRequest: (socket: Socket) => void): Promise<LocalServer & { connections: number }> {
  const sockets = new Set<Socket>();
  const state = { connections: 0 };
  const server = createTcpServer((socket) => {
    state.connections++;
    track(sockets, socket);
    socket.once('data', () => onRequest(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received: [],
    get connections() {
      return state.connections;
    },
    close: closer(server, sockets),
  };
}

/** A port nothing listens on (bound, read, released). */
export async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A handler that answers every request with this status, headers and text. */
export function reply(status: number, headers: Record<string, string>, text: string): Handler {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(text);
  };
}

/** Settles with the error (or value) and how long it took. */
export async function outcome<T>(promise: Promise<T>): Promise<{ error: unknown; value?: T; ms: number }> {
  const started = performance.now();
  try {
    const value = await promise;
    return { error: undefined, value, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}
