// What the mock sends back, kept apart from how it is chosen.
import type { ServerResponse, IncomingMessage } from 'node:http';

export interface MockReply {
  status: number;
  headers: Record<string, string>;
  /** Already serialized (bytes for the reference's assets). */
  body: string | Buffer;
}

/** The body as the wire carries it: JSON media types are serialized, text passes through. */
export function serializeBody(body: unknown, contentType: string | undefined): string {
  if (body === undefined) return '';
  if (typeof body === 'string' && !/json/i.test(contentType ?? '')) return body;
  return JSON.stringify(body);
}

/** A reply about using the mock itself (not an API response): RFC 9457 problem JSON. */
export function problem(status: number, title: string, detail: string): MockReply {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: 'about:blank', title, status, detail }),
  };
}

/**
 * CORS for the mocked APIs: any origin may call them (a frontend on another
 * port), with any requested header (Authorization), but without credentials
 * (cookies): the APIs authenticate by header, and a wildcard origin never
 * lets a page send or read anything cookie-bound. The mock's own paths
 * (/__mock/, /docs) get no CORS at all.
 */
function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    'access-control-expose-headers': '*',
  };
}

export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && !!req.headers.origin && !!req.headers['access-control-request-method'];
}

export function preflightReply(req: IncomingMessage): MockReply {
  return {
    status: 204,
    headers: { 'access-control-allow-methods': String(req.headers['access-control-request-method']), 'content-length': '0' },
    body: '',
  };
}

/** No body may be announced for these statuses (RFC 9110 8.6). */
const BODYLESS = new Set([204, 304]);

/** Sends the reply; `cors` adds the APIs' CORS headers. */
export function send(res: ServerResponse, reply: MockReply, req: IncomingMessage, cors: boolean): void {
  const headers: Record<string, string> = cors ? Object.assign(corsHeaders(req), reply.headers) : { ...reply.headers };
  // A stated length lets node write head and body in one write; without it a
  // writeHead'ed reply goes out chunked, in several.
  if (!BODYLESS.has(reply.status) && reply.status >= 200 && headers['content-length'] === undefined)
    headers['content-length'] = String(Buffer.byteLength(reply.body));
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}
