// Client for the application server's POST /proconfToken. Browser-safe: no
// Node APIs, and the user's credential comes from a provider called per
// request. Like every client it runs on the one call path (src/core/call.ts):
// plain fetch, no openapi-fetch, so it bundles small.
import { buildAppClient, type AppClient, type AppClientOptions } from '../core/app-client.js';
import type { OperationBinder } from '../core/bind.js';
import { operationErrorGuard } from '../core/operation-error.js';
import { get_proconf_token } from '../../generated/operations.js';
import type { operations } from '../../generated/types/proconf-app.js';

export type { CredentialProvider } from '../core/app-client.js';

export interface ProconfAppClientOptions extends AppClientOptions {}

function bind(op: OperationBinder<operations>) {
  return {
    /** POST /proconfToken: `{ error: null, data: jwt }`. */
    getProconfToken: op(get_proconf_token),
  };
}

export interface ProconfAppClient extends AppClient<ReturnType<typeof bind>, ProconfAppClientOptions> {}

export const createProconfAppClient = (options: ProconfAppClientOptions = {}): ProconfAppClient => buildAppClient(options, bind);

/** Alias of `isOperationError` for this client's operations. */
export const isProconfAppError = /* @__PURE__ */ operationErrorGuard<operations>();
