// `rtc-token-apis/signalwire-app`: the browser side of your app server's
// SignalWire token endpoints: a typed client and a token source for @signalwire/js.
export { createSignalWireAppClient, isSignalWireAppError, type SignalWireAppClient, type SignalWireAppClientOptions } from './app-client.js';
export type { CredentialProvider } from '../core/app-client.js';
export { createSubscriberTokenSource, type SubscriberTokenSource, type SubscriberTokenSourceOptions, type UpdatableClient } from './token-source.js';
export { deviceFingerprint, type FingerprintStorage } from './fingerprint.js';
export { DEFAULTS, TOKEN_SOURCE_DEFAULTS } from './defaults.js';
export type { TokenGrant, DeviceRequest, GuestRequest, ErrorBody } from '../../generated/types/signalwire-app.js';
export * from '../core/public.js';
