// The SignalWire client: Video and Fabric token operations sharing one Basic
// auth header, each a named, typed function.
import type { Client } from 'openapi-fetch';
import { callOperation, type CallOptions } from '../core/call.js';
import { createContext, operationErrorGuard } from '../core/client.js';
import type { SuccessBody } from '../core/types.js';
import { operations as table } from '../../generated/operations.js';
import type { paths as VideoPaths, operations as VideoOps } from '../../generated/types/signalwire-video.js';
import type {
  paths as FabricPaths,
  operations as FabricOps,
  SubscriberTokenRequest,
  RefreshTokenRequest,
  GuestTokenRequest,
} from '../../generated/types/signalwire-fabric.js';
import { resolveSignalWireConfig, type SignalWireConfig } from './config.js';

export type SignalWireOperations = VideoOps & FabricOps;

const VERSION = '0.1.0';

export interface SignalWireClient {
  /** POST /api/video/conference_tokens/{id}/reset. Not idempotent: the previous token stops working. */
  resetConferenceToken(id: string, options?: CallOptions): Promise<SuccessBody<VideoOps['reset_conference_token']>>;
  /** POST /api/fabric/subscribers/tokens. */
  createSubscriberToken(body: SubscriberTokenRequest, options?: CallOptions): Promise<SuccessBody<FabricOps['create_subscriber_token']>>;
  /** POST /api/fabric/subscribers/tokens/refresh. Each refresh token works once. */
  refreshSubscriberToken(body: RefreshTokenRequest, options?: CallOptions): Promise<SuccessBody<FabricOps['refresh_subscriber_token']>>;
  /** POST /api/fabric/guests/tokens. */
  createSubscriberGuestToken(body: GuestTokenRequest, options?: CallOptions): Promise<SuccessBody<FabricOps['create_subscriber_guest_token']>>;
  /** The openapi-fetch clients, with auth applied, for `{ data, error }` style calls. */
  readonly raw: { readonly video: Client<VideoPaths>; readonly fabric: Client<FabricPaths> };
  /** A new client with these options merged over this one's; this one is unchanged. */
  defaults(overrides: Partial<SignalWireConfig>): SignalWireClient;
}

export function createSignalWireClient(config: SignalWireConfig): SignalWireClient {
  const resolved = resolveSignalWireConfig(config);
  const ctx = createContext<VideoPaths & FabricPaths>({
    ...config,
    baseUrl: resolved.baseUrl,
    staticHeaders: {
      Authorization: resolved.authorization,
      'User-Agent': `rtc-token-apis/${VERSION}${config.userAgent ? ` ${config.userAgent}` : ''}`,
    },
    secrets: resolved.secrets,
  });
  // Secrets live only in closures: the client object holds functions, so
  // logging or inspecting it shows nothing sensitive.
  return Object.freeze({
    resetConferenceToken: (id, options) =>
      callOperation(ctx, table.reset_conference_token, { params: { path: { id } } }, options) as never,
    createSubscriberToken: (body, options) =>
      callOperation(ctx, table.create_subscriber_token, { body }, options) as never,
    refreshSubscriberToken: (body, options) =>
      callOperation(ctx, table.refresh_subscriber_token, { body }, options) as never,
    createSubscriberGuestToken: (body, options) =>
      callOperation(ctx, table.create_subscriber_guest_token, { body }, options) as never,
    raw: Object.freeze({ video: ctx.client as Client<VideoPaths>, fabric: ctx.client as Client<FabricPaths> }),
    defaults: (overrides) => createSignalWireClient({ ...config, ...overrides }),
  } satisfies SignalWireClient);
}

/** Narrows an error to one SignalWire operation's documented HttpErrors, with typed bodies. */
export const isSignalWireError = operationErrorGuard<SignalWireOperations>();
