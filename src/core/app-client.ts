// What the browser clients (ProCONF app, SignalWire app) add to the one
// client context: the page's origin as the default base URL, and the user's
// bearer credential from a provider called per request.
import { checkBaseUrl } from './config-checks.js';
import { createContext, type ClientOptions } from './client.js';
import type { CallContext } from './call.js';
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

/** Checks the options (a ConfigError says what to fix) and builds the context every call runs in. */
export function appContext(options: AppClientOptions): CallContext {
  const provider = options.credentials;
  if (provider !== undefined && typeof provider !== 'function') throw new ConfigError('credentials must be a function');
  return createContext({
    ...options,
    baseUrl: checkBaseUrl(options.baseUrl ?? defaultOrigin(), { name: 'baseUrl', sendsCredentials: provider !== undefined }),
    headers:
      provider &&
      (async () => {
        const token = await provider();
        return token ? { Authorization: `Bearer ${token}` } : undefined;
      }),
  });
}
