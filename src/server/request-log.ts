// One log entry per request, one shape for every token endpoint. It names
// what happened, never what was sent: no headers, no body, no token, no
// caller identity, no address.
import { ConfigError, HttpError, RtcApiError } from '../core/errors.js';

/** How a request ended: a token outcome, or the failure the response documents. */
export type Outcome =
  // ProCONF: a token was issued.
  | 'token'
  // SignalWire: a subscriber token minted, refreshed, reused (refreshed moments ago), a guest token.
  | 'minted'
  | 'refreshed'
  | 'reused'
  | 'guest'
  | 'not-found'
  | 'unauthorized'
  | 'role-refused'
  | 'address-refused'
  | 'refresh-unavailable'
  | 'rate-limited'
  | 'too-large'
  | 'body-timeout'
  | 'invalid-body'
  | 'upstream-error'
  | 'store-error'
  | 'internal-error';

export interface RequestLogEntry {
  method: string;
  /** The URL path (no query string: it may carry secrets). */
  path: string;
  status: number;
  /** The operationId served, when the path and method matched one. */
  operation?: string;
  outcome: Outcome;
  durationMs: number;
  /** ProCONF: the role and room as granted by the policy (what the admin backend receives), or as requested on role-refused. */
  role?: string;
  room?: string;
  /** SignalWire guest requests: how many addresses were asked for and granted. */
  addresses?: { requested: number; granted: number };
  /** For upstream-error: what failed, e.g. `http 401`, `timeout`, `network`, `response-body`, `token-shape`, `token-mismatch`. */
  upstream?: string;
  /** For store-error: which store step failed. */
  store?: string;
  /** For internal-error: which hook threw (`authorize`, `policy`, `adminHeaders`, `subscriber`, `guestPolicy`, `rateLimitKey`, `clientAddress`, `handler`). */
  failedHook?: string;
  /** For internal-error and upstream-error caused by setup or the upstream answer: what to fix, in words. */
  problem?: string;
  /** The rate limiter: `limited` (429), or `error` / `timeout` when it failed and the request went on (fail-open). */
  rateLimit?: 'limited' | 'error' | 'timeout';
}

export type RequestLogger = (entry: RequestLogEntry) => void;

/** A logger that writes each entry as one JSON line on stdout, tagged with `msg`. */
export function jsonLines(msg: string): RequestLogger {
  return (entry) => console.log(JSON.stringify({ msg, ...entry }));
}

/** Default logger of the ProCONF handler: one JSON line per request on stdout. */
export const jsonLineLogger: RequestLogger = jsonLines('proconfToken');

/** What an upstream failure was, for the log: `http 422`, `timeout`, `network`, ... (never a body). */
export function describeUpstream(error: unknown): string {
  if (error instanceof HttpError) return `http ${error.status}`;
  if (error instanceof RtcApiError) return error.kind;
  return 'unknown';
}

/** Paths are echoed into logs; cap them so a hostile URL cannot flood the log. */
function loggablePath(url: URL): string {
  return url.pathname.length > 200 ? `${url.pathname.slice(0, 200)}…` : url.pathname;
}

/** A handler's `logger` option: a function, `false` (off) or undefined (the default logger). */
export function chooseLogger(option: RequestLogger | false | undefined, fallback: RequestLogger): RequestLogger | undefined {
  if (option !== undefined && option !== false && typeof option !== 'function') throw new ConfigError('logger must be a function or false');
  return option === false ? undefined : (option ?? fallback);
}

/** What the pipeline's stages give: the response plus the facts its log entry carries. */
export type Served = { response: Response; outcome: Outcome } & Partial<Omit<RequestLogEntry, 'method' | 'path' | 'status' | 'outcome' | 'durationMs'>>;

/** The request's URL, parsed once per request; a malformed one still gets an answer and a log line. */
export function requestUrl(request: Request): URL {
  try {
    return new URL(request.url);
  } catch {
    return new URL('http://invalid/');
  }
}

/**
 * Writes a served request's one log entry (`method` as the client sent it,
 * `started` its performance.now() at arrival), from a logger that can never fail the request.
 */
export function logServed(logger: RequestLogger, method: string, url: URL, served: Served, started: number): void {
  const { response, ...facts } = served;
  try {
    logger({
      method,
      path: loggablePath(url),
      status: response.status,
      ...facts,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  } catch {
    // A broken logger must not turn a served request into a failure.
  }
}
