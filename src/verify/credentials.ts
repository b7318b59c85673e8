// Credentials for verification come from environment variables, so the same
// command checks a mock, your own server, or a real staging space.
import { basicAuthorization } from '../core/credentials.js';
import { ConfigError } from '../core/errors.js';

export type Env = Record<string, string | undefined>;

/** The variables each API reads, for help texts and error messages. */
export const CREDENTIAL_VARIABLES: Readonly<Record<string, string>> = Object.freeze({
  'signalwire-video': 'SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN (HTTP Basic)',
  'signalwire-fabric': 'SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN (HTTP Basic)',
  'proconf-app': 'PROCONF_BEARER (a user credential your app server accepts, sent as Bearer)',
  'proconf-admin': 'PROCONF_ADMIN_HEADERS (optional JSON object of headers, e.g. {"Authorization":"Bearer ..."})',
});

function signalwireBasic(env: Env): Record<string, string> | undefined {
  const project = env.SIGNALWIRE_PROJECT_ID;
  const token = env.SIGNALWIRE_API_TOKEN;
  if (!project || !token) return undefined;
  return { Authorization: basicAuthorization(project, token) };
}

function adminHeaders(env: Env): Record<string, string> | undefined {
  const raw = env.PROCONF_ADMIN_HEADERS;
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  // Never echo the value: it is a credential.
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) {
    throw new ConfigError('PROCONF_ADMIN_HEADERS must be a JSON object of string header values, e.g. {"Authorization":"Bearer ..."}');
  }
  return parsed as Record<string, string>;
}

const READERS: Record<string, (env: Env) => Record<string, string> | undefined> = {
  'signalwire-video': signalwireBasic,
  'signalwire-fabric': signalwireBasic,
  'proconf-app': (env) => (env.PROCONF_BEARER ? { Authorization: `Bearer ${env.PROCONF_BEARER}` } : undefined),
  'proconf-admin': adminHeaders,
};

/** The credential headers for `api` from the environment, or undefined when none are set. */
export function credentialsFromEnv(api: string, env: Env = process.env): Record<string, string> | undefined {
  return READERS[api]?.(env);
}
