// The fetch that openapi-fetch calls: deadlines, a response size cap, and no
// redirects. Kept apart from routing and auth so each is testable alone.
import { BodyTooLargeError, declaredOver } from './body.js';
import { credentialSecrets } from './credentials.js';
import { Deadline } from './deadline.js';
import { DEFAULTS } from './defaults.js';
import { classifyFailure } from './failure.js';
import { secretList } from './secrets.js';
import { startDeadlineTimer } from './timer-lane.js';

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Error responses whose body was cut at the cap: their text may end in part of a secret. */
const truncated = new WeakSet<Response>();

export function wasTruncated(response: Response): boolean {
  return truncated.has(response);
}

/**
 * An error body cut at `limit` bytes: the status is what matters (a 503 must
 * stay a retryable HttpError), the body is only detail, and nothing past the
 * cap is read.
 */
function truncateStream(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const room = limit - size;
        size += chunk.byteLength;
        if (size <= limit) return controller.enqueue(chunk);
        if (room > 0) controller.enqueue(chunk.subarray(0, room));
        controller.terminate();
      },
    }),
  );
}

export interface Transport {
  /** For the named operations: they pass their deadline's signal and read success bodies with readTextCapped. */
  readonly named: FetchLike;
  /** For the raw openapi-fetch clients: the same cap and redirect policy, plus a deadline of its own. */
  readonly raw: FetchLike;
}

export interface TransportInit {
  maxResponseBytes?: number;
  timeoutMs?: number;
  /** Scrubbed from the cause of a raw call's failure. */
  secrets?: readonly string[];
}

/**
 * Wraps a fetch: never follows redirects (a token request has no business
 * being redirected, and a followed redirect could carry credentials to
 * another origin), and caps error bodies, which openapi-fetch reads itself.
 * Success bodies of named operations are read by the caller with
 * readTextCapped, so their hot path adds no stream.
 */
export function createTransport(baseFetch: FetchLike, init: TransportInit = {}): Transport {
  const maxResponseBytes = init.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
  const timeoutMs = init.timeoutMs ?? DEFAULTS.timeoutMs;

  const named: FetchLike = async (request, requestInit) => {
    const response = await baseFetch(request, requestInit);
    if (response.ok) {
      if (declaredOver(response.headers.get('content-length'), maxResponseBytes)) {
        await response.body?.cancel().catch(() => {});
        throw new BodyTooLargeError(maxResponseBytes, response.status);
      }
      return response;
    }
    if (!response.body || response.status < 200) return response;
    const kept = { status: response.status, statusText: response.statusText, headers: response.headers };
    if (declaredOver(response.headers.get('content-length'), maxResponseBytes)) {
      await response.body.cancel().catch(() => {});
      return new Response(null, kept);
    }
    const cut = new Response(truncateStream(response.body, maxResponseBytes), kept);
    truncated.add(cut);
    return cut;
  };

  const raw: FetchLike = async (input, requestInit) => {
    // A per-call `redirect` option cannot turn following back on.
    const request = input.redirect === 'manual' ? input : new Request(input, { redirect: 'manual' });
    const label = `${request.method} ${new URL(request.url).pathname}`;
    const deadline = new Deadline(timeoutMs, request.signal, startDeadlineTimer);
    const secrets = () => secretList([...(init.secrets ?? []), ...[...request.headers.values()].flatMap(credentialSecrets)]);
    let response: Response;
    try {
      response = await named(request, { ...requestInit, signal: deadline.signal });
    } catch (error) {
      deadline.clear();
      throw classifyFailure(label, error, deadline, secrets());
    }
    if (!response.body || !response.ok) {
      // Error bodies are already capped; their read is short and bounded.
      if (!response.body) deadline.clear();
      else return withBodyGuard(response, Infinity, deadline, (e) => classifyFailure(label, e, deadline, secrets(), response.status));
      return response;
    }
    return withBodyGuard(response, maxResponseBytes, deadline, (e) => classifyFailure(label, e, deadline, secrets(), response.status));
  };

  return { named, raw };
}

/** Streams a body under the deadline and the cap; the deadline ends with the body. */
function withBodyGuard(response: Response, limit: number, deadline: Deadline, fail: (error: unknown) => Error): Response {
  const reader = response.body!.getReader();
  let size = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          deadline.clear();
          return controller.close();
        }
        size += value.byteLength;
        if (size > limit) throw new BodyTooLargeError(limit, response.status);
        controller.enqueue(value);
      } catch (error) {
        deadline.clear();
        await reader.cancel().catch(() => {});
        controller.error(fail(error));
      }
    },
    cancel(reason) {
      deadline.clear();
      return reader.cancel(reason);
    },
  });
  const guarded = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  if (truncated.has(response)) truncated.add(guarded);
  return guarded;
}
