// The exact response bodies of openapi/components/proconf/responses.yaml (and
// the 408 and 413 of proconf-app.yaml): one fixed message per status, nothing else.
const MESSAGES = {
  400: 'Invalid body in request.',
  401: 'Unauthorized',
  404: 'Not found',
  408: 'Request body not received in time.',
  413: 'Request body too large.',
  500: 'Internal server error',
} as const;

export type ErrorStatus = keyof typeof MESSAGES;

// A token must never be cached by a browser or a shared proxy.
const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: HEADERS });
}

/** `{"data": null, "error": {"code": status, "message": ...}}` with the spec's message. */
export function errorResponse(status: ErrorStatus): Response {
  return json(status, { data: null, error: { code: status, message: MESSAGES[status] } });
}

/** `{"error": null, "data": "<jwt>"}`: the token string only. */
export function tokenResponse(token: string): Response {
  return json(200, { error: null, data: token });
}
