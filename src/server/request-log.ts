// One log entry per request. It names what happened, never what was sent:
// no headers, no body, no token, no caller identity.
import { HttpError, RtcApiError } from '../core/errors.js';

/** How a request ended. */
export type Outcome =
  | 'token'
  | 'not-found'
  | 'unauthorized'
  | 'role-refused'
  | 'too-large'
  | 'body-timeout'
  | 'invalid-body'
  | 'upstream-error'
  | 'internal-error';

export interface RequestLogEntry {
  method: string;
  /** The URL path (no query string: it may carry secrets). */
  path: string;
  status: number;
  outcome: Outcome;
  durationMs: number;
  /** The role and room: as granted by the policy (what the admin backend receives), or as requested on role-refused. */
  role?: string;
  room?: string;
  /** For upstream-error: what failed, e.g. `http 401`, `timeout`, `network`, `response-body`, `token-mismatch`. */
  upstream?: string;
  /** For internal-error: which hook threw (`authorize`, `policy`, `adminHeaders`). */
  failedHook?: string;
  /** For internal-error and upstream-error caused by setup or the upstream token: what to fix, in words. */
  problem?: string;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

/** A logger that writes each entry as one JSON line on stdout, tagged with `msg`. */
export function jsonLines<Entry extends object>(msg: string): (entry: Entry) => void {
  return (entry) => console.log(JSON.stringify({ msg, ...entry }));
}

/** Default logger: one JSON line per request on stdout. */
export const jsonLineLogger: RequestLogger = jsonLines('proconfToken');

/** What an upstream failure was, for the log: `http 422`, `timeout`, `network`, ... (never a body). */
export function describeUpstream(error: unknown): string {
  if (error instanceof HttpError) return `http ${error.status}`;
  if (error instanceof RtcApiError) return error.kind;
  return 'unknown';
}

/** Paths are echoed into logs; cap them so a hostile URL cannot flood the log. */
export function loggablePath(url: URL): string {
  return url.pathname.length > 200 ? `${url.pathname.slice(0, 200)}…` : url.pathname;
}
