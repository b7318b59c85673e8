// The one option vocabulary of the token handlers: what both families take
// (authorize, logger, pathPrefix, timeouts, rate limit) and the one
// `checkOptions` that checks them, plus each family's own options, at
// construction, with a ConfigError naming the option.
import { HANDLER_DEFAULTS } from './defaults.js';
import { ConfigError } from '../core/errors.js';
import { checkDuration, checkSeconds } from '../core/timer.js';
import type { Authorize } from './hooks.js';
import { clientAddressOf } from './node-adapter.js';
import { callerId, type RateLimitStage } from './pipeline.js';
import type { RateLimiter } from './rate-limit.js';
import { chooseLogger, type RequestLogger } from './request-log.js';

/** Options every token handler takes. */
export interface TokenHandlerOptions<Caller> {
  /**
   * Identifies the caller from its own session or bearer credential (header,
   * cookie, ...). Must not read the body. Returns the caller, a falsy value
   * when the request carries no credential, or `REJECTED` when it carries one
   * that is not accepted (expired, revoked): both are a 401, and only "no
   * credential" lets a guest request through anonymously.
   */
  authorize: Authorize<Caller>;
  /** Called once per request; `false` turns logging off. Default: one JSON line on stdout. */
  logger?: RequestLogger | false;
  /** Prefix before the spec's paths, e.g. `/api` to serve `/api/proconfToken`. Default none. */
  pathPrefix?: string;
  /** Timeout of each upstream call in ms (at most 2^31-1). Default: `SERVER_DEFAULTS.handler.timeoutMs`. */
  timeoutMs?: number;
  /** How long the request body may take to arrive, in ms (at most 2^31-1); later gives the documented 408 (400 where the spec has no 408). Default: `SERVER_DEFAULTS.handler.bodyTimeoutMs`. */
  bodyTimeoutMs?: number;
  /** Limits requests per caller (`caller:<id>`) and, for anonymous guests, per client address (`address:<ip>`): over the limit is a 429 with `Retry-After`. */
  rateLimit?: RateLimiter;
  /** The caller's stable id for the rate limit. Default: the caller itself when it is a string or number, else its `id`. */
  rateLimitKey?: (caller: Caller) => string;
  /** The client address of a request, for anonymous guests. Default: the socket's peer address from `toNodeListener` (set this behind a proxy or on another runtime). */
  clientAddress?: (request: Request) => string | undefined;
  /** A limiter slower than this (ms) is skipped for the request, as is one that throws (fail-open). Default: `SERVER_DEFAULTS.handler.rateLimitTimeoutMs`. */
  rateLimitTimeoutMs?: number;
}

/** What the ConfigError for a missing `authorize` says. */
export const AUTHORIZE_HINT =
  'a function that identifies the caller from the request (e.g. from its bearer credential or session cookie): the caller, a falsy value when there is no credential, REJECTED when it is not accepted';

/** How one option is checked: a kind, or a function returning what is wrong. */
export type OptionRule = 'function' | 'required function' | 'duration' | 'seconds' | readonly string[] | ((value: unknown) => string | undefined);

const COMMON: Record<string, OptionRule> = {
  authorize: 'required function',
  pathPrefix: (v) => (typeof v === 'string' && /^(\/[^/]+)+$/.test(v) ? undefined : 'must look like /api (no trailing slash)'),
  timeoutMs: 'duration',
  bodyTimeoutMs: 'duration',
  rateLimit: (v) => (typeof (v as RateLimiter | null)?.consume === 'function' ? undefined : 'must implement RateLimiter: { consume(key) }'),
  rateLimitKey: 'function',
  clientAddress: 'function',
  rateLimitTimeoutMs: 'duration',
};

function problemOf(rule: OptionRule, value: unknown, name: string): string | undefined {
  if (typeof rule === 'function') return rule(value);
  if (Array.isArray(rule)) return rule.includes(value as string) ? undefined : `must be ${rule.map((r) => `'${r}'`).join(' or ')}`;
  if (rule === 'function' || rule === 'required function') return typeof value === 'function' ? undefined : 'must be a function';
  if (rule === 'seconds') checkSeconds(value, name);
  else checkDuration(value, name);
  return undefined;
}

/**
 * Checks a handler's options: the common ones and the family's `own` rules.
 * `hints` completes the message of a missing required option.
 */
export function checkOptions(factory: string, options: unknown, own: Record<string, OptionRule>, hints: Record<string, string>): void {
  if (!options || typeof options !== 'object') throw new ConfigError(`${factory} needs options: { ${Object.keys(hints).join(', ')}, ... }`);
  const given = options as Record<string, unknown>;
  for (const [name, rule] of Object.entries({ ...COMMON, ...own })) {
    const value = given[name];
    if (value === undefined) {
      if (rule === 'required function') throw new ConfigError(`${name} is required: ${hints[name] ?? 'a function'}`);
      continue;
    }
    const problem = problemOf(rule, value, name);
    if (problem) throw new ConfigError(`${name} ${problem}${hints[name] ? `: ${hints[name]}` : ''}`);
  }
}

/** What the pipeline takes from the common options, defaults applied. */
export function pipelineOptions<Caller>(options: TokenHandlerOptions<Caller>, defaultLogger: RequestLogger) {
  const rateLimit: RateLimitStage<Caller> | undefined = options.rateLimit && {
    limiter: options.rateLimit,
    key: options.rateLimitKey ?? callerId,
    clientAddress: options.clientAddress ?? clientAddressOf,
    timeoutMs: options.rateLimitTimeoutMs ?? HANDLER_DEFAULTS.rateLimitTimeoutMs,
  };
  return {
    authorize: options.authorize,
    logger: chooseLogger(options.logger, defaultLogger),
    bodyTimeoutMs: options.bodyTimeoutMs ?? HANDLER_DEFAULTS.bodyTimeoutMs,
    ...(rateLimit && { rateLimit }),
  };
}
