// The package's transport policy as openapi-fetch middleware: auth headers,
// a deadline per request (body included), the response size cap and no
// redirects, with failures as typed errors scrubbed of secrets. The `raw`
// clients carry it; it is exported so a user can attach it to an openapi-fetch
// client of their own. Named operations run the same policy inline (call.ts).
import type { Middleware } from 'openapi-fetch';
import { declaredOver } from './body.js';
import { credentialSecrets } from './credentials.js';
import { Deadline } from './deadline.js';
import { CLIENT_DEFAULTS } from './defaults.js';
import { ConfigError, ResponseBodyError } from './errors.js';
import { classifyFailure } from './failure.js';
import { checkHeaderValues } from './header-check.js';
import { provideHeaders, type HeaderProvider } from './provider.js';
import { checkRequest } from './request-checks.js';
import { secretList } from './secrets.js';
import { checkBytes } from './config-checks.js';
import { checkDuration } from './timer.js';

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Options of createClientMiddleware. */
export interface ClientMiddlewareOptions {
  /** Deadline per request, response body included (default: `DEFAULTS.timeoutMs`). */
  timeoutMs?: number;
  /** Largest response body accepted, in bytes (default: `DEFAULTS.maxResponseBytes`); error bodies are cut there. */
  maxResponseBytes?: number;
  /** Headers added to every request (auth): fixed, or computed per request under its deadline. */
  headers?: Record<string, string> | HeaderProvider;
  /** Further secrets to scrub from failures (the request's own header values always are). */
  secrets?: readonly (string | undefined)[];
}

/** Thrown inside the body guard when a success body passes the cap; `fail` turns it into a ResponseBodyError. */
const TOO_LARGE = Symbol('too large');

interface InFlight {
  readonly deadline: Deadline;
  readonly label: string;
  readonly secrets: () => readonly string[];
}

/**
 * openapi-fetch middleware with the package's transport policy: `client.use(createClientMiddleware({ headers }))`.
 * Failures reject with the package's typed errors (TimeoutError, AbortError,
 * NetworkError, ResponseBodyError for a body over the cap); `{ data, error }`
 * stays openapi-fetch's for every HTTP status. Add it first: middleware added
 * after it runs inside its deadline.
 */
export function createClientMiddleware(options: ClientMiddlewareOptions = {}): Middleware {
  const timeoutMs = options.timeoutMs === undefined ? CLIENT_DEFAULTS.timeoutMs : checkDuration(options.timeoutMs, 'timeoutMs');
  const limit = checkBytes(options.maxResponseBytes, 'maxResponseBytes', CLIENT_DEFAULTS.maxResponseBytes);
  const { headers } = options;
  if (headers !== undefined && typeof headers !== 'function') checkHeaderValues(headers, (issue) => new ConfigError(issue));
  const known = options.secrets ?? [];
  const inFlight = new WeakMap<Request, InFlight>();
  return {
    async onRequest({ request }) {
      const label = `${request.method} ${new URL(request.url).pathname}`;
      const deadline = new Deadline(timeoutMs, request.signal);
      const merged = new Headers(request.headers);
      const secrets = () => secretList([...known, ...[...merged.values()].flatMap(credentialSecrets)]);
      try {
        const added = typeof headers === 'function' ? await provideHeaders(headers, label, deadline) : headers;
        checkRequest(label, added, undefined, {}, secrets);
        if (added) for (const [name, value] of Object.entries(added)) merged.set(name, value);
      } catch (error) {
        deadline.clear();
        throw error;
      }
      // A per-call `redirect` option cannot turn following back on.
      const sent = new Request(request, { headers: merged, signal: deadline.signal, redirect: 'manual' });
      inFlight.set(sent, { deadline, label, secrets });
      return sent;
    },
    onError({ request, error }) {
      const call = inFlight.get(request);
      if (!call) return undefined;
      call.deadline.clear();
      return classifyFailure(call.label, error, call.deadline, call.secrets());
    },
    async onResponse({ request, response }) {
      const call = inFlight.get(request);
      if (!call) return undefined;
      const { deadline } = call;
      const { status } = response;
      const fail = (error: unknown) =>
        error === TOO_LARGE
          ? new ResponseBodyError({ operationId: call.label, status, reason: `response body is larger than ${limit} bytes` })
          : classifyFailure(call.label, error, deadline, call.secrets(), status);
      if (!response.body) {
        deadline.clear();
        return undefined;
      }
      if (declaredOver(response.headers.get('content-length'), limit)) {
        deadline.clear();
        await response.body.cancel().catch(() => {});
        // A success body over the cap is refused at once; an error keeps its status without its body.
        if (response.ok) throw fail(TOO_LARGE);
        return new Response(null, response);
      }
      return guarded(response, limit, deadline, fail);
    },
  };
}

/**
 * Streams a body under the deadline and the cap; the deadline ends with the
 * body. A success body over the cap fails; an error body is cut there (the
 * status is what matters, and a 503 must stay a 503).
 */
function guarded(response: Response, limit: number, deadline: Deadline, fail: (error: unknown) => Error): Response {
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
        const room = limit - size;
        size += value.byteLength;
        if (size > limit) {
          if (response.ok) throw TOO_LARGE;
          if (room > 0) controller.enqueue(value.subarray(0, room));
          deadline.clear();
          await reader.cancel().catch(() => {});
          return controller.close();
        }
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
  return new Response(body, response);
}
