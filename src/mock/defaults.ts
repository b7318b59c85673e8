// The mock's defaults (startMockServer, `rtc-token-apis mock`), exported from
// rtc-token-apis/mock as MOCK_DEFAULTS: where it listens; `--watch` waits this long after the last change.
export const MOCK_DEFAULTS = { host: '127.0.0.1', port: 4010, watchDebounceMs: 150 } as const;
