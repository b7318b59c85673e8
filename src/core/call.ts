// Runs one operation through openapi-fetch and turns every outcome into
// either the typed success body or one typed error naming the operation.
import type { Client } from 'openapi-fetch';
import { DEFAULTS } from './defaults.js';
import { AbortError, HttpError, NetworkError, ProviderError, RequestValidationError, ResponseBodyError, TimeoutError, type RtcApiError } from './errors.js';
import { parseRetryAfter, resolveRetry, withRetries, type RetryOptions, type RetryPolicy } from './retry.js';
import { scrub, secretList } from './secrets.js';
import { BodyTooLargeError, Deadline, readTextCapped, type FetchLike } from './transport.js';
import type { RequestInput, Validation } from './validation-hook.js';

export interface OperationMeta {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly statuses: readonly number[];
}

/** Headers computed per call (auth as an async header provider). */
export type HeaderProvider = () => Record<string, string> | undefined | Promise<Record<string, string> | undefined>;

/** Options every named operation accepts as its last argument. */
export interface CallOptions {
  /** Cancels the request; gives an AbortError. */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
  /** Extra request headers for this call. */
  headers?: Record<string, string>;
  /** Overrides the client's retry option for this call (`false` turns retries off). */
  retry?: RetryOptions | false;
}

export interface CallContext {
  // The raw client is untyped here: each named operation restores the types.
  readonly client: Client<any>;
  /** The client's transport (the fetch openapi-fetch calls), given each call's signal. */
  readonly transport: FetchLike;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** Known secrets (tokens, Authorization values) to scrub from errors. */
  readonly secrets: readonly string[];
  readonly headers?: HeaderProvider;
  /** Retry policy; undefined means no retries (the default). */
  readonly retry?: RetryPolicy;
  /** Opt-in request/response validation (from `rtc-token-apis/validation`). */
  readonly validation?: Validation;
}

export type CallInput = RequestInput;

/** Request-body fields whose values are credentials, scrubbed if a server echoes them. */
const SECRET_BODY_FIELDS = ['refresh_token', 'password'];

function callSecrets(ctx: CallContext, input: CallInput, headers: Record<string, string> | undefined): string[] {
  const extra: (string | undefined)[] = [];
  const body = input.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object') for (const f of SECRET_BODY_FIELDS) if (typeof body[f] === 'string') extra.push(body[f] as string);
  // Every header a provider or the caller adds may be a credential (an admin
  // gateway key is not always called Authorization): scrub them all, with and
  // without their scheme word.
  if (headers) for (const v of Object.values(headers)) extra.push(v, v.replace(/^\S+\s+/, ''));
  return extra.length ? secretList([...ctx.secrets, ...extra]) : (ctx.secrets as string[]);
}

export function requestIdOf(response: Response): string | undefined {
  for (const name of DEFAULTS.requestIdHeaders) {
    const v = response.headers.get(name);
    if (v) return v;
  }
  return undefined;
}

const BEFORE_SEND_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function causeCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps anything thrown while sending or reading to one typed error. */
export function classifyFailure(operationId: string, error: unknown, deadline: Deadline, status?: number): RtcApiError {
  if (deadline.timedOut) return new TimeoutError(operationId, deadline.timeoutMs);
  if (deadline.callerAborted) return new AbortError(operationId);
  if (error instanceof BodyTooLargeError) {
    return new ResponseBodyError({ operationId, status: status ?? 0, reason: error.message });
  }
  const code = causeCode(error);
  const beforeSend = code !== undefined && BEFORE_SEND_CODES.has(code);
  const detail = status === undefined
    ? (code ? `${code}` : 'the request failed before a response arrived')
    : `connection lost while reading the response body${code ? ` (${code})` : ''}`;
  // Keep only the low-level cause (it carries the socket error code, never request data).
  const cause = (error as { cause?: unknown } | undefined)?.cause ?? error;
  return new NetworkError(operationId, detail, beforeSend && status === undefined, cause);
}

/** `secrets` is only called on failure: the success path builds no secret list. */
function parseJson(operationId: string, response: Response, text: string, secrets: () => readonly string[]): unknown {
  if (text.trim() === '') {
    throw new ResponseBodyError({ operationId, status: response.status, requestId: requestIdOf(response), reason: 'empty body where JSON was expected' });
  }
  try {
    return JSON.parse(text);
  } catch {
    const type = response.headers.get('content-type') ?? 'no content-type';
    // Scrub before cutting, so a secret straddling the cut cannot leak a prefix.
    // No cause: JSON.parse quotes a cut-off piece of the body in its message.
    const snippet = scrub(text, secrets()).slice(0, 80).replace(/\s+/g, ' ');
    throw new ResponseBodyError({ operationId, status: response.status, requestId: requestIdOf(response), reason: `body is not valid JSON (${type}): ${snippet}` });
  }
}

