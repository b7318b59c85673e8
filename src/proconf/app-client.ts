// Client for the application server's POST /proconfToken. Browser-safe: no
// Node APIs, and the user's credential comes from a provider called per
// request. Like every client it runs on the one call path (src/core/call.ts):
// plain fetch, no openapi-fetch, so it bundles small.
import { appContext, type AppClientOptions } from '../core/app-client.js';
import { operationBinder } from '../core/bind.js';
import { operationErrorGuard } from '../core/operation-error.js';
import { get_proconf_token } from '../../generated/operations.js';
import type { operations } from '../../generated/types/proconf-app.js';

export type { CredentialProvider } from '../core/app-client.js';

export interface ProconfAppClientOptions extends AppClientOptions {}

function bind(options: ProconfAppClientOptions) {
  const op = operationBinder<operations>(appContext(options));
  return {
    /** POST /proconfToken: `{ error: null, data: jwt }`. */
    getProconfToken: op(get_proconf_token),
  };
}

export interface ProconfAppClient extends ReturnType<typeof bind> {
  /** A new client with these options merged over this one's; this one is unchanged. */
  defaults(overrides: Partial<ProconfAppClientOptions>): ProconfAppClient;
}

export function createProconfAppClient(options: ProconfAppClientOptions = {}): ProconfAppClient {
  // A copy: changing the caller's object later changes neither this client nor its defaults().
  const own = { ...options };
  return Object.freeze({ ...bind(own), defaults: (overrides: Partial<ProconfAppClientOptions>) => createProconfAppClient({ ...own, ...overrides }) });
}

/** Alias of `isOperationError` for this client's operations. */
export const isProconfAppError = /* @__PURE__ */ operationErrorGuard<operations>();
