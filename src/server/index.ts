// `rtc-token-apis/server`: ready-made, secure token endpoints for your
// application server (ProCONF's POST /proconfToken, SignalWire's subscriber,
// refresh and guest tokens), plus a Node `http` adapter.
// Both families are configurations of one pipeline and share one option vocabulary, one log entry and one outcome type.
export type { TokenHandlerOptions } from './handler-options.js';
export { SERVER_DEFAULTS, HANDLER_DEFAULTS, MEMORY_STORE_DEFAULTS, REDIS_STORE_DEFAULTS, RATE_LIMIT_DEFAULTS } from './defaults.js';
export { createProconfTokenHandler, type ProconfTokenHandler, type ProconfTokenHandlerOptions, type AdminOptions } from './proconf-token-handler.js';
export { REJECTED, type Authorize, type AuthorizeResult } from './hooks.js';
export { allowRoles, defaultPolicy, DEFAULT_ALLOWED_ROLES, type TokenPolicy, type PolicyDecision } from './policy.js';
export { bearerToken } from './bearer.js';
export { jsonLineLogger, type RequestLogEntry, type RequestLogger, type Outcome } from './request-log.js';
export { toNodeListener, toWebRequest, sendWebResponse, type NodeListener, type WebHandler } from './node-adapter.js';
export type { TokenRequest } from './token-request.js';
export { ConfigError } from '../core/errors.js';
// SignalWire Fabric app servers: subscriber, refresh and guest token endpoints (signalwire-app.yaml).
export {
  createSignalWireTokenHandlers,
  type SignalWireTokenHandlersOptions,
  type SubscriberProfile,
  type SignalWireTokenLogEntry,
  type SignalWireTokenLogger,
  type SignalWireTokenOutcome,
  type HandlerLifetimes,
} from './signalwire-token-handlers.js';
export { allowGuestAddresses, refuseGuests, type GuestPolicy, type GuestDecision } from './guest-policy.js';
export {
  createMemoryTokenStore,
  signalWireStoreKey,
  type MemoryTokenStoreOptions,
  type StoreTenant,
  type TokenStore,
  type StoredGrant,
  type StoreEntry,
} from './token-store.js';
export { checkRefreshTimings } from './refresh-coordinator.js';
export { createRedisTokenStore, type RedisTokenStore, type RedisTokenStoreOptions, type RedisCommands } from './redis-token-store.js';
export { TokenStoreError } from './store-errors.js';
export { MissingDependencyError } from '../tools/peers.js';
export type { TokenGrant, ErrorBody as SignalWireAppErrorBody } from '../../generated/types/signalwire-app.js';
// Rate limits for the token endpoints (GCRA): one process's memory, or Redis shared by several instances.
export {
  createMemoryRateLimiter,
  RateLimiterError,
  type RateLimiter,
  type RateLimitDecision,
  type RateLimitOptions,
  type MemoryRateLimiterOptions,
  type MemoryRateLimiter,
} from './rate-limit.js';
export { createRedisRateLimiter, type RedisRateLimiterOptions } from './rate-limit-redis.js';
