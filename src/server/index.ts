// `rtc-token-apis/server`: a ready-made, secure POST /proconfToken for your
// ProCONF application server, plus a Node `http` adapter.
export { createProconfTokenHandler, type ProconfTokenHandler, type ProconfTokenHandlerOptions, type Authorize } from './proconf-token-handler.js';
export { allowRoles, defaultPolicy, DEFAULT_ALLOWED_ROLES, type TokenPolicy, type PolicyDecision } from './policy.js';
export { bearerToken } from './bearer.js';
export { jsonLineLogger, type RequestLogEntry, type RequestLogger, type Outcome } from './request-log.js';
export { toNodeListener, toWebRequest, sendWebResponse, type NodeListener, type WebHandler } from './node-adapter.js';
export type { TokenRequest } from './token-request.js';
export { ConfigError } from '../core/errors.js';
