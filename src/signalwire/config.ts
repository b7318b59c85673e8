// SignalWire configuration: space -> base URL, project id + API token -> Basic auth.
import { checkBaseUrl, requireNonEmpty } from '../core/config-checks.js';
import { ConfigError } from '../core/errors.js';
import type { ClientOptions } from '../core/client.js';
import { basicAuthorization, credentialSecrets } from '../core/credentials.js';
import { servers } from '../../generated/operations.js';

export { basicAuthorization };

export interface SignalWireOptions extends ClientOptions {
  /** Your Space name: the `example` in `https://example.signalwire.com`. */
  space?: string;
  /** Project id (the Basic auth username). */
  projectId: string;
  /** API token (the Basic auth password). Never logged or shown in errors. */
  apiToken: string;
  /** Overrides the URL built from `space` (mocks, proxies). http: only to loopback. */
  baseUrl?: string;
  /** Added to the User-Agent header, e.g. `my-app/1.2`. */
  userAgent?: string;
}

/** A DNS label: what a Space name is. Anything else could steer requests elsewhere. */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export function spaceBaseUrl(space: string | undefined): string {
  if (typeof space !== 'string' || !DNS_LABEL.test(space)) {
    const shown = typeof space === 'string' ? JSON.stringify(space.slice(0, 40)) : typeof space;
    throw new ConfigError(
      `space must be your Space name alone, a DNS label of letters, digits and inner hyphens (like "example" for https://example.signalwire.com); got ${shown}`,
    );
  }
  // The spec's server template: one variable, the Space name (both SignalWire APIs share it).
  return servers['signalwire-fabric'].replace(/\{[^}]*\}/, space.toLowerCase());
}

export interface ResolvedSignalWireConfig {
  baseUrl: string;
  authorization: string;
  secrets: string[];
}

export function resolveSignalWireConfig(config: SignalWireOptions): ResolvedSignalWireConfig {
  if (!config || typeof config !== 'object') throw new ConfigError('createSignalWireClient needs an options object: { space, projectId, apiToken }');
  const projectId = requireNonEmpty(config.projectId, 'projectId', "the project id from your SignalWire Space's API page");
  const apiToken = requireNonEmpty(config.apiToken, 'apiToken', "an API token from your SignalWire Space's API page");
  if (projectId.includes(':')) throw new ConfigError('projectId must not contain ":" (it is the Basic auth username)');
  // The space is checked even when baseUrl overrides it: a bad value is a bug either way.
  const fromSpace = config.space !== undefined || config.baseUrl === undefined ? spaceBaseUrl(config.space) : undefined;
  const baseUrl = config.baseUrl !== undefined ? checkBaseUrl(config.baseUrl, { name: 'baseUrl', sendsCredentials: true }) : fromSpace!;
  const authorization = basicAuthorization(projectId, apiToken);
  return { baseUrl, authorization, secrets: [apiToken, ...credentialSecrets(authorization)] };
}
