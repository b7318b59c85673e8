// Client for the ProCONF admin backend's POST /api/proconf-token. Server-side:
// the admin backend trusts the role it is given. Its auth is undocumented, so
// each deployment supplies its own headers through a hook.
import type { Client } from 'openapi-fetch';
import { callOperation, type CallOptions, type HeaderProvider } from '../core/call.js';
import { createContext, operationErrorGuard, type TransportOptions } from '../core/client.js';
import { checkBaseUrl } from '../core/config-checks.js';
import { ConfigError } from '../core/errors.js';
import type { SuccessBody } from '../core/types.js';
import { operations as table } from '../../generated/operations.js';
import type { paths, operations, TokenRequest } from '../../generated/types/proconf-admin.js';

export interface ProconfAdminClientOptions extends TransportOptions {
  /** The admin backend's origin, e.g. https://admin.your-company.com (without /api). */
  baseUrl: string;
  /** Headers your deployment's admin backend requires (called per request). */
  headers?: HeaderProvider;
}

export interface ProconfAdminClient {
  /** POST /api/proconf-token: `{ error: null, data: jwt }`. */
  createProconfToken(body: TokenRequest, options?: CallOptions): Promise<SuccessBody<operations['create_proconf_token']>>;
  readonly raw: Client<paths>;
}

export function createProconfAdminClient(options: ProconfAdminClientOptions): ProconfAdminClient {
  if (!options || typeof options.baseUrl !== 'string') throw new ConfigError('baseUrl is required: the admin backend origin, e.g. https://admin.your-company.com');
  if (options.headers !== undefined && typeof options.headers !== 'function') throw new ConfigError('headers must be a function returning a headers object (or a promise of one)');
  const baseUrl = checkBaseUrl(options.baseUrl, { name: 'baseUrl', sendsCredentials: options.headers !== undefined });
  if (/\/api$/.test(baseUrl)) {
    throw new ConfigError('baseUrl must be the admin backend origin without the /api suffix (the client adds /api/proconf-token), e.g. https://admin.your-company.com');
  }
  const ctx = createContext<paths>({ ...options, baseUrl, headers: options.headers });
  return Object.freeze({
    createProconfToken: (body, callOptions) => callOperation(ctx, table.create_proconf_token, { body }, callOptions) as never,
    raw: ctx.client,
  } satisfies ProconfAdminClient);
}

export const isProconfAdminError = operationErrorGuard<operations>();
