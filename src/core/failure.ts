// Maps anything thrown while sending or reading to one typed error, with any
// cause (from undici, a custom fetch or middleware) scrubbed of known secrets.
import type { Deadline } from './deadline.js';
import { NetworkError, type RtcApiError } from './errors.js';
import { scrubAndCut } from './secrets.js';

const BEFORE_SEND_CODES = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/;

function causeCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** `status` is the response's, once one arrived (a body that then failed keeps it). */
export function classifyFailure(operationId: string, error: unknown, deadline: Deadline, secrets: readonly string[], status?: number): RtcApiError {
  const ended = deadline.ended(operationId);
  if (ended) return ended;
  const code = causeCode(error);
  const beforeSend = code !== undefined && BEFORE_SEND_CODES.test(code);
  const detail = status === undefined ? (code ? `${code}` : 'failed before a response arrived') : `connection lost mid-body${code ? ` (${code})` : ''}`;
  // Keep only the low-level cause (it carries the socket error code) as a
  // scrubbed copy: its message and socket facts, nothing else of the original.
  const low = ((error as { cause?: unknown } | undefined)?.cause ?? error) as Record<string, unknown> | undefined;
  const cause = new Error(scrubAndCut(String(low?.message ?? low), secrets, 500)) as Error & Record<string, unknown>;
  for (const key of ['code', 'errno', 'syscall']) {
    const v = low?.[key];
    if (typeof v === 'number' || typeof v === 'string') cause[key] = typeof v === 'string' ? scrubAndCut(v, secrets, 100) : v;
  }
  return new NetworkError(operationId, detail, beforeSend && status === undefined, cause);
}
