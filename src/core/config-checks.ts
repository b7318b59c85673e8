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
    throw new ConfigError(`${opts.name} must be an absolute http(s) URL such as https://host.example; got an unparsable value`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${opts.name} must use https: (or http: to a loopback host); got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new ConfigError(`${opts.name} must not contain user:password@; pass credentials in the client options instead`);
  }
  if (url.search || url.hash) {
    throw new ConfigError(`${opts.name} must not contain a query string or fragment`);
  }
  if (opts.sendsCredentials && url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new ConfigError(
      `${opts.name} uses plain http: to ${url.hostname}, which would send credentials unencrypted; use https:, or http: only to localhost/127.0.0.1/[::1]`,
    );
  }
  return url.href.replace(/\/+$/, '');
}
