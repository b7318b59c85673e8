// Construction-time checks: bad configuration fails before any request,
// with a message that says what to fix (and never echoes a secret).
import { ConfigError } from './errors.js';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function requireNonEmpty(value: unknown, name: string, hint: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(`${name} is required: ${hint}`);
  }
  return value;
}

/**
 * Parses a base URL. With credentials, plain http is allowed only to a
 * loopback host (mocks, local proxies): anything else would send them in clear.
 */
export function checkBaseUrl(value: string, opts: { name: string; sendsCredentials: boolean }): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${opts.name} must be an absolute http(s) URL, e.g. https://host.example`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${opts.name} must use https: (or http: to loopback); got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new ConfigError(`${opts.name} must not contain user:password@`);
  }
  if (url.search || url.hash) {
    throw new ConfigError(`${opts.name} must not have a query or fragment`);
  }
  if (opts.sendsCredentials && url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new ConfigError(`${opts.name} uses plain http: to ${url.hostname}, sending credentials unencrypted`);
  }
  return url.href.replace(/\/+$/, '');
}

export function checkBytes(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || !Number.isSafeInteger(value))
    throw new ConfigError(`${name} must be a positive whole number of bytes; got ${String(value)}`);
  return value;
}

/** A callback option: undefined, or a function; anything else is a ConfigError naming the option. */
export function checkCallback<T>(value: T, name: string): T {
  if (value !== undefined && typeof value !== 'function') throw new ConfigError(`${name} must be a function`);
  return value;
}
