// What the browser clients (ProCONF app, SignalWire app) add to the one
// client context: the page's origin as the default base URL, the user's
// bearer credential from a provider called per request, and the one way a
// browser client is built (its bound operations plus `defaults()`).
import { checkBaseUrl, checkCallback } from './config-checks.js';
import { createContext, type ClientOptions } from './client.js';
import { operationBinder, type OperationBinder } from './bind.js';
import { ConfigError } from './errors.js';

/** Returns the signed-in user's bearer credential, or undefined when there is none. */
export type CredentialProvider = () => string | undefined | null | Promise<string | undefined | null>;

/** Options every browser client accepts: every client's options, plus where and as whom. */
export interface AppClientOptions extends ClientOptions {
  /** Your application server's origin. In a browser it defaults to the page's origin. */
  baseUrl?: string;
  /** Supplies the user's own credential, sent as `Authorization: Bearer …`; runs under the call's timeout and signal. */
  credentials?: CredentialProvider;
}

function defaultOrigin(): string {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!origin || origin === 'null') throw new ConfigError('baseUrl is required outside a browser page');
  return origin;
}

/** A browser client: the operations its `bind` makes, plus `defaults()`. */
export type AppClient<Ops, O extends AppClientOptions> = Ops & {
  /** A new client with these options merged over this one's; this one is unchanged. */
  defaults(overrides: Partial<O>): AppClient<Ops, O>;
};

/**
 * Builds a browser client: checks the options (a ConfigError says what to
 * fix), binds the operations `bind` makes (each `op(row)` runs on the context),
 * adds `defaults()`, freezes it. The options are copied: changing the
 * caller's object later changes neither this client nor its defaults().
 */
export function buildAppClient<Service, O extends AppClientOptions, Ops extends object>(
  options: O,
  bind: (op: OperationBinder<Service>) => Ops,
): AppClient<Ops, O> {
  const own: O = { ...options };
  const provider = checkCallback(own.credentials, 'credentials');
  const context = createContext({
    ...own,
    baseUrl: checkBaseUrl(own.baseUrl ?? defaultOrigin(), { name: 'baseUrl', sendsCredentials: provider !== undefined }),
    headers:
      provider &&
      (async () => {
        const token = await provider();
        return token ? { Authorization: `Bearer ${token}` } : undefined;
      }),
  });
  return Object.freeze({ ...bind(operationBinder<Service>(context)), defaults: (overrides: Partial<O>) => buildAppClient({ ...own, ...overrides }, bind) });
}
