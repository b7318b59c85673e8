// Rate limits for the token endpoints: minting costs an upstream call, and the
// guest endpoint takes anonymous requests. One interface, two limiters (one
// process's memory; Redis for several instances: rate-limit-redis.ts), both
// GCRA (the generic cell rate algorithm): `points` requests at once, then one
// every `durationSeconds / points`, and a Retry-After that is exact. Why our
// own and not a library: docs/server.md, "Rate limits".
import { ConfigError } from '../core/errors.js';
import { RATE_LIMIT_DEFAULTS } from './defaults.js';
import { StoreFailure } from './store-errors.js';

export interface RateLimitDecision {
  allowed: boolean;
  /** whole seconds until a retry can succeed; 0 when allowed */
  retryAfterSeconds: number;
}

/** Decides whether one more request under `key` (a caller, a client address) may go ahead, and counts it if so. */
export interface RateLimiter {
  consume(key: string): Promise<RateLimitDecision>;
}

/** The limiter's store failed (Redis unreachable, too slow, answering nonsense). The message holds no key. */
export class RateLimiterError extends StoreFailure<'rate-limiter'> {
  constructor(operation: string, detail: string, options?: { cause?: unknown }) {
    super({ name: 'RateLimiterError', kind: 'rate-limiter', store: 'rate limiter' }, operation, detail, options);
  }
}

export interface RateLimitOptions {
  /** Requests allowed per key in `durationSeconds` (and the largest burst). */
  points: number;
  /** The window, in seconds: after this long without requests a key has its whole budget again. */
  durationSeconds: number;
}

export interface MemoryRateLimiterOptions extends RateLimitOptions {
  /** Keys remembered at most (default: `SERVER_DEFAULTS.rateLimit.maxKeys`); past it the least recently counted key is forgotten. */
  maxKeys?: number;
  /** Milliseconds since the epoch (default Date.now): inject a clock in tests. */
  now?: () => number;
}

/** The in-memory limiter; `size` is the number of keys it holds now (expired ones are dropped as it goes). */
export interface MemoryRateLimiter extends RateLimiter {
  readonly size: number;
}

/** The GCRA parameters in milliseconds, after checking the options (ConfigError names the bad one). */
export function gcraParameters(options: RateLimitOptions, factory: string): { intervalMs: number; periodMs: number } {
  const { points, durationSeconds } = options ?? ({} as RateLimitOptions);
  if (typeof points !== 'number' || !Number.isSafeInteger(points) || points < 1)
    throw new ConfigError(`${factory}: points must be a whole number of requests, at least 1; got ${String(points)}`);
  if (typeof durationSeconds !== 'number' || !Number.isFinite(durationSeconds) || durationSeconds <= 0 || durationSeconds > 31_536_000)
    throw new ConfigError(`${factory}: durationSeconds must be a number of seconds above 0 and at most a year; got ${String(durationSeconds)}`);
  const periodMs = durationSeconds * 1000;
  // Timestamps are milliseconds in doubles: finer than a microsecond per request they cannot count.
  if (periodMs / points < 0.001)
    throw new ConfigError(`${factory}: points per durationSeconds must be at most one per microsecond; got ${points} in ${durationSeconds} s`);
  return { intervalMs: periodMs / points, periodMs };
}

/** A decision from the milliseconds to wait (0 or less: allowed). */
export function decision(waitMs: number): RateLimitDecision {
  return waitMs > 0 ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) } : { allowed: true, retryAfterSeconds: 0 };
}

/**
 * The default limiter: one process's memory. Each key keeps one number (its
 * theoretical arrival time); a key idle for `durationSeconds` is dropped.
 */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions): MemoryRateLimiter {
  const { intervalMs, periodMs } = gcraParameters(options, 'createMemoryRateLimiter');
  const maxKeys = options.maxKeys ?? RATE_LIMIT_DEFAULTS.maxKeys;
  if (!Number.isSafeInteger(maxKeys) || maxKeys < 1)
    throw new ConfigError(`createMemoryRateLimiter: maxKeys must be a whole number, at least 1; got ${String(maxKeys)}`);
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new ConfigError('createMemoryRateLimiter: now must be a function returning milliseconds since the epoch');
  // Insertion order is last-update order: the oldest entries sit at the head.
  const arrivals = new Map<string, number>();
  return {
    get size() {
      return arrivals.size;
    },
    async consume(key) {
      const t = now();
      // Drop expired entries at the head (amortised O(1)), then the oldest if still full.
      for (const [oldest, at] of arrivals) {
        if (at <= t) {
          arrivals.delete(oldest);
          continue;
        }
        if (arrivals.size >= maxKeys && !arrivals.has(key)) arrivals.delete(oldest);
        break;
      }
      const next = Math.max(arrivals.get(key) ?? t, t) + intervalMs;
      const wait = next - periodMs - t;
      if (wait <= 0) {
        arrivals.delete(key);
        arrivals.set(key, next);
      }
      return decision(wait);
    },
  };
}

/** The `Retry-After` the app server sends when the provider answered 429: the provider's own (HttpError.retryAfterMs), in whole seconds, capped. */
export function upstreamRetryAfterSeconds(retryAfterMs: number | undefined): number {
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs < 0) return RATE_LIMIT_DEFAULTS.upstreamRetryAfterSeconds;
  return Math.min(RATE_LIMIT_DEFAULTS.maxUpstreamRetryAfterSeconds, Math.max(1, Math.ceil(retryAfterMs / 1000)));
}

/** The documented 429 (`response`, the API's own envelope) with its `Retry-After` header. */
export function withRetryAfter(response: Response, retryAfterSeconds: number): Response {
  response.headers.set('retry-after', String(retryAfterSeconds));
  return response;
}
