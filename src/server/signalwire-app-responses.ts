// The exact bodies of openapi/components/signalwire-app/responses.yaml:
// `{error: {code, message}}` with one fixed message per code, and the
// `{token, expire_at}` grant. Built on the shared JSON response (no-store).
import type { ErrorBody } from '../../generated/types/signalwire-app.js';
import { jsonResponse } from './envelope.js';

export type AppErrorCode = ErrorBody['error']['code'];

const ERRORS: Record<AppErrorCode, [status: number, message: string]> = {
  invalid_body: [400, 'Invalid body in request.'],
  unauthorized: [401, 'Unauthorized'],
  refresh_unavailable: [401, 'Refresh token unavailable; sign in again.'],
  address_refused: [403, 'Address not allowed.'],
  not_found: [404, 'Not found'],
  too_large: [413, 'Request body too large.'],
  internal_error: [500, 'Internal server error'],
};

export function appErrorResponse(code: AppErrorCode): Response {
  const [status, message] = ERRORS[code];
  return jsonResponse(status, { error: { code, message } });
}

export function grantResponse(token: string, expireAt: number): Response {
  return jsonResponse(200, { token, expire_at: expireAt });
}
