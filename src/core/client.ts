// The client factory every service builds on: one openapi-fetch client over
// the transport, plus the context the named operations run in.
import createClient, { type Client } from 'openapi-fetch';
import type { CallContext } from './call.js';
import type { HeaderProvider } from './provider.js';
import { DEFAULTS } from './defaults.js';
import { ConfigError } from './errors.js';
import { secretList } from './secrets.js';
import { resolveRetry, type RetryOptions } from './retry.js';
import { checkHeaderValues } from './header-check.js';
import { checkBytes, checkFetch, checkValidation } from './config-checks.js';
import { checkDuration } from './timer.js';
import { createTransport, type FetchLike } from './transport.js';
import type { Validation } from './validation-hook.js';

/** Options every client accepts. */
export interface ClientOptions {
  /**
   * The fetch to use (inject for tests, proxies, instrumentation). Defaults to
   * globalThis.fetch at call time. It is called as `fetch(request, { signal })`
   * and must honour that signal, as every fetch does: timeouts and
   * cancellation travel through it.
   */
  fetch?: FetchLike | typeof globalThis.fetch;
  /**
   * Per-request timeout in ms (default: DEFAULTS.timeoutMs; at most 2^31-1). It covers the
   * credentials provider and the request it authenticates, body included; the
   * `raw` clients get it too.
   */
  timeoutMs?: number;
  /** Largest response body accepted, in bytes (default: DEFAULTS.maxResponseBytes); the `raw` clients get it too. */
  maxResponseBytes?: number;
  /** Opt-in retries, only where the server cannot have acted (429, 503, refused connection). Default off. */
  retry?: RetryOptions | boolean;
  /** Opt-in request/response validation, e.g. `signalWireValidation()` from `rtc-token-apis/validation`. */
  validation?: Validation;
}

export interface ContextInit<Paths extends {}> extends ClientOptions {
  baseUrl: string;
  /** Headers fixed for the client's lifetime (static auth, Accept, User-Agent). */
  staticHeaders?: Record<string, string>;
  /** Headers computed per call (credential providers). */
  headers?: HeaderProvider;
  secrets?: (string | undefined)[];
  /** Only for typing the raw client. */
  paths?: Paths;
}

export function createContext<Paths extends {}>(init: ContextInit<Paths>): CallContext & { client: Client<Paths> } {
  const maxResponseBytes = checkBytes(init.maxResponseBytes, 'maxResponseBytes', DEFAULTS.maxResponseBytes);
  const timeoutMs = init.timeoutMs === undefined ? DEFAULTS.timeoutMs : checkDuration(init.timeoutMs, 'timeoutMs');
  const secrets = secretList(init.secrets ?? []);
  if (init.staticHeaders) checkHeaderValues(init.staticHeaders, (issue) => new ConfigError(issue));
  const base = checkFetch(init.fetch);
  const transport = createTransport(base, { maxResponseBytes, timeoutMs, secrets });
  const client = createClient<Paths>({
    baseUrl: init.baseUrl,
    fetch: transport.raw as typeof globalThis.fetch,
    headers: { Accept: 'application/json', ...init.staticHeaders },
    redirect: 'manual',
  });
  return {
    client,
    transport: transport.named,
    rawTransport: transport.raw,
    timeoutMs,
    maxResponseBytes,
    secrets,
    headers: init.headers,
    retry: resolveRetry(init.retry),
    validation: checkValidation(init.validation),
  };
}
