// The rate-limit stage's contract: the token pipeline asks a limiter once per
// request that passed validation, keyed by caller (or client address for an
// anonymous guest), before any policy or upstream work is done.

export interface RateLimitDecision {
  allowed: boolean;
  /** whole seconds until a retry can succeed; 0 when allowed */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  consume(key: string): Promise<RateLimitDecision>;
}
