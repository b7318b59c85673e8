// Every default the client runtime uses, written down in one place and
// exported from every client entry as `DEFAULTS`. Everything else keeps its
// defaults beside it: the token source's in src/signalwire-app/defaults.ts,
// the handlers', stores' and limiters' in src/server/defaults.ts, each tool's
// in its folder (src/mock/defaults.ts, src/verify/defaults.ts).
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

/**
 * Every client default, as exported: `DEFAULTS.timeoutMs`, `DEFAULTS.retry.maxAttempts`, …
 * Built by pure calls (a spread is not one), so a bundle that does not import it drops it.
 */
export const DEFAULTS = /* @__PURE__ */ Object.freeze(/* @__PURE__ */ Object.assign({}, CLIENT_DEFAULTS, { retry: RETRY_DEFAULTS }));

/** Shorter strings are never scrubbed as secrets: they would redact ordinary words. */
export const SECRET_MIN_LENGTH = 4;
