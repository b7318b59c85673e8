// Every default the client runtime uses, written down in one place and
// exported from every client entry as `DEFAULTS` (the token source's as
// TOKEN_SOURCE_DEFAULTS from rtc-token-apis/signalwire-app; the server checks
// lifetimes against it). Each tool keeps its own (src/mock/defaults.ts,
// src/verify/defaults.ts); the handler and store defaults below move to
// src/server with its pipeline.
/** What the call path reads: kept apart so a bundle that does not export DEFAULTS carries only these. */
export const CLIENT_DEFAULTS = {
  /** Per-request timeout, covering connect, headers and body (the official Python SDK uses 30 s too). */
  timeoutMs: 30_000,
  /** Largest response body read before giving up: token responses are a few KB. */
  maxResponseBytes: 1024 * 1024,
  /** Response headers that may carry a request id, in the order they are tried. */
  requestIdHeaders: ['x-request-id', 'x-signalwire-request-id', 'request-id'],
  /** What error messages and JSON output show in place of a secret. */
  redacted: '[REDACTED]',
} as const;

/** retryPolicy(): attempts, the total time budget and the backoff range. */
export const RETRY_DEFAULTS = { maxAttempts: 3, maxElapsedMs: 30_000, baseDelayMs: 300, maxDelayMs: 5_000 } as const;

/** Every client default, as exported: `DEFAULTS.timeoutMs`, `DEFAULTS.retry.maxAttempts`, … */
export const DEFAULTS = /* @__PURE__ */ Object.freeze({ ...CLIENT_DEFAULTS, retry: RETRY_DEFAULTS });

/**
 * createSubscriberTokenSource: refresh this many seconds before the token expires; never two
 * refreshes closer than `minRefreshDelayMs`; after a failure (or a token already due on arrival)
 * wait `minRefreshDelayMs` doubled per attempt, up to `maxBackoffMs`, with jitter.
 */
export const TOKEN_SOURCE_DEFAULTS = { refreshMarginSeconds: 300, minRefreshDelayMs: 30_000, maxBackoffMs: 600_000 } as const;

/** Shorter strings are never scrubbed as secrets: they would redact ordinary words. */
export const SECRET_MIN_LENGTH = 4;

/** createProconfTokenHandler: the admin backend call's timeout and the path served. */
export const HANDLER_DEFAULTS = { timeoutMs: 10_000, bodyTimeoutMs: 10_000, path: '/proconfToken' } as const;

/** createSignalWireTokenHandlers: SignalWire call timeout, token lifetimes (s) and the refresh reuse window (s). */
export const SIGNALWIRE_HANDLER_DEFAULTS = { timeoutMs: 10_000, tokenLifetimeSeconds: 7200, guestLifetimeSeconds: 3600, reuseWindowSeconds: 60 } as const;

/** createRedisTokenStore: a command (or the first connection) that takes longer fails; the prefix of every key. */
export const REDIS_STORE_DEFAULTS = { commandTimeoutMs: 2000, connectTimeoutMs: 2000, keyPrefix: 'rtc-token-apis:signalwire:' } as const;

/**
 * createMemoryTokenStore: at most `maxEntries` grants (about 1 KB each; past it the least recently
 * used grant is dropped), and expired entries are swept at least every `sweepIntervalMs`.
 */
export const MEMORY_STORE_DEFAULTS = { maxEntries: 10_000, sweepIntervalMs: 60_000 } as const;
