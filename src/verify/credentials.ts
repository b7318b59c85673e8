// Credentials for verification come from environment variables, so the same
// command checks a mock, your own server, or a real staging space. Which
// variables, and how they become headers, is read from the spec's security
// schemes: every bundled API (and the next one) works from the command line.
import { basicAuthorization } from '../core/credentials.js';
import { loadDocument, type OpenApiDocument } from './spec-document.js';

export type Env = Record<string, string | undefined>;

interface Scheme {
  type?: string;
  scheme?: string;
  in?: string;
  name?: string;
  /** The environment variables that hold this credential (basic: username, password). */
  'x-verify-env'?: string[];
}

/** A security scheme as verify reads it from the environment. */
interface CredentialSource {
  scheme: string;
  /** The variables it reads, in order (basic: username then password). */
  variables: string[];
  /** How the value is sent, for help texts: `HTTP Basic`, `Bearer`, `Authorization header`. */
  sentAs: string;
  headers(values: string[]): Record<string, string>;
}

/** `AppUserBearer` -> `APP_USER_BEARER`: the variable name when the scheme names none (`x-verify-env`). */
function envName(scheme: string): string {
  return scheme
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

function sourceOf(name: string, scheme: Scheme): CredentialSource | undefined {
  const named = Array.isArray(scheme['x-verify-env']) ? scheme['x-verify-env'].map(String) : undefined;
  const kind = `${scheme.type}/${String(scheme.scheme ?? scheme.in).toLowerCase()}`;
  if (kind === 'http/basic') {
    const variables = named ?? [`${envName(name)}_USERNAME`, `${envName(name)}_PASSWORD`];
    return { scheme: name, variables, sentAs: 'HTTP Basic', headers: ([user, password]) => ({ Authorization: basicAuthorization(user!, password!) }) };
  }
  if (kind === 'http/bearer') {
    return { scheme: name, variables: named ?? [envName(name)], sentAs: 'sent as Bearer', headers: ([token]) => ({ Authorization: `Bearer ${token}` }) };
  }
  if (kind === 'apiKey/header' && scheme.name) {
    const header = scheme.name;
    return { scheme: name, variables: named ?? [envName(name)], sentAs: `the ${header} header`, headers: ([value]) => ({ [header]: value! }) };
  }
  return undefined;
}

/** Each operation's security requirements (its own, else the document's). */
function requirements(doc: OpenApiDocument): Record<string, string[]>[][] {
  return Object.values(doc.paths).flatMap((item) =>
    Object.values<any>(item)
      .filter((op) => op && typeof op === 'object' && op.responses)
      .map((op) => (op.security ?? doc.security ?? []) as Record<string, string[]>[]),
  );
}

/** Every security alternative of the document's operations, as lists of sources; `[]` is the anonymous alternative. */
function alternatives(doc: OpenApiDocument): (CredentialSource | undefined)[][] {
  const schemes = (doc.components?.securitySchemes ?? {}) as Record<string, Scheme>;
  const seen = new Map<string, (CredentialSource | undefined)[]>();
  for (const requirement of requirements(doc).flat()) {
    const names = Object.keys(requirement).sort();
    seen.set(
      names.join('+'),
      names.map((n) => (schemes[n] ? sourceOf(n, schemes[n]) : undefined)),
    );
  }
  return [...seen.values()];
}

/** The sources verify can read for this document (schemes it cannot send, e.g. OAuth, are left out). */
function credentialSources(doc: OpenApiDocument): CredentialSource[] {
  const out = new Map<string, CredentialSource>();
  for (const alternative of alternatives(doc)) for (const s of alternative) if (s) out.set(s.scheme, s);
  return [...out.values()];
}

/** For help texts and errors: `SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN (HTTP Basic)`; a bundled API's name or any document. */
export function credentialVariables(apiOrDocument: string | OpenApiDocument): string {
  const doc = typeof apiOrDocument === 'string' ? loadDocument(apiOrDocument) : apiOrDocument;
  const sources = credentialSources(doc);
  if (sources.length === 0) return 'none';
  // Optional only when every operation also takes anonymous calls.
  const anonymous = requirements(doc).every((alts) => alts.length === 0 || alts.some((a) => Object.keys(a).length === 0));
  const text = sources.map((s) => `${s.variables.join(' and ')} (${s.sentAs})`).join(', or ');
  return anonymous ? `${text}, optional` : text;
}

/**
 * The credential headers from the environment: the first security alternative
 * whose variables are all set, or undefined when none is (never echoes a value).
 */
export function credentialsFromDocument(doc: OpenApiDocument, env: Env = process.env): Record<string, string> | undefined {
  for (const alternative of alternatives(doc)) {
    if (alternative.length === 0 || alternative.some((s) => !s)) continue;
    const values = alternative.map((s) => s!.variables.map((v) => env[v]));
    if (values.some((vs) => vs.some((v) => !v))) continue;
    return Object.assign({}, ...alternative.map((s, i) => s!.headers(values[i] as string[])));
  }
  return undefined;
}

/** The credential headers for a bundled `api` from the environment, or undefined when its variables are not set. */
export function credentialsFromEnv(api: string, env: Env = process.env): Record<string, string> | undefined {
  return credentialsFromDocument(loadDocument(api), env);
}
