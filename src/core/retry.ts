// Opt-in retries that are safe for non-idempotent POSTs: only when the server
// cannot have acted on the request (429, 503, or a connection refused before
// any byte was sent). Never after a timeout or a reset once the request left.
// Opt-in by import: `retry: retryPolicy()` builds a policy that runs the
// attempts itself, so a client that never retries (a browser bundle) carries
// none of this file.
import { checkCallback } from './config-checks.js';
import { RETRY_DEFAULTS } from './defaults.js';
import { ConfigError, HttpError, NetworkError, AbortError, type RtcApiError } from './errors.js';
import { abortableDelay, checkDuration } from './timer.js';

export interface RetryInfo {
  readonly operationId: string;
  /** The attempt that just failed, from 1. */
  readonly attempt: number;
  /** How long the client waits before the next attempt. */
  readonly delayMs: number;
  readonly error: RtcApiError;
}

export interface RetryOptions {
  /** Most attempts in total, the first included (default: `DEFAULTS.retry.maxAttempts`; at most 10). Every duration below is at most 2^31-1 ms. */
  maxAttempts?: number;
  /** No retry starts later than this many ms after the first attempt began (default: `DEFAULTS.retry.maxElapsedMs`). */
  maxElapsedMs?: number;
  /** Backoff before the first retry (default: `DEFAULTS.retry.baseDelayMs`); doubles each retry, with jitter. */
  baseDelayMs?: number;
  /** Largest backoff (default: `DEFAULTS.retry.maxDelayMs`). A server's Retry-After is honoured as given, unless waiting would pass maxElapsedMs (then the error is thrown at once). */
  maxDelayMs?: number;
  /** Called before each wait, e.g. for logging (the error is already scrubbed of secrets). */
  onRetry?: (info: RetryInfo) => void;
  /** Random source in [0, 1) for jitter (injectable for tests). */
  random?: () => number;
  /** Waits `ms`, rejecting when `signal` aborts (injectable for tests or custom schedulers). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What the `retry` option takes: build one with `retryPolicy()`. */
export interface RetryPolicy {
  /** Runs `attempt` until it succeeds, fails unsafely, or the attempt or time budget is spent. */
  run<T>(operationId: string, signal: AbortSignal | undefined, attempt: () => Promise<T>): Promise<T>;
}

interface Resolved {
  readonly maxAttempts: number;
  readonly maxElapsedMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly onRetry?: (info: RetryInfo) => void;
  readonly random: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const MAX_ATTEMPTS_LIMIT = 10;

function duration(value: number | undefined, name: string, fallback: number): number {
  return value === undefined ? fallback : checkDuration(value, `retry.${name}`, { allowZero: true });
}

/**
 * The retry policy for the `retry` option of any client or call:
 * `createSignalWireClient({ …, retry: retryPolicy() })`, or per call
 * `{ retry: retryPolicy({ maxAttempts: 5 }) }` (`retry: false` turns it off).
 * Checks its options now (a ConfigError says what to fix).
 */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const policy = resolveRetry(options);
  return Object.freeze({
    run: <T>(operationId: string, signal: AbortSignal | undefined, attempt: () => Promise<T>) => withRetries(policy, operationId, signal, attempt),
  });
}

/** Checks the options and fills in the defaults. */
export function resolveRetry(option: RetryOptions): Resolved {
  if (typeof option !== 'object' || option === null) throw new ConfigError('retryPolicy takes an options object');
  const o = option;
  const maxAttempts = o.maxAttempts ?? RETRY_DEFAULTS.maxAttempts;
  if (typeof maxAttempts !== 'number' || !Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
    throw new ConfigError(`retry.maxAttempts must be a whole number from 1 to ${MAX_ATTEMPTS_LIMIT}; got ${String(maxAttempts)}`);
  }
  for (const f of ['onRetry', 'random', 'sleep'] as const) checkCallback(o[f], `retry.${f}`);
  return {
    maxAttempts,
    maxElapsedMs: duration(o.maxElapsedMs, 'maxElapsedMs', RETRY_DEFAULTS.maxElapsedMs),
    baseDelayMs: duration(o.baseDelayMs, 'baseDelayMs', RETRY_DEFAULTS.baseDelayMs),
    maxDelayMs: duration(o.maxDelayMs, 'maxDelayMs', RETRY_DEFAULTS.maxDelayMs),
    onRetry: o.onRetry,
    random: o.random ?? Math.random,
    sleep: o.sleep ?? sleep,
  };
}

/** True only when the server cannot have acted on the request. */
function isSafeToRetry(error: unknown): boolean {
  if (error instanceof HttpError) return error.status === 429 || error.status === 503;
  return error instanceof NetworkError && error.beforeSend;
}

/** Exponential backoff with "equal jitter": between half and all of base * 2^(retry-1), capped. */
export function backoffDelay(retry: number, policy: Pick<Resolved, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + policy.random() * (ceiling / 2));
}

/** The retry wait: the shared abortable timer (a long wait is chained, never fired early). */
const sleep = abortableDelay;

/** Runs `attempt` until it succeeds, fails unsafely, or the attempt or time budget is spent. */
async function withRetries<T>(policy: Resolved, operationId: string, signal: AbortSignal | undefined, attempt: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= policy.maxAttempts || !isSafeToRetry(error)) throw error;
      const delayMs = (error instanceof HttpError ? error.retryAfterMs : undefined) ?? backoffDelay(n, policy);
      // Waiting past the budget would only delay the same answer: give up now.
      if (Date.now() - started + delayMs > policy.maxElapsedMs) throw error;
      try {
        policy.onRetry?.({ operationId, attempt: n, delayMs, error: error as RtcApiError });
      } catch {
        // A notification hook: its failure must not replace the request's own outcome.
      }
      try {
        await policy.sleep(delayMs, signal);
      } catch (sleepError) {
        if (signal?.aborted) throw new AbortError(operationId);
        throw sleepError;
      }
    }
  }
}
