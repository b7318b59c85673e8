// Serves a web-standard handler from Node's `http` server (and from Express,
// whose req/res are Node's): IncomingMessage -> Request, Response -> ServerResponse.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';

export type WebHandler = (request: Request) => Promise<Response>;
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
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(requestUrl(req), {
    method,
    headers,
    signal,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: 'half',
  } as RequestInit);
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
        await sendWebResponse(res, await handler(toWebRequest(req, controller.signal)));
      } catch {
        // The handler answers every failure itself; this is a lost connection.
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      }
    })();
  };
}
