// Client for your app server's SignalWire token endpoints
// (signalwire-app.yaml). Browser-safe: no Node APIs, and the user's own
// credential comes from a provider called per request.
import type { Client } from 'openapi-fetch';
import { callOperation, type CallOptions } from '../core/call.js';
import { createContext, operationErrorGuard, type TransportOptions } from '../core/client.js';
import { checkBaseUrl } from '../core/config-checks.js';
import { ConfigError } from '../core/errors.js';
import type { SuccessBody } from '../core/types.js';
import { operations as table } from '../../generated/operations.js';
import type { paths, operations, DeviceRequest, GuestRequest } from '../../generated/types/signalwire-app.js';
import type { CredentialProvider } from '../proconf/app-client.js';


export interface SignalWireAppClientOptions extends TransportOptions {
  /** Your application server's origin. In a browser it defaults to the page's origin. */
  baseUrl?: string;
  /** Supplies the user's own credential, sent as `Authorization: Bearer …`. */
  credentials?: CredentialProvider;
}

export interface SignalWireAppClient {
  /** POST /signalwire/tokens/subscriber: a new subscriber token for this device. */
  issueSubscriberToken(body: DeviceRequest, options?: CallOptions): Promise<SuccessBody<operations['issue_subscriber_token']>>;
  /** POST /signalwire/tokens/subscriber/refresh: a fresh token (the server refreshes once for everyone). */
  renewSubscriberToken(body: DeviceRequest, options?: CallOptions): Promise<SuccessBody<operations['renew_subscriber_token']>>;
  /** POST /signalwire/tokens/guest: a guest token for the addresses the server's policy grants. */
  issueGuestToken(body: GuestRequest, options?: CallOptions): Promise<SuccessBody<operations['issue_guest_token']>>;
  readonly raw: Client<paths>;
}

function defaultOrigin(): string {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!origin || origin === 'null') throw new ConfigError('baseUrl is required outside a browser page: the URL of your application server, e.g. https://app.example.net');
  return origin;
}

export function createSignalWireAppClient(options: SignalWireAppClientOptions = {}): SignalWireAppClient {
  if (options.credentials !== undefined && typeof options.credentials !== 'function') {
    throw new ConfigError('credentials must be a function returning the user\'s bearer token (or a promise of it)');
  }
  const provider = options.credentials;
  const baseUrl = checkBaseUrl(options.baseUrl ?? defaultOrigin(), { name: 'baseUrl', sendsCredentials: provider !== undefined });
  const ctx = createContext<paths>({
    ...options,
    baseUrl,
    headers: provider && (async () => {
      const token = await provider();
      return token ? { Authorization: `Bearer ${token}` } : undefined;
    }),
  });
  return Object.freeze({
    issueSubscriberToken: (body, o) => callOperation(ctx, table.issue_subscriber_token, { body }, o) as never,
    renewSubscriberToken: (body, o) => callOperation(ctx, table.renew_subscriber_token, { body }, o) as never,
    issueGuestToken: (body, o) => callOperation(ctx, table.issue_guest_token, { body }, o) as never,
    raw: ctx.client,
  } satisfies SignalWireAppClient);
}

/** Narrows an error to one of these operations' documented HttpErrors, with the typed `{error: {code, message}}` body. */
export const isSignalWireAppError = operationErrorGuard<operations>();
