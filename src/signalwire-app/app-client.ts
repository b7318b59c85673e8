// Client for your app server's SignalWire token endpoints
// (signalwire-app.yaml). Browser-safe: no Node APIs, and the user's own
// credential comes from a provider called per request. Paths and statuses
// come from the generated operation table, body and response types from the
// generated types.
import { checkBaseUrl } from '../core/config-checks.js';
import { ConfigError, HttpError } from '../core/errors.js';
import type { DocumentedHttpError, SuccessBody } from '../core/types.js';
import { post, type PostOptions } from './post.js';
import { operations as table } from '../../generated/operations.js';
import type { operations, DeviceRequest, GuestRequest } from '../../generated/types/signalwire-app.js';
import type { CredentialProvider } from '../proconf/app-client.js';

type CallOptions = PostOptions;

export interface SignalWireAppClientOptions {
  /** Your application server's origin. In a browser it defaults to the page's origin. */
  baseUrl?: string;
  /** Supplies the user's own credential, sent as `Authorization: Bearer …`. */
  credentials?: CredentialProvider;
  /** The fetch to use (inject for tests). Default: globalThis.fetch at call time. */
  fetch?: (input: Request) => Promise<Response>;
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
}

export interface SignalWireAppClient {
  /** POST /signalwire/tokens/subscriber: a new subscriber token for this device. */
  issueSubscriberToken(body: DeviceRequest, options?: CallOptions): Promise<SuccessBody<operations['issue_subscriber_token']>>;
  /** POST /signalwire/tokens/subscriber/refresh: a fresh token (the server refreshes once for everyone). */
  renewSubscriberToken(body: DeviceRequest, options?: CallOptions): Promise<SuccessBody<operations['renew_subscriber_token']>>;
  /** POST /signalwire/tokens/guest: a guest token for the addresses the server's policy grants. */
  issueGuestToken(body: GuestRequest, options?: CallOptions): Promise<SuccessBody<operations['issue_guest_token']>>;
}

function defaultOrigin(): string {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!origin || origin === 'null')
    throw new ConfigError('baseUrl is required outside a browser page: the URL of your application server, e.g. https://app.example.net');
  return origin;
}

export function createSignalWireAppClient(options: SignalWireAppClientOptions = {}): SignalWireAppClient {
  if (options.credentials !== undefined && typeof options.credentials !== 'function') {
    throw new ConfigError("credentials must be a function returning the user's bearer token (or a promise of it)");
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw new ConfigError('fetch must be a function with the signature of globalThis.fetch');
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) throw new ConfigError(`timeoutMs must be a positive number of milliseconds; got ${String(timeoutMs)}`);
  const ctx = {
    baseUrl: checkBaseUrl(options.baseUrl ?? defaultOrigin(), { name: 'baseUrl', sendsCredentials: options.credentials !== undefined }),
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
    timeoutMs,
    credentials: options.credentials,
  };
  return Object.freeze({
    issueSubscriberToken: (body, o) => post(ctx, table.issue_subscriber_token, body, o) as never,
    renewSubscriberToken: (body, o) => post(ctx, table.renew_subscriber_token, body, o) as never,
    issueGuestToken: (body, o) => post(ctx, table.issue_guest_token, body, o) as never,
  } satisfies SignalWireAppClient);
}

/** Narrows an error to one of these operations' documented HttpErrors, with the typed `{error: {code, message}}` body. */
export function isSignalWireAppError<Id extends keyof operations & string>(
  error: unknown,
  operationId: Id,
): error is DocumentedHttpError<operations[Id]> & HttpError {
  return error instanceof HttpError && error.operationId === operationId && error.documented;
}
