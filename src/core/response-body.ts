// What a response turns into, for every call path (openapi-fetch's and the
// browser clients' plain fetch): the parsed success body, or one HttpError /
// ResponseBodyError with everything the server sent scrubbed of secrets.
import { CLIENT_DEFAULTS } from './defaults.js';
import { HttpError, ResponseBodyError } from './errors.js';
import { scrub, scrubAndCut, scrubCutText } from './secrets.js';
import type { Validation } from './validation-hook.js';

/**
 * Parses `Retry-After`: delta-seconds (`120`) or an HTTP-date. Returns ms
 * from `now`, never negative, or undefined when absent or unparsable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // All three HTTP-date forms start with a day name; Date.parse alone would take "-3" as a year.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The response's request id, scrubbed: a header value is response data like any other. */
export function requestIdOf(response: Response, secrets: () => readonly string[]): string | undefined {
  for (const name of CLIENT_DEFAULTS.requestIdHeaders) {
    const v = response.headers.get(name);
    if (v) return scrubAndCut(v, secrets(), 200);
  }
  return undefined;
}

/** `secrets` is only called on failure: the success path builds no secret list. */
export function parseJson(operationId: string, response: Response, text: string, secrets: () => readonly string[]): unknown {
  try {
    // Parsed first: an empty or blank body fails to parse, so the success path never trims.
    return JSON.parse(text);
  } catch {
    if (text.trim() === '') {
      throw new ResponseBodyError({
        operationId,
        status: response.status,
        requestId: requestIdOf(response, secrets),
        reason: 'empty body, JSON expected',
      });
    }
    // Scrub before cutting, so a secret straddling the cut cannot leak a prefix.
    // No cause: JSON.parse quotes a cut-off piece of the body in its message.
    const type = scrubAndCut(response.headers.get('content-type') ?? 'no content-type', secrets(), 100);
    const snippet = scrubAndCut(text, secrets(), 80).replace(/\s+/g, ' ');
    throw new ResponseBodyError({
      operationId,
      status: response.status,
      requestId: requestIdOf(response, secrets),
      reason: `body is not valid JSON (${type}): ${snippet}`,
    });
  }
}

/** Opt-in response validation: a success body off the spec is a ResponseBodyError with its pointer. */
export function checkResponse(validation: Validation, operationId: string, response: Response, body: unknown, secrets: () => readonly string[]): void {
  const issue = validation.response!(operationId, response.status, body);
  if (!issue) return;
  throw new ResponseBodyError({
    operationId,
    status: response.status,
    requestId: requestIdOf(response, secrets),
    pointer: issue.pointer,
    reason: `does not match the spec at ${issue.pointer || '/'}: ${issue.field}: ${issue.message}`,
  });
}

/**
 * A non-2xx answer as an HttpError. `body` is the parsed error body or its
 * text ('' for none); `cut` says the text was cut at the size cap, so it may
 * end in part of a secret. A redirect is never followed: in a browser,
 * `redirect: 'manual'` shows it as an opaque response with status 0.
 */
export function httpErrorOf(
  operationId: string,
  statuses: readonly number[],
  response: Response,
  body: unknown,
  cut: boolean,
  secrets: readonly string[],
): HttpError {
  const { status } = response;
  return new HttpError({
    operationId,
    status,
    statusText:
      (status >= 300 && status < 400) || response.type === 'opaqueredirect' ? 'redirect (not followed)' : scrubAndCut(response.statusText, secrets, 100),
    body: body === '' ? undefined : cut && typeof body === 'string' ? scrubCutText(body, secrets) : scrub(body, secrets),
    documented: statuses.includes(status),
    requestId: requestIdOf(response, () => secrets),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  });
}
