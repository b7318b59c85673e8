// The one token-endpoint pipeline. Every token endpoint this package ships
// (ProCONF's /proconfToken, SignalWire's subscriber, refresh and guest
// tokens) is a configuration of it:
//   route -> caller (authorize: none | rejected | caller) -> body (the one
//   capped reader) -> generated validator -> rate limit -> the route's policy,
//   upstream call and upstream answer check -> envelope (from the spec) ->
//   one log entry.
import type { OperationFacts } from '../../generated/operation-facts.js';
import { Deadline } from '../core/deadline.js';
import { isJsonMediaType } from '../core/media-type.js';
import { envelopesFor, type ErrorOutcome, wrongMethodEnvelope } from './envelope.js';
import { HookError, isThenable, REJECTED, runHook, type Authorize } from './hooks.js';
import { bodyAlreadyRead, requestMethod } from './node-adapter.js';
import { HttpError } from '../core/errors.js';
import { upstreamRetryAfterSeconds, withRetryAfter, type RateLimiter } from './rate-limit.js';
import { readBodyCapped } from './read-body.js';
import { logServed, requestUrl, type RequestLogEntry, type RequestLogger, type Served } from './request-log.js';
import { TokenStoreError } from './store-errors.js';

/** The upstream call failed or answered something that may not be passed on. `facts` go to the log. */
export class UpstreamError extends Error {
  constructor(
    readonly upstream: string,
    readonly problem?: string,
    readonly facts: Partial<RequestLogEntry> = {},
    cause?: unknown,
  ) {
    super(`upstream call failed: ${upstream}`, { cause });
  }
}

/** Answers a failure with the operation's documented envelope, plus what the log entry should carry. */
type Fail = (outcome: ErrorOutcome, extra?: Partial<Served>) => Served;

export interface RouteContext<Caller> {
  request: Request;
  /** Undefined only on a route that serves anonymous requests. */
  caller: Caller | undefined;
  /** The request body, accepted by the operation's generated validator. */
  body: unknown;
  fail: Fail;
}

/** One operation of a handler: where it is served and what it does after the shared stages. */
export interface TokenRoute<Caller> {
  operationId: string;
  method: string;
  /** The full path served (prefix included). */
  path: string;
  /** Serves requests that carry no credential at all (the guest endpoint). */
  anonymous?: boolean;
  /** The operation's generated request validator (`{ body }`). */
  validate: (input: { body: unknown }) => boolean;
  /** Failures this route answers besides the pipeline's own (checked against the spec when the handler is built). */
  outcomes: readonly ErrorOutcome[];
  /** Policy, upstream call, upstream answer check, grant. May throw UpstreamError, TokenStoreError, HookError. */
  serve: (context: RouteContext<Caller>) => Promise<Served>;
}

export interface RateLimitStage<Caller> {
  limiter: RateLimiter;
  /** The caller's stable id (the key is `caller:<id>`). */
  key: (caller: Caller) => string;
  /** The client address of an anonymous request (the key is `address:<address>`). */
  clientAddress: (request: Request) => string | undefined;
  /** A limiter slower than this is skipped for the request (fail-open). */
  timeoutMs: number;
}

export interface PipelineConfig<Caller> {
  routes: readonly TokenRoute<Caller>[];
  facts: Readonly<Record<string, OperationFacts>>;
  authorize: Authorize<Caller>;
  logger: RequestLogger | undefined;
  bodyTimeoutMs: number;
  rateLimit?: RateLimitStage<Caller>;
}

/** Failures every route can have: the pipeline's own stages. */
const PIPELINE_OUTCOMES: readonly ErrorOutcome[] = ['not-found', 'unauthorized', 'too-large', 'body-timeout', 'invalid-body', 'internal-error'];

/** The log line for a framework that parsed the body first. */
const BODY_ALREADY_READ = 'the request body was already read by a body parser; mount the handler before it (see docs/server.md)';

/** The default rate-limit key: a string or number caller, or an object caller's string or number `id`. */
export function callerId(caller: unknown): string {
  if (typeof caller === 'string' || typeof caller === 'number') return String(caller);
  const id = (caller as { id?: unknown } | null)?.id;
  if (typeof id === 'string' || typeof id === 'number') return String(id);
  throw new TypeError('rateLimitKey is needed: the caller is not a string, a number or an object with a string or number id');
}

/** What a thrown error means for the answer and the log. */
function failure(fail: Fail, error: unknown): Served {
  if (error instanceof UpstreamError) {
    const facts = { ...error.facts, upstream: error.upstream, ...(error.problem && { problem: error.problem }) };
    // The provider's own rate limit: the caller waits, as the spec's 429 says (openapi/README.md, row A13).
    const limited = error.cause instanceof HttpError && error.cause.status === 429 ? error.cause : undefined;
    if (!limited) return fail('upstream-error', facts);
    const served = fail('rate-limited', facts);
    withRetryAfter(served.response, upstreamRetryAfterSeconds(limited.retryAfterMs));
    return served;
  }
  if (error instanceof TokenStoreError) return fail('store-error', { store: error.operation });
  if (error instanceof HookError) return fail('internal-error', { failedHook: error.hook });
  // A custom store's own error, or a bug: still the documented 500.
  return fail('internal-error', { failedHook: 'handler' });
}

