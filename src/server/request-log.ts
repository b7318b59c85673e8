// One log entry per request. It names what happened, never what was sent:
// no headers, no body, no token, no caller identity.
import { ConfigError, HttpError, RtcApiError } from '../core/errors.js';
import { requestMethod } from './node-adapter.js';

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
function loggablePath(url: URL): string {
  return url.pathname.length > 200 ? `${url.pathname.slice(0, 200)}…` : url.pathname;
}

/** A handler's `logger` option: a function, `false` (off) or undefined (the default logger). */
export function chooseLogger<Entry>(
  option: ((entry: Entry) => void) | false | undefined,
  fallback: (entry: Entry) => void,
): ((entry: Entry) => void) | undefined {
  if (option !== undefined && option !== false && typeof option !== 'function') throw new ConfigError('logger must be a function or false');
  return option === false ? undefined : (option ?? fallback);
}

/** What a handler's respond step gives: the response plus the facts its log entry carries. */
export type Served<Facts> = { response: Response } & Facts;

/**
 * One request through a handler: the URL parsed once (a malformed one still
 * gets an answer and a log line), every throw turned into `crashed`'s answer,
 * then exactly one log entry, from a logger that can never fail the request.
 */
export async function serveLogged<Facts extends object>(
  request: Request,
  respond: (url: URL) => Promise<Served<Facts>>,
  crashed: (error: unknown, url: URL) => Served<Facts>,
  logger: ((entry: Facts & { method: string; path: string; status: number; durationMs: number }) => void) | undefined,
): Promise<Response> {
  const started = performance.now();
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    url = new URL('http://invalid/');
  }
  let result: Served<Facts>;
  try {
    result = await respond(url);
  } catch (error) {
    result = crashed(error, url);
  }
  const { response, ...facts } = result;
  try {
    logger?.({
      method: requestMethod(request),
      path: loggablePath(url),
      status: response.status,
      ...(facts as Facts),
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  } catch {
    // A broken logger must not turn a served request into a failure.
  }
  return response;
}
