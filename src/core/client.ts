// The one client context every service builds on, server and browser: the
// options every client accepts, checked once (a ConfigError says what to
// fix), and what each named call and the raw clients run in.
import type { CallContext } from './call.js';
import type { HeaderProvider } from './provider.js';
import { CLIENT_DEFAULTS } from './defaults.js';
import { secretList } from './secrets.js';
import type { RetryPolicy } from './retry.js';
import { checkBytes } from './config-checks.js';
import { checkFetch, checkRetry, checkValidation } from './option-checks.js';
import { checkDuration } from './timer.js';
import type { FetchLike } from './transport.js';
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
   * Per-request timeout in ms (default: `DEFAULTS.timeoutMs`; at most 2^31-1). It covers the
   * credentials provider and the request it authenticates, body included; the
   * `raw` clients get it too.
   */
  timeoutMs?: number;
  /** Largest response body accepted, in bytes (default: `DEFAULTS.maxResponseBytes`); the `raw` clients get it too. */
  maxResponseBytes?: number;
  /** Opt-in retries, only where the server cannot have acted (429, 503, refused connection): `retry: retryPolicy()`. Default off. */
  retry?: RetryPolicy | false;
  /** Opt-in request/response validation, e.g. `signalWireValidation()` from `rtc-token-apis/validation`. */
  validation?: Validation;
}

export interface ContextInit extends ClientOptions {
  baseUrl: string;
  /** Headers fixed for the client's lifetime (static auth, User-Agent), already checked by the caller (checkHeaderValues). */
  staticHeaders?: Record<string, string>;
  /** Headers computed per call (credential providers). */
  headers?: HeaderProvider;
  secrets?: (string | undefined)[];
}

export function createContext(init: ContextInit): CallContext {
  return {
    baseUrl: init.baseUrl,
    fetch: checkFetch(init.fetch),
    staticHeaders: { Accept: 'application/json', ...init.staticHeaders },
    timeoutMs: init.timeoutMs === undefined ? CLIENT_DEFAULTS.timeoutMs : checkDuration(init.timeoutMs, 'timeoutMs'),
    maxResponseBytes: checkBytes(init.maxResponseBytes, 'maxResponseBytes', CLIENT_DEFAULTS.maxResponseBytes),
    secrets: secretList(init.secrets ?? []),
    headers: init.headers,
    retry: checkRetry(init.retry),
    validation: checkValidation(init.validation),
  };
}
