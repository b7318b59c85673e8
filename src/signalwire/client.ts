// The SignalWire client: Video and Fabric token operations sharing one Basic
// auth header, each bound once from the generated operation table.
import type { Client } from 'openapi-fetch';
import { operationBinder } from '../core/bind.js';
import { createContext } from '../core/client.js';
import { operationErrorGuard } from '../core/operation-error.js';
import { contextMiddleware, copyMiddleware, rawClient, type RawMiddleware } from '../core/raw.js';
import type { CallContext } from '../core/call.js';
import * as table from '../../generated/operations.js';
import type { paths as VideoPaths, operations as VideoOps } from '../../generated/types/signalwire-video.js';
import type { paths as FabricPaths, operations as FabricOps } from '../../generated/types/signalwire-fabric.js';
import { resolveSignalWireConfig, type SignalWireOptions } from './config.js';
import { VERSION } from '../core/version.js';
import { checkHeaderValues } from '../core/header-check.js';
import { ConfigError } from '../core/errors.js';

export type SignalWireOperations = VideoOps & FabricOps;

function bind(ctx: CallContext) {
  const op = operationBinder<SignalWireOperations>(ctx);
  return {
    /** POST /api/video/conference_tokens/{id}/reset. Not idempotent: the previous token stops working. */
    resetConferenceToken: op(table.reset_conference_token, (id: string) => ({ params: { path: { id } } })),
    /** POST /api/fabric/subscribers/tokens. */
    createSubscriberToken: op(table.create_subscriber_token),
    /** POST /api/fabric/subscribers/tokens/refresh. Each refresh token works once. */
    refreshSubscriberToken: op(table.refresh_subscriber_token),
    /** POST /api/fabric/guests/tokens. */
    createSubscriberGuestToken: op(table.create_subscriber_guest_token),
  };
}

export interface SignalWireClient extends ReturnType<typeof bind> {
  /** Plain openapi-fetch clients for `{ data, error }` style calls, with the package's middleware (auth, timeout, size cap, no redirects); each API's is its own. */
  readonly raw: { readonly video: Client<VideoPaths>; readonly fabric: Client<FabricPaths> };
  /** A new client with these options merged over this one's (raw middleware included); this one is unchanged. */
  defaults(overrides: Partial<SignalWireOptions>): SignalWireClient;
}

function build(config: SignalWireOptions, middleware: RawMiddleware): SignalWireClient {
  const resolved = resolveSignalWireConfig(config);
  const staticHeaders = {
    Authorization: resolved.authorization,
    'User-Agent': `rtc-token-apis/${VERSION}${config.userAgent ? ` ${config.userAgent}` : ''}`,
  };
  checkHeaderValues(staticHeaders, (issue) => new ConfigError(issue));
  const ctx = createContext({ ...config, baseUrl: resolved.baseUrl, staticHeaders, secrets: resolved.secrets });
  const policy = contextMiddleware(ctx);
  // Secrets live only in closures: the client object holds functions, so
  // logging or inspecting it shows nothing sensitive.
  return Object.freeze({
    ...bind(ctx),
    raw: Object.freeze({
      video: rawClient<VideoPaths>(ctx, policy, 'video', middleware),
      fabric: rawClient<FabricPaths>(ctx, policy, 'fabric', middleware),
    }),
    defaults: (overrides: Partial<SignalWireOptions>) => build({ ...config, ...overrides }, copyMiddleware(middleware)),
  });
}

export function createSignalWireClient(options: SignalWireOptions): SignalWireClient {
  return build(options, new Map());
}

/** Narrows an error to one SignalWire operation's documented HttpErrors, with typed bodies. Alias of `isOperationError`. */
export const isSignalWireError = /* @__PURE__ */ operationErrorGuard<SignalWireOperations>();
