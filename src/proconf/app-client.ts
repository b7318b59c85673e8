// Client for the application server's POST /proconfToken. Browser-safe: no
// Node APIs, and the user's credential comes from a provider called per request.
import type { Client } from 'openapi-fetch';
import { callOperation, type CallOptions } from '../core/call.js';
import { createContext, operationErrorGuard, type TransportOptions } from '../core/client.js';
import { checkBaseUrl } from '../core/config-checks.js';
import { ConfigError } from '../core/errors.js';
import type { SuccessBody } from '../core/types.js';
import { operations as table } from '../../generated/operations.js';
import type { paths, operations, TokenRequest } from '../../generated/types/proconf-app.js';

/** Returns the signed-in user's bearer credential, or undefined when there is none. */
export type CredentialProvider = () => string | undefined | null | Promise<string | undefined | null>;

export interface ProconfAppClientOptions extends TransportOptions {
  /** Your application server's origin. In a browser it defaults to the page's origin. */
  baseUrl?: string;
  /** Supplies the user's own credential, sent as `Authorization: Bearer …`. */
  credentials?: CredentialProvider;
}

export interface ProconfAppClient {
  /** POST /proconfToken: `{ error: null, data: jwt }`. */
  getProconfToken(body: TokenRequest, options?: CallOptions): Promise<SuccessBody<operations['get_proconf_token']>>;
  readonly raw: Client<paths>;
}

function defaultOrigin(): string {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!origin || origin === 'null') throw new ConfigError('baseUrl is required outside a browser page: the URL of your application server, e.g. https://app.example.net');
  return origin;
}

export function createProconfAppClient(options: ProconfAppClientOptions = {}): ProconfAppClient {
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
    getProconfToken: (body, callOptions) => callOperation(ctx, table.get_proconf_token, { body }, callOptions) as never,
    raw: ctx.client,
  } satisfies ProconfAppClient);
}

export const isProconfAppError = operationErrorGuard<operations>();
