// What the browser clients (ProCONF app, SignalWire app) share: their options
// and its checks, the bearer credential provider, and the one typed binder
// from a generated table row to a named operation over postJson.
import type { BoundOperation, Row } from './bind.js';
import { checkBaseUrl, checkBytes, checkFetch, checkValidation } from './config-checks.js';
import { DEFAULTS } from './defaults.js';
import { ConfigError } from './errors.js';
import { postJson, type AppCallOptions, type PostContext, type PostOperation } from './post-json.js';
import { checkDuration } from './timer.js';
import type { FetchLike } from './transport.js';
import type { Validation } from './validation-hook.js';

/** Returns the signed-in user's bearer credential, or undefined when there is none. */
export type CredentialProvider = () => string | undefined | null | Promise<string | undefined | null>;

/** Options every browser client accepts. */
export interface AppClientOptions {
  /** Your application server's origin. In a browser it defaults to the page's origin. */
  baseUrl?: string;
  /** Supplies the user's own credential, sent as `Authorization: Bearer …`; runs under the call's timeout and signal. */
  credentials?: CredentialProvider;
  /**
   * The fetch to use (inject for tests, proxies, instrumentation). Defaults to
   * globalThis.fetch at call time. It is called as `fetch(request, { signal })`.
   */
  fetch?: FetchLike | typeof globalThis.fetch;
  /** Per-request timeout in ms (default: DEFAULTS.timeoutMs; at most 2^31-1), the credentials provider and the body included. */
  timeoutMs?: number;
  /** Largest response body accepted, in bytes (default: DEFAULTS.maxResponseBytes). */
  maxResponseBytes?: number;
  /** Opt-in request/response validation, e.g. `proconfValidation()` from `rtc-token-apis/validation`. */
  validation?: Validation;
}

function defaultOrigin(): string {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!origin || origin === 'null')
    throw new ConfigError('baseUrl is required outside a browser page: the URL of your application server, e.g. https://app.example.net');
  return origin;
}

/** Checks the options (a ConfigError says what to fix) and builds the context every call runs in. */
export function appContext(options: AppClientOptions): PostContext {
  const provider = options.credentials;
  if (provider !== undefined && typeof provider !== 'function')
    throw new ConfigError("credentials must be a function returning the user's bearer token (or a promise of it)");
  return {
    baseUrl: checkBaseUrl(options.baseUrl ?? defaultOrigin(), { name: 'baseUrl', sendsCredentials: provider !== undefined }),
    fetch: checkFetch(options.fetch),
    timeoutMs: options.timeoutMs === undefined ? DEFAULTS.timeoutMs : checkDuration(options.timeoutMs, 'timeoutMs'),
    maxResponseBytes: checkBytes(options.maxResponseBytes, 'maxResponseBytes', DEFAULTS.maxResponseBytes),
    headers:
      provider &&
      (async () => {
        const token = await provider();
        return token ? { Authorization: `Bearer ${token}` } : undefined;
      }),
    validation: checkValidation(options.validation),
  };
}

/**
 * `const op = appBinder<operations>(ctx)`, then `op(get_proconf_token)`: the
 * operation id comes from the table row (import rows by name, so a bundle
 * keeps only the rows it uses), the types from `operations`.
 */
export function appBinder<Ops>(ctx: PostContext) {
  return <Id extends keyof Ops & string>(meta: Row<Id, PostOperation>): BoundOperation<Ops, Id, AppCallOptions> =>
    // The signature carries the types; the implementation only forwards.
    (body, options) =>
      postJson(ctx, meta, body, options) as Promise<any>;
}