function checkResponse(validation: Validation, op: OperationMeta, response: Response, body: unknown): void {
  const issue = validation.response!(op.operationId, response.status, body);
  if (!issue) return;
  throw new ResponseBodyError({
    operationId: op.operationId,
    status: response.status,
    requestId: requestIdOf(response),
    pointer: issue.pointer,
    reason: `does not match the spec at ${issue.pointer || '/'}: ${issue.field}: ${issue.message}`,
  });
}

/**
 * Runs the credentials/headers provider under the caller's signal and the
 * call's timeout (a provider that never settles must not hang the call), and
 * types its failure.
 */
async function provideHeaders(provider: HeaderProvider, operationId: string, timeoutMs: number, signal?: AbortSignal): Promise<Record<string, string> | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(operationId, timeoutMs)), timeoutMs);
    onAbort = () => reject(new AbortError(operationId));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([Promise.resolve().then(provider), guard]);
  } catch (error) {
    if (error instanceof TimeoutError || error instanceof AbortError) throw error;
    throw new ProviderError(operationId, error);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

export async function callOperation(ctx: CallContext, op: OperationMeta, input: CallInput, options?: CallOptions): Promise<unknown> {
  if (options?.signal?.aborted) throw new AbortError(op.operationId);
  const provided = ctx.headers ? await provideHeaders(ctx.headers, op.operationId, options?.timeoutMs ?? ctx.timeoutMs, options?.signal) : undefined;
  const headers = provided && options?.headers ? { ...provided, ...options.headers } : (provided ?? options?.headers);
  if (ctx.validation?.request) {
    const issues = ctx.validation.request(op.operationId, input);
    // Messages never hold values, but an unknown field's name could be anything: scrub them too.
    if (issues) throw new RequestValidationError(op.operationId, scrub(issues, callSecrets(ctx, input, headers)));
  }
  const retry = options?.retry === undefined ? ctx.retry : resolveRetry(options.retry);
  if (!retry) return attempt(ctx, op, input, headers, options);
  return withRetries(retry, op.operationId, options?.signal, () => attempt(ctx, op, input, headers, options));
}

/** One request: its own deadline, every outcome mapped to the body or one typed error. */
async function attempt(ctx: CallContext, op: OperationMeta, input: CallInput, headers: Record<string, string> | undefined, options?: CallOptions): Promise<unknown> {
  // The caller may have aborted while headers were prepared or a retry waited.
  if (options?.signal?.aborted) throw new AbortError(op.operationId);
  const deadline = new Deadline(options?.timeoutMs ?? ctx.timeoutMs, options?.signal);
  let response: Response | undefined;
  try {
    const result = await ctx.client.request(op.method as 'post', op.path, {
      params: input.params,
      body: input.body,
      headers,
      // The deadline's signal goes to fetch's init, not onto openapi-fetch's
      // Request: a signal on a Request makes undici build a follow-signal and
      // cleanup per call, a fifth of the client's whole overhead (bench/FINDINGS.md).
      fetch: (request: Request) => ctx.transport(request, { signal: deadline.signal }),
      parseAs: 'stream',
    } as never);
    response = result.response;
    if (!response.ok) {
      const secrets = callSecrets(ctx, input, headers);
      throw new HttpError({
        operationId: op.operationId,
        status: response.status,
        statusText: response.status >= 300 && response.status < 400 ? 'redirect (not followed)' : response.statusText,
        // openapi-fetch gives '' for a body-less error without Content-Length: normalise to undefined.
        body: result.error === '' ? undefined : scrub(result.error, secrets),
        documented: op.statuses.includes(response.status),
        requestId: requestIdOf(response),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      });
    }
    const text = await readTextCapped(result.data as ReadableStream<Uint8Array> | undefined, ctx.maxResponseBytes);
    const body = parseJson(op.operationId, response, text, () => callSecrets(ctx, input, headers));
    if (ctx.validation?.response) checkResponse(ctx.validation, op, response, body);
    return body;
  } catch (error) {
    if (error instanceof HttpError || error instanceof ResponseBodyError) throw error;
    throw classifyFailure(op.operationId, error, deadline, response?.status);
  } finally {
    deadline.clear();
  }
}
