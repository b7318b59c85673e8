// Client for the ProCONF admin backend's POST /api/proconf-token. Server-side:
// the admin backend trusts the role it is given. Its auth is undocumented, so
// each deployment supplies its own headers through a hook.
import type { Client } from 'openapi-fetch';
import { operationBinder } from '../core/bind.js';
import type { HeaderProvider } from '../core/provider.js';
import { createContext, type ClientOptions } from '../core/client.js';
import { operationErrorGuard } from '../core/operation-error.js';
import { contextMiddleware, copyMiddleware, rawClient, type RawMiddleware } from '../core/raw.js';
import type { CallContext } from '../core/call.js';
import { checkBaseUrl } from '../core/config-checks.js';
import { ConfigError } from '../core/errors.js';
import * as table from '../../generated/operations.js';
import type { paths, operations } from '../../generated/types/proconf-admin.js';

export interface ProconfAdminClientOptions extends ClientOptions {
  /** The admin backend's origin, e.g. https://admin.your-company.com (without /api). */
  baseUrl: string;
  /** Headers your deployment's admin backend requires (called per request). */
  headers?: HeaderProvider;
}

function bind(ctx: CallContext) {
  return {
    /** POST /api/proconf-token: `{ error: null, data: jwt }`. */
    createProconfToken: operationBinder<operations>(ctx)(table.create_proconf_token),
  };
}

export interface ProconfAdminClient extends ReturnType<typeof bind> {
  /** A plain openapi-fetch client for `{ data, error }` style calls, with the package's middleware: the `headers` hook, timeout, size cap, no redirects. */
  readonly raw: Client<paths>;
  /** A new client with these options merged over this one's (raw middleware included); this one is unchanged. */
  defaults(overrides: Partial<ProconfAdminClientOptions>): ProconfAdminClient;
}

function build(options: ProconfAdminClientOptions, middleware: RawMiddleware): ProconfAdminClient {
  if (!options || typeof options.baseUrl !== 'string')
    throw new ConfigError('baseUrl is required: the admin backend origin, e.g. https://admin.your-company.com');
  if (options.headers !== undefined && typeof options.headers !== 'function')
    throw new ConfigError('headers must be a function returning a headers object (or a promise of one)');
  const baseUrl = checkBaseUrl(options.baseUrl, { name: 'baseUrl', sendsCredentials: options.headers !== undefined });
  if (/\/api$/.test(baseUrl)) {
    throw new ConfigError(
      'baseUrl must be the admin backend origin without the /api suffix (the client adds /api/proconf-token), e.g. https://admin.your-company.com',
    );
  }
  const ctx = createContext({ ...options, baseUrl, headers: options.headers });
  return Object.freeze({
    ...bind(ctx),
    raw: rawClient<paths>(ctx, contextMiddleware(ctx), 'admin', middleware),
    defaults: (overrides: Partial<ProconfAdminClientOptions>) => build({ ...options, ...overrides }, copyMiddleware(middleware)),
  });
}

export function createProconfAdminClient(options: ProconfAdminClientOptions): ProconfAdminClient {
  return build(options, new Map());
}

/** Alias of `isOperationError` for this client's operations. */
export const isProconfAdminError = /* @__PURE__ */ operationErrorGuard<operations>();
