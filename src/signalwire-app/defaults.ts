// createSubscriberTokenSource's defaults, exported from rtc-token-apis/signalwire-app
// as TOKEN_SOURCE_DEFAULTS: refresh this many seconds before the token expires.
export const TOKEN_SOURCE_DEFAULTS = { refreshMarginSeconds: 300 } as const;
