// How the client tests' local servers answer: a JSON body with an exact
// Content-Length, or the same status, headers and text for every request.
import type { ServerResponse } from 'node:http';
import type { Handler } from '../../support/local-server.ts';

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
