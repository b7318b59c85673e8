// The one call path of every named operation, server and browser: plain
// fetch (openapi-fetch stays the typed `raw` client), one deadline over the
// credentials provider, the request and its body, the size cap (a declared
// Content-Length over it fails before any byte is read), no redirects,
// opt-in retries where the server cannot have acted, and every outcome
// mapped to the success body or one typed error naming the operation.
import { readCapped, declaredOver } from './body.js';
import { credentialSecrets } from './credentials.js';
import { Deadline } from './deadline.js';
import { AbortError, ResponseBodyError, RtcApiError } from './errors.js';
import { classifyFailure } from './failure.js';
import { provideHeaders, type HeaderProvider } from './provider.js';
import { checkRequest } from './request-checks.js';
import { checkResponse, httpErrorOf, parseJson, requestIdOf } from './response-body.js';
import type { RetryPolicy } from './retry.js';
import { secretList } from './secrets.js';
import { checkDuration } from './timer.js';
import { checkRetry } from './option-checks.js';
import type { FetchLike } from './transport.js';
import type { RequestInput, Validation } from './validation-hook.js';

/** The generated table row's part a call reads. */
export interface OperationMeta {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly statuses: readonly number[];
}

/** Options every named operation accepts as its last argument, on every client. */
export interface CallOptions {
  /** Cancels the request (the credentials provider included); gives an AbortError. */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call (at most 2^31-1 ms; covers the credentials provider too). */
  timeoutMs?: number;
  /** Extra request headers for this call. */
  headers?: Record<string, string>;
  /** Overrides the client's retry policy for this call: `retryPolicy(…)`, or `false` for none. */
  retry?: RetryPolicy | false;
  /** Sees each response before its body is read (status and headers, e.g. the server's `Date`). */
  onResponse?: (response: Response) => void;
}

/** What every call of one client runs in (built once by createContext). */
export interface CallContext {
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  /** Headers fixed for the client's lifetime (Accept, static auth, User-Agent). */
  readonly staticHeaders: Record<string, string>;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** Known secrets (tokens, Authorization values) to scrub from errors. */
  readonly secrets: readonly string[];
  /** Headers computed per call (credential providers). */
  readonly headers?: HeaderProvider;
  /** Retry policy; undefined means no retries (the default). */
  readonly retry?: RetryPolicy;
  /** Opt-in request/response validation (from `rtc-token-apis/validation`). */
  readonly validation?: Validation;
}

export type CallInput = RequestInput;

function callSecrets(ctx: CallContext, input: CallInput, headers: Record<string, string> | undefined): readonly string[] {
  // Request-body fields whose values are credentials, scrubbed if a server echoes them.
  const body = (input.body ?? {}) as { refresh_token?: string; password?: string };
  // Every header a provider or the caller adds may be a credential (an admin
  // gateway key is not always called Authorization): scrub them all, in every form.
  return secretList([
    ...ctx.secrets,
    body.refresh_token,
    body.password,
    ...Object.values(headers ?? {}).flatMap((v) => (typeof v === 'string' ? credentialSecrets(v) : [])),
  ]);
}

/** `/things/{id}` with `{ id }` -> `/things/<encoded id>`. */
function urlOf(ctx: CallContext, op: OperationMeta, input: CallInput): string {
  const values = input.params?.path;
  const path = values ? op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name]))) : op.path;
  return ctx.baseUrl + path;
}

export async function callOperation(ctx: CallContext, op: OperationMeta, input: CallInput, options: CallOptions = {}): Promise<unknown> {
  const { operationId } = op;
  // An already aborted signal ends the call in the provider's race or in attempt(), as an AbortError.
  const timeoutMs = options.timeoutMs === undefined ? ctx.timeoutMs : checkDuration(options.timeoutMs, 'timeoutMs');
  const retry = options.retry === undefined ? ctx.retry : checkRetry(options.retry);
  // One deadline covers the provider and the first request it authenticates.
  let deadline: Deadline | undefined = new Deadline(timeoutMs, options.signal);
  let headers: Record<string, string> | undefined;
  try {
    const provided = ctx.headers && (await provideHeaders(ctx.headers, operationId, deadline));
    headers = provided && options.headers ? { ...provided, ...options.headers } : (provided ?? options.headers);
    // Nothing to check without headers or validation: no secrets closure per call then.
    if (headers || ctx.validation) checkRequest(operationId, headers, ctx.validation, input, () => callSecrets(ctx, input, headers));
  } catch (error) {
    deadline.clear();
    throw error;
  }
  if (!retry) return attempt(ctx, op, input, headers, deadline, options);
  return retry.run(operationId, options.signal, () => {
    // Each retry is a new request with a deadline of its own.
    const current = deadline ?? new Deadline(timeoutMs, options.signal);
    deadline = undefined;
    return attempt(ctx, op, input, headers, current, options);
  });
}

/** One request under its deadline, every outcome mapped to the body or one typed error. */
async function attempt(
  ctx: CallContext,
  op: OperationMeta,
  input: CallInput,
  headers: Record<string, string> | undefined,
  deadline: Deadline,
  options: CallOptions,
): Promise<unknown> {
  const { operationId } = op;
  const limit = ctx.maxResponseBytes;
  const secrets = () => callSecrets(ctx, input, headers);
  let response: Response | undefined;
  try {
    // The caller may have aborted while headers were prepared or a retry waited.
    if (options.signal?.aborted) throw new AbortError(operationId);
    const hasBody = input.body !== undefined;
    response = await ctx.fetch(
      new Request(urlOf(ctx, op, input), {
        method: op.method,
        headers: hasBody ? { ...ctx.staticHeaders, 'Content-Type': 'application/json', ...headers } : { ...ctx.staticHeaders, ...headers },
        body: hasBody ? JSON.stringify(input.body) : undefined,
        // Never followed: a followed redirect could carry credentials to another origin.
        redirect: 'manual',
      }),
      // The signal goes to fetch's init, not onto the Request: a signal on a
      // Request makes undici follow it per call (bench/FINDINGS.md). Every
      // fetch ends the request and its body when the signal aborts.
      { signal: deadline.signal },
    );
    options.onResponse?.(response);
    const { status } = response;
    // Declared over the cap: refused at once (a success) or dropped (an error
    // body is only detail: the status is what matters), never read.
    const over = declaredOver(response.headers.get('content-length'), limit);
    if (over) await response.body?.cancel().catch(() => {});
    const { text, cut } = over ? { text: '', cut: response.ok } : await readCapped(response.body, limit);
    if (!response.ok) {
      let parsed: unknown = text;
      try {
        // A cut body is kept as text (it may end in part of a secret).
        if (!cut) parsed = JSON.parse(text);
      } catch {
        // Not JSON: kept as text.
      }
      throw httpErrorOf(operationId, op.statuses, response, parsed, cut, secrets());
    }
    if (cut) throw new ResponseBodyError({ operationId, status, reason: `response body is larger than ${limit} bytes` });
    const body = parseJson(operationId, response, text, secrets);
    if (!body || typeof body !== 'object')
      throw new ResponseBodyError({ operationId, status, requestId: requestIdOf(response, secrets), reason: 'the body is not a JSON object' });
    if (ctx.validation?.response) checkResponse(ctx.validation, operationId, response, body, secrets);
    return body;
  } catch (error) {
    // Ours (status, body, checks) are already typed; anything else failed in fetch or the body read.
    if (error instanceof RtcApiError) throw error;
    throw classifyFailure(operationId, error, deadline, secrets(), response?.status);
  } finally {
    deadline.clear();
  }
}
