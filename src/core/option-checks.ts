// Checks of the client options that take a hook (fetch, retry, validation).
// Apart from config-checks.ts because they name the hooks' types, and the
// files defining those types import config-checks.ts: together they would
// import each other.
import { checkCallback } from './config-checks.js';
import { ConfigError } from './errors.js';
import type { RetryPolicy } from './retry.js';
import type { FetchLike } from './transport.js';
import type { Validation } from './validation-hook.js';

export function checkValidation(value: Validation | undefined): Validation | undefined {
  const hooks = value && typeof value === 'object' ? [value.request, value.response] : [0];
  if (value !== undefined && hooks.some((f) => f !== undefined && typeof f !== 'function'))
    throw new ConfigError('validation must come from rtc-token-apis/validation');
  return value;
}

/** The retry option: a policy from retryPolicy(), or false/undefined for none. */
export function checkRetry(value: RetryPolicy | false | undefined): RetryPolicy | undefined {
  if (value === undefined || value === false) return undefined;
  if (typeof value?.run !== 'function') throw new ConfigError('retry takes retryPolicy() or false');
  return value;
}

/** The fetch option: a function, or globalThis.fetch looked up at call time (so a page can patch it later). */
export function checkFetch(value: unknown): FetchLike {
  return (checkCallback(value, 'fetch') as FetchLike | undefined) ?? ((request, init) => globalThis.fetch(request, init));
}
