// The browser client's one request path: a JSON POST with the user's bearer
// credential, a deadline, and every outcome mapped to the success body or one
// of the package's typed errors. Plain fetch, no openapi-fetch or retries, so
// the browser bundle stays within its 5 KB budget (bench/signalwire-app.ts);
// retrying a single-use refresh is the server's business, not the browser's.
import { DEFAULTS } from '../core/defaults.js';
import { AbortError, HttpError, NetworkError, ProviderError, ResponseBodyError, TimeoutError } from '../core/errors.js';
import { scrub, secretList } from '../core/secrets.js';

export interface PostOperation {
  readonly operationId: string;
  readonly path: string;
  readonly statuses: readonly number[];
}

export interface PostContext {
  readonly baseUrl: string;
  readonly fetch: (input: Request) => Promise<Response>;
  readonly timeoutMs: number;
  readonly credentials?: () => string | undefined | null | Promise<string | undefined | null>;
}

export interface PostOptions {
  /** Cancels the request; gives an AbortError. */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
  /** Extra request headers for this call. */
  headers?: Record<string, string>;
}

function requestId(response: Response): string | undefined {
  for (const name of DEFAULTS.requestIdHeaders) {
    const value = response.headers.get(name);
    if (value) return value;
  }
  return undefined;
}

export async function post(ctx: PostContext, op: PostOperation, body: unknown, options: PostOptions = {}): Promise<unknown> {
  const { operationId } = op;
  if (options.signal?.aborted) throw new AbortError(operationId);
  let credential: string | undefined | null;
  try {
    credential = await ctx.credentials?.();
  } catch (error) {
    throw new ProviderError(operationId, error);
  }
  const secrets = secretList([credential ?? undefined]);
  const timeoutMs = options.timeoutMs ?? ctx.timeoutMs;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // Aborted while the credential was awaited: the listener above came too late to fire.
  if (options.signal?.aborted) controller.abort();
  const failed = (error: unknown) => {
    if (timedOut) return new TimeoutError(operationId, timeoutMs);
    if (options.signal?.aborted) return new AbortError(operationId);
    return new NetworkError(operationId, 'the request failed before a response arrived', false, (error as { cause?: unknown })?.cause);
  };
  try {
    let response: Response;
    try {
      response = await ctx.fetch(
        new Request(`${ctx.baseUrl}${op.path}`, {
          method: 'POST',
          headers: {
            ...options.headers,
            Accept: 'application/json',
            'Content-Type': 'application/json',
            ...(credential && { Authorization: `Bearer ${credential}` }),
          },
          body: JSON.stringify(body),
          signal: controller.signal,
          redirect: 'manual',
        }),
      );
    } catch (error) {
      throw failed(error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw failed(error);
    }
    if (text.length > DEFAULTS.maxResponseBytes)
      throw new ResponseBodyError({ operationId, status: response.status, reason: `response body is larger than ${DEFAULTS.maxResponseBytes} bytes` });
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    if (!response.ok) {
      throw new HttpError({
        operationId,
        status: response.status,
        statusText: response.statusText,
        body: scrub(parsed, secrets),
        documented: op.statuses.includes(response.status),
        requestId: requestId(response),
      });
    }
    if (!parsed || typeof parsed !== 'object')
      throw new ResponseBodyError({ operationId, status: response.status, requestId: requestId(response), reason: 'the body is not a JSON object' });
    return parsed;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
