// The defaults of rtc-token-apis/signalwire-app: the client runtime's
// (core/defaults.ts) plus the token source's, exported as DEFAULTS
// (`DEFAULTS.tokenSource.refreshMarginSeconds`) and, as before, as
// TOKEN_SOURCE_DEFAULTS. The server checks handler lifetimes against them.
import { DEFAULTS as CLIENT } from '../core/defaults.js';

/**
 * createSubscriberTokenSource: refresh this many seconds before the token expires; never two
 * refreshes closer than `minRefreshDelayMs`; after a failure (or a token already due on arrival)
 * wait `minRefreshDelayMs` doubled per attempt, up to `maxBackoffMs`, with jitter.
 */
export const TOKEN_SOURCE_DEFAULTS = { refreshMarginSeconds: 300, minRefreshDelayMs: 30_000, maxBackoffMs: 600_000 } as const;

/** Every default of this entry: the client's (`DEFAULTS.timeoutMs`, …) and `DEFAULTS.tokenSource`. */
export const DEFAULTS = /* @__PURE__ */ Object.freeze(/* @__PURE__ */ Object.assign({}, CLIENT, { tokenSource: TOKEN_SOURCE_DEFAULTS }));
