// Runs one operation through openapi-fetch and turns every outcome into
// either the typed success body or one typed error naming the operation.
import type { Client } from 'openapi-fetch';
import { readTextCapped } from './body.js';
import { credentialSecrets } from './credentials.js';
import { Deadline } from './deadline.js';
import { AbortError, HttpError, ResponseBodyError } from './errors.js';
import { classifyFailure } from './failure.js';
import { provideHeaders, type HeaderProvider } from './provider.js';
import { checkRequest } from './request-checks.js';
import { checkResponse, httpErrorOf, parseJson } from './response-body.js';
import { resolveRetry, withRetries, type RetryOptions, type RetryPolicy } from './retry.js';
import { secretList } from './secrets.js';
import { checkDuration } from './timer.js';
import { startDeadlineTimer } from './timer-lane.js';
import { wasTruncated, type FetchLike } from './transport.js';
import type { RequestInput, Validation } from './validation-hook.js';

export interface OperationMeta {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly statuses: readonly number[];
}

/** Options every named operation accepts as its last argument. */
export interface CallOptions {
  /** Cancels the request; gives an AbortError. */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call (at most 2^31-1 ms; covers the credentials provider too). */
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
  /** The raw clients' transport: the same deadline, size cap and redirect policy, without a named call around it. */
  readonly rawTransport: FetchLike;
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
  // gateway key is not always called Authorization): scrub them all, in every form.
  if (headers) for (const v of Object.values(headers)) if (typeof v === 'string') extra.push(...credentialSecrets(v));
  return extra.length ? secretList([...ctx.secrets, ...extra]) : (ctx.secrets as string[]);
}

export async function callOperation(ctx: CallContext, op: OperationMeta, input: CallInput, options?: CallOptions): Promise<unknown> {
  if (options?.signal?.aborted) throw new AbortError(op.operationId);
  const timeoutMs = options?.timeoutMs === undefined ? ctx.timeoutMs : checkDuration(options.timeoutMs, 'timeoutMs');
  // One deadline covers the provider and the first request it authenticates.
  const first = new Deadline(timeoutMs, options?.signal, startDeadlineTimer);
  let provided: Record<string, string> | undefined;
  try {
    provided = ctx.headers ? await provideHeaders(ctx.headers, op.operationId, first) : undefined;
  } catch (error) {
    first.clear();
    throw error;
  }
  const headers = provided && options?.headers ? { ...provided, ...options.headers } : (provided ?? options?.headers);
  // Nothing to check without headers or validation: no secrets closure per call then.
  if (headers || ctx.validation) {
    try {
      checkRequest(op.operationId, headers, ctx.validation, input, () => callSecrets(ctx, input, headers));
    } catch (error) {
      first.clear();
      throw error;
    }
  }
  const retry = options?.retry === undefined ? ctx.retry : resolveRetry(options.retry);
  if (!retry) return attempt(ctx, op, input, headers, first, options);
  let deadline: Deadline | undefined = first;
  return withRetries(retry, op.operationId, options?.signal, () => {
    // Each retry is a new request with a deadline of its own.
    const current = deadline ?? new Deadline(timeoutMs, options?.signal, startDeadlineTimer);
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
  options?: CallOptions,
): Promise<unknown> {
  let response: Response | undefined;
  const secrets = () => callSecrets(ctx, input, headers);
  try {
    // The caller may have aborted while headers were prepared or a retry waited.
    if (options?.signal?.aborted) throw new AbortError(op.operationId);
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
      // openapi-fetch gives '' for a body-less error without Content-Length: httpErrorOf makes it undefined.
      throw httpErrorOf(op.operationId, op.statuses, response, result.error, wasTruncated(response), secrets());
    }
    const text = await readTextCapped(result.data as ReadableStream<Uint8Array> | undefined, ctx.maxResponseBytes, response.status);
    const body = parseJson(op.operationId, response, text, secrets);
    if (ctx.validation?.response) checkResponse(ctx.validation, op.operationId, response, body, secrets);
    return body;
  } catch (error) {
    if (error instanceof HttpError || error instanceof ResponseBodyError || error instanceof AbortError) throw error;
    throw classifyFailure(op.operationId, error, deadline, secrets(), response?.status);
  } finally {
    deadline.clear();
  }
}
