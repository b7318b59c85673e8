// Reads a request body up to the documented limit, counting bytes as they
// arrive (an oversized body is refused without being buffered), under a
// deadline of its own (a body trickling in cannot hold the connection).
import { BodyTooLargeError, declaredOver, readTextCapped } from '../core/body.js';
import { Deadline } from '../core/deadline.js';
import { HANDLER_DEFAULTS } from '../core/defaults.js';
import { BODY_LIMIT } from './envelope.js';

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'unreadable' | 'timeout' };

/** True when the request declares a Content-Length over the limit (checked before reading). */
function declaresTooLarge(request: Request, limit = BODY_LIMIT): boolean {
  return declaredOver(request.headers.get('content-length'), limit);
}

export async function readBodyCapped(request: Request, limit = BODY_LIMIT, timeoutMs: number = HANDLER_DEFAULTS.bodyTimeoutMs): Promise<BodyResult> {
  if (declaresTooLarge(request, limit)) return { ok: false, reason: 'too-large' };
  const deadline = new Deadline(timeoutMs);
  try {
    return { ok: true, text: await readTextCapped(request.body, limit, undefined, deadline.signal) };
  } catch (error) {
    if (deadline.timedOut) return { ok: false, reason: 'timeout' };
    return { ok: false, reason: error instanceof BodyTooLargeError ? 'too-large' : 'unreadable' };
  } finally {
    deadline.clear();
  }
}
