// The exact response bodies proconf-app.yaml documents: each error status's
// example (read from generated/, where `npm run generate` put it), nothing else.
import { operationFacts } from '../../generated/operation-facts.js';

const BODIES = operationFacts.get_proconf_token.errorBodies;

export type ErrorStatus = keyof typeof BODIES extends `${infer N extends number}` ? N : never;

// A token must never be cached by a browser or a shared proxy.
const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** A JSON response with the headers every token response needs (no caching, no sniffing). */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: HEADERS });
}

/** `{"data": null, "error": {"code": status, "message": ...}}`, the spec's example for the status. */
export function errorResponse(status: ErrorStatus): Response {
  return jsonResponse(status, BODIES[status]);
}

/** `{"error": null, "data": "<jwt>"}`: the token string only. */
export function tokenResponse(token: string): Response {
  return jsonResponse(200, { error: null, data: token });
}

/** The largest body the endpoint accepts (`x-body-limit` in proconf-app.yaml). */
export const BODY_LIMIT: number = operationFacts.get_proconf_token.bodyLimit;
