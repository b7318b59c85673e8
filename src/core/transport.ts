// The fetch that openapi-fetch calls: deadlines, a response size cap, and no
// redirects. Kept apart from routing and auth so each is testable alone.
import { DEFAULTS } from './defaults.js';

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Thrown inside a body stream when a response grows past the cap. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`response body is larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * A per-call deadline joined with the caller's signal. A plain timer (not
 * AbortSignal.timeout/any) so it can be cleared the moment the call ends: no
 * timer or listener outlives the call.
 */
export class Deadline {
  readonly signal: AbortSignal;
  timedOut = false;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort?: () => void;

  constructor(readonly timeoutMs: number, private readonly callerSignal?: AbortSignal) {
    this.signal = this.controller.signal;
    if (Number.isFinite(timeoutMs)) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        this.controller.abort(new DOMException('timeout', 'TimeoutError'));
      }, timeoutMs);
    }
    if (callerSignal?.aborted) {
      // Aborted while headers were being prepared: a listener added now would never fire.
      this.controller.abort(callerSignal.reason);
    } else if (callerSignal) {
      this.onCallerAbort = () => this.controller.abort(callerSignal.reason);
      callerSignal.addEventListener('abort', this.onCallerAbort, { once: true });
    }
  }

  get callerAborted(): boolean {
    return !this.timedOut && this.callerSignal?.aborted === true;
  }

  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.onCallerAbort) this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

/** Stateless (no `stream` option), so one instance serves every call, even concurrent ones. */
const utf8 = new TextDecoder();

/** Reads a body as text, refusing more than `limit` bytes without buffering them. */
export async function readTextCapped(body: ReadableStream<Uint8Array> | null | undefined, limit: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return utf8.decode(chunks[0]);
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return utf8.decode(all);
}

function declaredTooLarge(response: Response, limit: number): boolean {
  const length = Number(response.headers.get('content-length'));
  return Number.isFinite(length) && length > limit;
}

/**
 * An error body cut at `limit` bytes: the status is what matters (a 503 must
 * stay a retryable HttpError), the body is only detail, and nothing past the
 * cap is read.
 */
function truncateStream(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const room = limit - size;
      size += chunk.byteLength;
      if (size <= limit) return controller.enqueue(chunk);
      if (room > 0) controller.enqueue(chunk.subarray(0, room));
      controller.terminate();
    },
  }));
}

/**
 * Wraps a fetch: never follows redirects (a token request has no business
 * being redirected, and a followed redirect could carry credentials to
 * another origin), and caps error bodies, which openapi-fetch reads itself.
 * Success bodies are read by the caller with readTextCapped, so the hot path
 * adds no stream.
 */
export function createTransport(baseFetch: FetchLike, maxResponseBytes: number = DEFAULTS.maxResponseBytes): FetchLike {
  return async (request, init) => {
    const response = await baseFetch(request, init);
    if (response.ok) {
      if (declaredTooLarge(response, maxResponseBytes)) {
        await response.body?.cancel().catch(() => {});
        throw new BodyTooLargeError(maxResponseBytes);
      }
      return response;
    }
    if (!response.body || response.status < 200) return response;
    const kept = { status: response.status, statusText: response.statusText, headers: response.headers };
    if (declaredTooLarge(response, maxResponseBytes)) {
      await response.body.cancel().catch(() => {});
      return new Response(null, kept);
    }
    return new Response(truncateStream(response.body, maxResponseBytes), kept);
  };
}
