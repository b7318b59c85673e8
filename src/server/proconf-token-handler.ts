// A ready-made POST /proconfToken for a ProCONF application server, as a
// web-standard (Request) => Promise<Response>: authorize the caller, validate
// the body, apply the role policy, ask the admin backend, return the token.
import type { HeaderProvider } from '../core/provider.js';
import { HANDLER_DEFAULTS } from '../core/defaults.js';
import { ConfigError, ProviderError } from '../core/errors.js';
import { checkDuration } from '../core/timer.js';
import type { FetchLike } from '../core/transport.js';
import { createProconfAdminClient } from '../proconf/admin-client.js';
import { errorResponse, tokenResponse, type ErrorStatus } from './envelope.js';
import { HookError, runHook, type Authorize } from './hooks.js';
import { defaultPolicy, type TokenPolicy } from './policy.js';
import { isJwtString, tokenMismatch } from './granted-token.js';
import { bodyAlreadyRead, requestMethod } from './node-adapter.js';
import { readBodyCapped } from './read-body.js';
import { chooseLogger, describeUpstream, jsonLineLogger, serveLogged, type Outcome, type RequestLogEntry, type RequestLogger } from './request-log.js';
import { isJsonMediaType } from '../core/media-type.js';
import { isTokenRequest, parseTokenRequest } from './token-request.js';

export type ProconfTokenHandler = (request: Request) => Promise<Response>;

export interface ProconfTokenHandlerOptions<Caller> {
  /** The ProCONF admin backend origin, e.g. https://admin.your-company.com (without /api). */
  adminBaseUrl: string;
  /** Headers the admin backend requires (your deployment's credential), called per request. */
  adminHeaders?: HeaderProvider;
  /** Identifies the caller from its own session or bearer credential. Must not read the body. */
  authorize: Authorize<Caller>;
  /** Decides the role and room the caller receives. Default: `member` only (see DEFAULT_ALLOWED_ROLES). */
  policy?: TokenPolicy<Caller>;
  /** Called once per request; `false` turns logging off. Default: one JSON line on stdout. */
  logger?: RequestLogger | false;
  /** The path served. Default: `HANDLER_DEFAULTS.path` in core/defaults.ts. */
  path?: string;
  /** Timeout of the admin backend call in ms (at most 2^31-1). Default: `HANDLER_DEFAULTS.timeoutMs`. */
  timeoutMs?: number;
  /** How long the request body may take to arrive, in ms (at most 2^31-1); later gives the documented 408. Default: `HANDLER_DEFAULTS.bodyTimeoutMs`. */
  bodyTimeoutMs?: number;
  /** The fetch used for the admin backend (inject for tests or instrumentation). */
  fetch?: FetchLike | typeof globalThis.fetch;
}

type Result = { response: Response } & Partial<Pick<RequestLogEntry, 'role' | 'room' | 'upstream' | 'failedHook' | 'problem'>> & { outcome: Outcome };

const OUTCOME_STATUS: Record<Exclude<Outcome, 'token'>, ErrorStatus> = {
  'not-found': 404,
  unauthorized: 401,
  'role-refused': 401,
  'too-large': 413,
  'body-timeout': 408,
  'invalid-body': 400,
  'upstream-error': 500,
  'internal-error': 500,
};

function fail(outcome: Exclude<Outcome, 'token'>, extra: Partial<Result> = {}): Result {
  return { ...extra, outcome, response: errorResponse(OUTCOME_STATUS[outcome]) };
}

/** The log line for a framework that parsed the body first. */
const BODY_ALREADY_READ = 'the request body was already read by a body parser; mount the handler before it (see docs/server.md)';

function checkOptions(options: ProconfTokenHandlerOptions<unknown>): void {
  if (!options || typeof options !== 'object') throw new ConfigError('createProconfTokenHandler needs options: { adminBaseUrl, authorize, ... }');
  if (typeof options.authorize !== 'function') {
    throw new ConfigError(
      'authorize is required: a function that identifies the caller from the request (e.g. from its bearer credential) and returns a falsy value when it cannot',
    );
  }
  if (options.policy !== undefined && typeof options.policy !== 'function')
    throw new ConfigError('policy must be a function (requested, { caller, request }) => TokenRequest | false');
  if (options.path !== undefined && (typeof options.path !== 'string' || !options.path.startsWith('/'))) throw new ConfigError('path must start with /');
  if (options.bodyTimeoutMs !== undefined) checkDuration(options.bodyTimeoutMs, 'bodyTimeoutMs');
}

export function createProconfTokenHandler<Caller>(options: ProconfTokenHandlerOptions<Caller>): ProconfTokenHandler {
  checkOptions(options as ProconfTokenHandlerOptions<unknown>);
  const admin = createProconfAdminClient({
    baseUrl: options.adminBaseUrl,
    timeoutMs: options.timeoutMs ?? HANDLER_DEFAULTS.timeoutMs,
    fetch: options.fetch,
    headers: options.adminHeaders && (() => runHook('adminHeaders', options.adminHeaders!)),
  });
  const policy = (options.policy ?? defaultPolicy) as TokenPolicy<Caller>;
  const logger = chooseLogger(options.logger, jsonLineLogger);
  const path = options.path ?? HANDLER_DEFAULTS.path;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? HANDLER_DEFAULTS.bodyTimeoutMs;

  async function respond(request: Request, url: URL): Promise<Result> {
    if (requestMethod(request) !== 'POST' || url.pathname !== path) return fail('not-found');
    // A setup bug, reported before anything else so the fix is obvious.
    if (bodyAlreadyRead(request)) return fail('internal-error', { problem: BODY_ALREADY_READ });
    const caller = await runHook('authorize', () => options.authorize(request));
    if (!caller) return fail('unauthorized');
    const body = await readBodyCapped(request, undefined, bodyTimeoutMs);
    if (!body.ok) return fail(body.reason === 'too-large' ? 'too-large' : body.reason === 'timeout' ? 'body-timeout' : 'invalid-body');
    const requested = isJsonMediaType(request.headers.get('content-type')) ? parseTokenRequest(body.text) : undefined;
    if (!requested) return fail('invalid-body');
    const granted = await runHook('policy', () => policy(requested, { caller, request }));
    if (!granted) return fail('role-refused', { role: requested.role, room: requested.room });
    // A policy that returns a malformed request is the application's bug, not the client's.
    if (!isTokenRequest(granted)) throw new HookError('policy', new TypeError('policy returned an invalid TokenRequest'));
    const sent = { role: granted.role, room: granted.room };
    try {
      const result = await admin.createProconfToken(
        { role: granted.role, room: granted.room, participantName: granted.participantName },
        { signal: request.signal },
      );
      const mismatch = tokenMismatch(result?.data, granted);
      if (mismatch) return fail('upstream-error', { ...sent, upstream: isJwtString(result?.data) ? 'token-mismatch' : 'response-body', problem: mismatch });
      return { ...sent, outcome: 'token', response: tokenResponse(result.data as string) };
    } catch (error) {
      if (error instanceof HookError) throw error;
      // The adminHeaders hook runs as the admin client's header provider: its failure is the application's.
      if (error instanceof ProviderError) throw new HookError('adminHeaders', error);
      return fail('upstream-error', { ...sent, upstream: describeUpstream(error) });
    }
  }

  return function proconfTokenHandler(request: Request): Promise<Response> {
    return serveLogged(
      request,
      (url) => respond(request, url),
      (error) => fail('internal-error', { failedHook: error instanceof HookError ? error.hook : 'handler' }),
      logger,
    );
  };
}
