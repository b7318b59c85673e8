// Every default of rtc-token-apis/server, in one place and exported as
// SERVER_DEFAULTS (each group also under its own name): the token handlers,
// the token stores and the rate limiters. What the specs state (token
// lifetimes, body limits) is read from them, never written down here.

/**
 * The token handlers: upstream call timeout, body-read deadline, rate-limiter
 * timeout (ms); guest token lifetime and refresh reuse window (s). The
 * subscriber token lifetime defaults to SignalWire's own (`x-token-lifetimes`
 * in signalwire-fabric.yaml), not to a number here.
 */
export const HANDLER_DEFAULTS = {
  timeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  rateLimitTimeoutMs: 1_000,
  guestLifetimeSeconds: 3600,
  reuseWindowSeconds: 60,
} as const;

/**
 * createMemoryTokenStore: at most `maxEntries` grants (about 1 KB each; past it the least recently
 * used grant is dropped), and expired entries are swept at least every `sweepIntervalMs`.
 */
export const MEMORY_STORE_DEFAULTS = { maxEntries: 10_000, sweepIntervalMs: 60_000 } as const;

/** createRedisTokenStore: a command (or the first connection) that takes longer fails; the prefix of every key. */
export const REDIS_STORE_DEFAULTS = { commandTimeoutMs: 2000, connectTimeoutMs: 2000, keyPrefix: 'rtc-token-apis:signalwire:' } as const;

/**
 * Defaults of the limiters, and of the answer to an upstream 429 (openapi/README.md, row A13): the
 * `Retry-After` passed on when SignalWire or the admin backend sent none (SignalWire's documented
 * window is 10 s), and the most passed on.
 */
export const RATE_LIMIT_DEFAULTS = {
  maxKeys: 100_000,
  commandTimeoutMs: 1000,
  keyPrefix: 'rtc-token-apis:rate:',
  upstreamRetryAfterSeconds: 10,
  maxUpstreamRetryAfterSeconds: 60,
} as const;

/** Every server default, as exported: `SERVER_DEFAULTS.handler.timeoutMs`, `SERVER_DEFAULTS.redisStore.keyPrefix`, … */
export const SERVER_DEFAULTS = /* @__PURE__ */ Object.freeze({
  handler: HANDLER_DEFAULTS,
  memoryStore: MEMORY_STORE_DEFAULTS,
  redisStore: REDIS_STORE_DEFAULTS,
  rateLimit: RATE_LIMIT_DEFAULTS,
});
