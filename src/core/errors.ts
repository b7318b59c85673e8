// One error class per failure kind (after ky). Every error names the
// operation, carries no request data (headers, body, credentials), and has a
// JSON form that is safe to log. Fields set in a constructor are `declare`d:
// no field declarations in the browser bundles.
export type ErrorKind = 'http' | 'network' | 'timeout' | 'aborted' | 'response-body' | 'request-validation' | 'provider' | 'config';

export abstract class RtcApiError extends Error {
  /** A string literal in every subclass (not `new.target.name`): it must survive minification. */
  abstract override readonly name: string;
  abstract readonly kind: ErrorKind;
  /** The OpenAPI operationId, e.g. `create_subscriber_token`. */
  declare readonly operationId: string;

  constructor(operationId: string, message: string, options?: { cause?: unknown }) {
    super(`${operationId}: ${message}`, options);
    this.operationId = operationId;
  }

  /** Every own field (name included; none holds request data) plus the message. `cause` is not enumerable, so it stays out. */
  toJSON(): Record<string, unknown> {
    return { message: this.message, ...(this as object) };
  }
}

/** The server answered with a non-success status. `body` is the parsed error body (or raw text). */
export class HttpError<Status extends number = number, Body = unknown> extends RtcApiError {
  override readonly name = 'HttpError';
  readonly kind = 'http' as const;
  declare readonly status: Status;
  declare readonly body: Body;
  /** False when the spec does not document this status for the operation. */
  declare readonly documented: boolean;
  declare readonly requestId: string | undefined;
  /** Milliseconds the server asked the client to wait (`Retry-After`, either form), if it said. */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: { operationId: string; status: Status; body: Body; documented: boolean; requestId?: string; statusText?: string; retryAfterMs?: number }) {
    const what = init.documented ? '' : ' (not documented)';
    super(init.operationId, `HTTP ${init.status}${init.statusText ? ` ${init.statusText}` : ''}${what}${describeBody(init.body)}`);
    this.status = init.status;
    this.body = init.body;
    this.documented = init.documented;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** The request never got a response: DNS, refused or reset connection, TLS. */
export class NetworkError extends RtcApiError {
  override readonly name = 'NetworkError';
  readonly kind = 'network' as const;
  /** True when the failure happened before any byte of the request could have been sent (safe to retry). */
  declare readonly beforeSend: boolean;
  constructor(operationId: string, detail: string, beforeSend: boolean, cause?: unknown) {
    super(operationId, `network error: ${detail}`, { cause });
    this.beforeSend = beforeSend;
  }
}

/** The request took longer than its timeout. The server may still have acted on it. */
export class TimeoutError extends RtcApiError {
  override readonly name = 'TimeoutError';
  readonly kind = 'timeout' as const;
  declare readonly timeoutMs: number;
  constructor(operationId: string, timeoutMs: number) {
    super(operationId, `timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's own AbortSignal cancelled the request. */
export class AbortError extends RtcApiError {
  override readonly name = 'AbortError';
  readonly kind = 'aborted' as const;
  constructor(operationId: string) {
    super(operationId, 'aborted by the caller');
  }
}

/** A response arrived but its body is unusable: not JSON, truncated, empty, too large, or not the documented shape. */
export class ResponseBodyError extends RtcApiError {
  override readonly name = 'ResponseBodyError';
  readonly kind = 'response-body' as const;
  declare readonly status: number;
  declare readonly requestId: string | undefined;
  /** JSON pointer of the first schema violation, when response validation found one. */
  declare readonly pointer: string | undefined;
  constructor(init: { operationId: string; status: number; reason: string; requestId?: string; pointer?: string; cause?: unknown }) {
    super(init.operationId, `unusable response body (HTTP ${init.status}): ${init.reason}`, { cause: init.cause });
    this.status = init.status;
    this.requestId = init.requestId;
    this.pointer = init.pointer;
  }
}

/** One field that breaks the spec: `field` is a readable path, `pointer` the JSON pointer. Never holds the value. */
export interface ValidationIssue {
  readonly field: string;
  readonly pointer: string;
  readonly message: string;
}

/** Request validation (opt-in) rejected the request: nothing was sent. */
export class RequestValidationError extends RtcApiError {
  override readonly name = 'RequestValidationError';
  readonly kind = 'request-validation' as const;
  declare readonly issues: readonly ValidationIssue[];
  constructor(operationId: string, issues: readonly ValidationIssue[]) {
    super(operationId, `invalid request, not sent: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

/**
 * Your credentials/headers provider threw or rejected: nothing was sent. Its
 * message is not repeated (it may hold a credential); the original error is
 * the `cause`, for your own debugging.
 */
export class ProviderError extends RtcApiError {
  override readonly name = 'ProviderError';
  readonly kind = 'provider' as const;
  constructor(operationId: string, cause: unknown) {
    super(operationId, 'the credentials/headers provider failed; nothing was sent', { cause });
  }
}

/** The client was configured wrongly. Thrown at construction, before any request. */
export class ConfigError extends Error {
  readonly kind = 'config' as const;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function describeBody(body: unknown): string {
  if (body === undefined || body === '') return ' (empty body)';
  try {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
  } catch {
    return '';
  }
}
