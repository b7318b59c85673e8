// Reads a request body up to the documented limit (`x-body-limit`), counting
// bytes as they arrive (an oversized body is refused without being
// buffered), under a deadline of its own (a body trickling in cannot hold the
// connection). Built on the one capped reader, core/body.ts.
import { BodyTimeoutError, BodyTooLargeError, declaredOver, readTextCapped } from '../core/body.js';

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'unreadable' | 'timeout' };

export async function readBodyCapped(request: Request, limit: number, timeoutMs: number): Promise<BodyResult> {
  // A declared Content-Length over the limit is refused before reading.
  if (declaredOver(request.headers.get('content-length'), limit)) return { ok: false, reason: 'too-large' };
  try {
    return { ok: true, text: await readTextCapped(request.body, limit, undefined, timeoutMs) };
  } catch (error) {
    if (error instanceof BodyTimeoutError) return { ok: false, reason: 'timeout' };
    return { ok: false, reason: error instanceof BodyTooLargeError ? 'too-large' : 'unreadable' };
  }
}