export function createTokenPipeline<Caller>(config: PipelineConfig<Caller>): (request: Request) => Promise<Response> {
  const bind = (route: TokenRoute<Caller>) => {
    const facts = config.facts[route.operationId]!;
    const envelopes = envelopesFor(route.operationId, facts, [
      ...PIPELINE_OUTCOMES,
      ...route.outcomes,
      ...(config.rateLimit ? (['rate-limited'] as const) : []),
    ]);
    const fail: Fail = (outcome, extra) => ({ ...extra, outcome, response: envelopes(outcome) });
    return { route, envelopes, fail, bodyLimit: facts.bodyLimit!, wrongMethod: wrongMethodEnvelope(facts, envelopes) };
  };
  type Bound = ReturnType<typeof bind>;
  // Path, then method: one lookup of the request's path, no key built per request.
  const paths = new Map<string, Map<string, Bound>>();
  for (const route of config.routes) {
    const methods = paths.get(route.path) ?? paths.set(route.path, new Map()).get(route.path)!;
    if (!methods.has(route.method)) methods.set(route.method, bind(route));
  }
  // An unmatched request has no operation: the first route's envelope answers it.
  const first = paths.values().next().value!.values().next().value as Bound;

  /**
   * The 429, or what the log notes when the limiter failed. A limiter that
   * throws or is slower than its timeout lets the request through
   * (fail-open): sign-in keeps working while the limiter's store is down.
   */
  async function limit(stage: RateLimitStage<Caller>, bound: Bound, request: Request, who: Caller | undefined): Promise<Served | Partial<Served>> {
    const key =
      who === undefined
        ? `address:${(await runHook('clientAddress', stage.clientAddress, request)) ?? 'unknown'}`
        : `caller:${await runHook('rateLimitKey', stage.key, who)}`;
    const deadline = new Deadline(stage.timeoutMs);
    try {
      const decision = await deadline.race(() => stage.limiter.consume(key));
      if (typeof decision?.allowed !== 'boolean') return { rateLimit: 'error' };
      if (decision.allowed) return {};
      const retryAfter = String(Math.max(1, Math.ceil(Number(decision.retryAfterSeconds) || 1)));
      return { outcome: 'rate-limited', rateLimit: 'limited', response: bound.envelopes('rate-limited', { 'retry-after': retryAfter }) };
    } catch {
      return { rateLimit: deadline.timedOut ? 'timeout' : 'error' };
    } finally {
      deadline.clear();
    }
  }

  /**
   * The stages before the route's own: the caller, the body and the rate
   * limit, in one async function that resolves before the upstream call, so
   * no frame of it is resumed after. Its answer is the route's context, or
   * the refusal.
   */
  async function stages(bound: Bound, request: Request): Promise<Served> {
    // A setup bug, reported before anything else so the fix is obvious.
    if (bodyAlreadyRead(request)) return bound.fail('internal-error', { problem: BODY_ALREADY_READ });
    // The caller: authorize's answer, undefined for an anonymous guest, or the 401.
    let found = runHook('authorize', config.authorize, request);
    if (isThenable(found)) found = await found;
    let caller: Caller | undefined;
    if (found === REJECTED) return bound.fail('unauthorized');
    if (found) caller = found as Caller;
    // A bearer credential that authorize did not accept is a rejected one, even where anonymous requests are served.
    else if (!bound.route.anonymous || request.headers.has('authorization')) return bound.fail('unauthorized');
    // The body, accepted by the operation's generated validator, or the 400/408/413.
    const read = await readBodyCapped(request, bound.bodyLimit, config.bodyTimeoutMs);
    if (!read.ok) return bound.fail(read.reason === 'too-large' ? 'too-large' : read.reason === 'timeout' ? 'body-timeout' : 'invalid-body');
    if (!isJsonMediaType(request.headers.get('content-type'))) return bound.fail('invalid-body');
    let body: unknown;
    try {
      body = JSON.parse(read.text);
    } catch {
      return bound.fail('invalid-body');
    }
    if (!bound.route.validate({ body })) return bound.fail('invalid-body');
    const context: RouteContext<Caller> = { request, caller, body, fail: bound.fail };
    // The route's promise is answered as it is: this frame is not resumed after the upstream call.
    if (!config.rateLimit) return bound.route.serve(context);
    const limited = await limit(config.rateLimit, bound, request, caller);
    if (limited.response) return limited as Served;
    return { ...limited, ...(await bound.route.serve(context)) };
  }

  /**
   * One request: the route found by path, then method, the stages, the
   * route's own, one log entry. The handler's code runs cold between requests
   * on a loopback, so each frame resumed per request costs (bench/FINDINGS.md):
   * after the upstream call only the route's function and this one run.
   */
  return async function tokenHandler(request: Request): Promise<Response> {
    const started = performance.now();
    const url = requestUrl(request);
    const method = requestMethod(request);
    const methods = paths.get(url.pathname);
    const bound = methods?.get(method);
    let served: Served;
    if (!bound) {
      // A path served with another method: its spec's wrong-method answer.
      const other = methods?.values().next().value;
      served = other ? { outcome: 'not-found', response: other.wrongMethod() } : first.fail('not-found');
    } else {
      try {
        served = await stages(bound, request);
      } catch (error) {
        served = failure(bound.fail, error);
      }
      // Every stage answers a fresh object: named in place, not copied.
      served.operation = bound.route.operationId;
    }
    if (config.logger) logServed(config.logger, method, url, served, started);
    return served.response;
  };
}
