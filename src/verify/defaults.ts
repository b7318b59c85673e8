// verifyApi's defaults, exported from rtc-token-apis/verify as VERIFY_DEFAULTS:
// per-request timeout, requests in flight, largest response body read.
export const VERIFY_DEFAULTS = { timeoutMs: 10_000, concurrency: 4, maxResponseBytes: 1_048_576 } as const;
