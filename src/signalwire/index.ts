export { createSignalWireClient, isSignalWireError, type SignalWireClient, type SignalWireOperations } from './client.js';
export { basicAuthorization, spaceBaseUrl, type SignalWireOptions } from './config.js';
export type { ConferenceToken } from '../../generated/types/signalwire-video.js';
export type {
  SubscriberTokenRequest,
  SubscriberTokenResponse,
  RefreshTokenRequest,
  GuestTokenRequest,
  TokenPair,
  ValidationErrors,
  ValidationError,
} from '../../generated/types/signalwire-fabric.js';
export { createClientMiddleware, type ClientMiddlewareOptions } from '../core/transport.js';
export * from '../core/public.js';
