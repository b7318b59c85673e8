// Serves a web-standard handler from Node's `http` server (and from Express,
// whose req/res are Node's): IncomingMessage -> Request, Response -> ServerResponse.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';

export type WebHandler = (request: Request) => Promise<Response>;

/**
 * What the adapter knows that a Request cannot carry: the real method when
 * fetch refuses it (TRACE, CONNECT, TRACK), that a body parser already read
 * the body, and the socket's peer address. Kept in-process, so a client
 * cannot forge any of them.
 */
const facts = new WeakMap<Request, { method?: string; bodyConsumed?: boolean; address?: string | undefined }>();

/** The request's method as the client sent it. */
export function requestMethod(request: Request): string {
  return facts.get(request)?.method ?? request.method;
}

/** True when a framework's body parser read the body before the handler ran. */
export function bodyAlreadyRead(request: Request): boolean {
  return facts.get(request)?.bodyConsumed === true;
}

/** The client's address as the socket saw it (no proxy header is trusted), when the Node adapter built the request. */
export function clientAddressOf(request: Request): string | undefined {
  return facts.get(request)?.address;
}

/** Methods undici refuses to put on a Request. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

function consumed(req: IncomingMessage): boolean {
  // Express' body parsers set `body` (and `_body`); Fastify's read the stream to its end.
  const r = req as IncomingMessage & { body?: unknown; _body?: unknown };
  return r.readableEnded || r._body === true || r.body !== undefined;
}
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

function requestUrl(req: IncomingMessage): URL {
  const protocol = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  try {
    return new URL(req.url ?? '/', `${protocol}://${req.headers.host ?? 'localhost'}`);
  } catch {
    // A malformed Host header: the handler only needs the path.
    return new URL(req.url ?? '/', `${protocol}://localhost`);
  }
}

/** Builds a Request whose body streams from the IncomingMessage (nothing is buffered here). */
export function toWebRequest(req: IncomingMessage, signal?: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const sent = (req.method ?? 'GET').toUpperCase();
  const forbidden = FORBIDDEN_METHODS.has(sent);
  const method = forbidden ? 'GET' : sent;
  const bodyConsumed = consumed(req);
  const hasBody = method !== 'GET' && method !== 'HEAD' && !bodyConsumed;
  const request = new Request(requestUrl(req), {
    method,
    headers,
    signal,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: 'half',
  } as RequestInit);
  facts.set(request, { ...(forbidden && { method: sent }), bodyConsumed, address: req.socket?.remoteAddress });
  return request;
}

/** Writes a Response to a ServerResponse, streaming its body. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (response.body) {
    const reader = response.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) res.write(next.value);
  }
  res.end();
}

/**
 * Adapts a web handler to `http.createServer(listener)` or an Express route.
 * The request's signal aborts when the client goes away before the answer.
 */
export function toNodeListener(handler: WebHandler): NodeListener {
  return (req, res) => {
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    void (async () => {
      try {
        let request: Request;
        try {
          request = toWebRequest(req, controller.signal);
        } catch {
          // A request undici cannot represent (e.g. a malformed header): the handler still answers and logs it.
          request = new Request('http://invalid/');
          facts.set(request, { method: req.method ?? 'GET', address: req.socket?.remoteAddress });
        }
        const response = await handler(request);
        // A body the handler stopped reading (over the limit, say) leaves bytes
        // on the connection: close it rather than let the client reuse it.
        if (!req.complete) res.shouldKeepAlive = false;
        await sendWebResponse(res, response);
      } catch {
        // The handler answers every failure itself; this is a lost connection.
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      }
    })();
  };
}
