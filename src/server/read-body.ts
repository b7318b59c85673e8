// Reads a request body up to the documented limit, counting bytes as they
// arrive: an oversized body is refused without being buffered.
import { BodyTooLargeError, readTextCapped } from '../core/transport.js';
import { BODY_LIMIT } from './envelope.js';

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'unreadable' };

/** True when the request declares a Content-Length over the limit (checked before reading). */
export function declaresTooLarge(request: Request, limit = BODY_LIMIT): boolean {
  const length = Number(request.headers.get('content-length'));
  return Number.isFinite(length) && length > limit;
}

export async function readBodyCapped(request: Request, limit = BODY_LIMIT): Promise<BodyResult> {
  if (declaresTooLarge(request, limit)) return { ok: false, reason: 'too-large' };
  try {
    return { ok: true, text: await readTextCapped(request.body, limit) };
  } catch (error) {
    return { ok: false, reason: error instanceof BodyTooLargeError ? 'too-large' : 'unreadable' };
  }
}
