// The browser clients' one call path: a JSON POST with the user's bearer
// credential, one deadline over the credentials provider, the request and its
// body, and every outcome mapped to the success body or one typed error
// naming the operation. Plain fetch: no openapi-fetch and no retries (retrying
// a single-use refresh is the server's business, not the browser's), so the
// browser bundles stay within their budgets (bench/budgets.ts).
import { readCapped } from './body.js';
import { credentialSecrets } from './credentials.js';
import { Deadline } from './deadline.js';
import { AbortError, NetworkError, ResponseBodyError, RtcApiError } from './errors.js';
import { provideHeaders, type HeaderProvider } from './provider.js';
import { checkRequest } from './request-checks.js';
import { checkResponse, httpErrorOf, parseJson, requestIdOf } from './response-body.js';
import { scrubAndCut, secretList } from './secrets.js';
import { checkDuration } from './timer.js';
import type { FetchLike } from './transport.js';
import type { Validation } from './validation-hook.js';

/** The generated table row's part a POST needs. */
export interface PostOperation {
  readonly operationId: string;
  readonly path: string;
  readonly statuses: readonly number[];
}

export interface PostContext {
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** The credential as headers, computed per call. */
  readonly headers?: HeaderProvider;
  readonly validation?: Validation;
}

/** Options every browser client's operation accepts as its last argument. */
export interface AppCallOptions {
  /** Cancels the request (the credentials provider included); gives an AbortError. */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call (at most 2^31-1 ms; covers the credentials provider too). */
  timeoutMs?: number;
  /** Extra request headers for this call. */
  headers?: Record<string, string>;
  /** Sees each response before its body is read (status and headers, e.g. the server's `Date`). */
  onResponse?: (response: Response) => void;
}

export async function postJson(ctx: PostContext, op: PostOperation, body: unknown, options: AppCallOptions = {}): Promise<unknown> {
  const { operationId } = op;
  if (options.signal?.aborted) throw new AbortError(operationId);
  const timeoutMs = options.timeoutMs === undefined ? ctx.timeoutMs : checkDuration(options.timeoutMs, 'timeoutMs');
  // One deadline covers the provider, the request it authenticates and the body.
  const deadline = new Deadline(timeoutMs, options.signal);
  let headers: Record<string, string> | undefined;
  let response: Response | undefined;
  // Every header the provider or the caller adds may be a credential: scrub them all, in every form.
  const secrets = () => secretList(Object.values(headers ?? {}).flatMap(credentialSecrets));
  try {
    const provided = ctx.headers && (await provideHeaders(ctx.headers, operationId, deadline));
    headers = provided && options.headers ? { ...provided, ...options.headers } : (provided ?? options.headers);
    const input = { body };
    checkRequest(operationId, headers, ctx.validation, input, secrets);
    response = await deadline.race(() =>
      ctx.fetch(
        new Request(`${ctx.baseUrl}${op.path}`, {
          method: 'POST',
          headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify(body),
          // Never followed: a followed redirect could carry the credential to another origin.
          redirect: 'manual',
        }),
        { signal: deadline.signal },
      ),
    );
    options.onResponse?.(response);
    const { status } = response;
    const { text, cut } = await readCapped(response.body, ctx.maxResponseBytes, deadline.signal);
    if (!response.ok) {
      // An error body is detail, the status is what matters: cut at the cap, never refused.
      let parsed: unknown = text;
      try {
        parsed = cut ? text : JSON.parse(text);
      } catch {
        // Not JSON: kept as text.
      }
      throw httpErrorOf(operationId, op.statuses, response, parsed, cut, secrets());
    }
    if (cut) throw new ResponseBodyError({ operationId, status, reason: `response body is larger than ${ctx.maxResponseBytes} bytes` });
    const parsed = parseJson(operationId, response, text, secrets);
    if (!parsed || typeof parsed !== 'object')
      throw new ResponseBodyError({ operationId, status, requestId: requestIdOf(response, secrets), reason: 'the body is not a JSON object' });
    if (ctx.validation?.response) checkResponse(ctx.validation, operationId, response, parsed, secrets);
    return parsed;
  } catch (error) {
    // Ours (provider, checks, status, body) are already typed; anything else failed in fetch or the body read.
    if (error instanceof RtcApiError) throw error;
    // No error codes to read here (a browser's fetch gives none): the cause keeps only the scrubbed message.
    throw (
      deadline.ended(operationId) ??
      new NetworkError(
        operationId,
        response ? 'connection lost while reading the response body' : 'the request failed before a response arrived',
        false,
        new Error(scrubAndCut(String((error as Error | undefined)?.message), secrets(), 200)),
      )
    );
  } finally {
    deadline.clear();
  }
}
