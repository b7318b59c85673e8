// Client for the application server's POST /proconfToken. Browser-safe: no
// Node APIs, and the user's credential comes from a provider called per request.
import type { Client } from 'openapi-fetch';
import { operationBinder } from '../core/bind.js';
import { createContext, operationErrorGuard, type ClientOptions } from '../core/client.js';
import { copyMiddleware, rawClient, type RawMiddleware } from '../core/raw.js';
import { checkBaseUrl } from '../core/config-checks.js';
import { ConfigError } from '../core/errors.js';
import * as table from '../../generated/operations.js';
import type { paths, operations } from '../../generated/types/proconf-app.js';

/** Returns the signed-in user's bearer credential, or undefined when there is none. */
export type CredentialProvider = () => string | undefined | null | Promise<string | undefined | null>;

export interface ProconfAppClientOptions extends ClientOptions {
  /** Your application server's origin. In a browser it defaults to the page's origin. */
  baseUrl?: string;
  /** Supplies the user's own credential, sent as `Authorization: Bearer …`. */
  credentials?: CredentialProvider;
}

function bind(ctx: ReturnType<typeof createContext>) {
  return {
    /** POST /proconfToken: `{ error: null, data: jwt }`. */
    getProconfToken: operationBinder<operations>(ctx)(table.get_proconf_token),
  };
}

export interface ProconfAppClient extends ReturnType<typeof bind> {
  /** The openapi-fetch client for `{ data, error }` style calls (no credential provider). */
  readonly raw: Client<paths>;
  /** A new client with these options merged over this one's (raw middleware included); this one is unchanged. */
  defaults(overrides: Partial<ProconfAppClientOptions>): ProconfAppClient;
}

function defaultOrigin(): string {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!origin || origin === 'null')
    throw new ConfigError('baseUrl is required outside a browser page: the URL of your application server, e.g. https://app.example.net');
  return origin;
}

function build(options: ProconfAppClientOptions, middleware: RawMiddleware): ProconfAppClient {
  if (options.credentials !== undefined && typeof options.credentials !== 'function') {
    throw new ConfigError("credentials must be a function returning the user's bearer token (or a promise of it)");
  }
  const provider = options.credentials;
  const baseUrl = checkBaseUrl(options.baseUrl ?? defaultOrigin(), { name: 'baseUrl', sendsCredentials: provider !== undefined });
  const ctx = createContext<paths>({
    ...options,
    baseUrl,
    headers:
      provider &&
      (async () => {
        const token = await provider();
        return token ? { Authorization: `Bearer ${token}` } : undefined;
      }),
  });
  return Object.freeze({
    ...bind(ctx),
    raw: rawClient<paths>(ctx, { baseUrl }, 'app', middleware),
    defaults: (overrides: Partial<ProconfAppClientOptions>) => build({ ...options, ...overrides }, copyMiddleware(middleware)),
  });
}

export function createProconfAppClient(options: ProconfAppClientOptions = {}): ProconfAppClient {
  return build(options, new Map());
}

/** Alias of `isOperationError` for this client's operations. */
export const isProconfAppError = operationErrorGuard<operations>();
