// Every default the clients use, written down in one place.
export const DEFAULTS = {
  /** Per-request timeout, covering connect, headers and body (the official Python SDK uses 30 s too). */
  timeoutMs: 30_000,
  /** Largest response body read before giving up: token responses are a few KB. */
  maxResponseBytes: 1024 * 1024,
  /** Response headers that may carry a request id, in the order they are tried. */
  requestIdHeaders: ['x-request-id', 'x-signalwire-request-id', 'request-id'],
  /** What error messages and JSON output show in place of a secret. */
  redacted: '[REDACTED]',
} as const;
