// Which documented response a request asks for: `Prefer: code=404, example=NAME`
// or, for clients that cannot set headers, `?__code=404&__example=NAME` (the
// names Prism's own CLI uses). A header value wins over the query parameter.
import type { IHttpOperation } from '@stoplight/types';

export interface Scenario {
  code?: number;
  example?: string;
}

/** The query parameters that select a scenario; stripped before validation. */
export const SCENARIO_QUERY = { code: '__code', example: '__example' } as const;

/** A scenario the operation does not document; answered as a mock usage error. */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** Parses `code=404, example=expired; foo=bar` (RFC 7240 separators, optional quotes). */
export function parsePrefer(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(/[,;]/)) {
    const [key, ...rest] = part.split('=');
    const name = key?.trim().toLowerCase();
    if (name && rest.length)
      out[name] = rest
        .join('=')
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return out;
}

/** Reads the requested scenario; throws ScenarioError for a malformed code. */
export function readScenario(prefer: string | undefined, query: Record<string, string | string[]>): Scenario {
  const fromHeader = parsePrefer(prefer);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const code = fromHeader.code ?? first(query[SCENARIO_QUERY.code]);
  const example = fromHeader.example ?? first(query[SCENARIO_QUERY.example]);
  if (code !== undefined && !/^\d{3}$/.test(code)) throw new ScenarioError(`code must be a 3-digit HTTP status; got "${code}"`);
  return { ...(code !== undefined && { code: Number(code) }), ...(example && { example }) };
}

/** Every documented status with its named examples, e.g. `401: unauthorized, expired_credential`. */
function describeScenarios(operation: IHttpOperation): string {
  return operation.responses.map((r) => `${r.code}${examplesOf(operation, r.code).length ? ` (${examplesOf(operation, r.code).join(', ')})` : ''}`).join(', ');
}

function examplesOf(operation: IHttpOperation, code: string): string[] {
  const response = operation.responses.find((r) => r.code === code);
  return (response?.contents ?? []).flatMap((c) => (c.examples ?? []).map((e) => e.key));
}

/** Scenarios already checked, per operation: a request that names one (or pairs with one) is not checked again. */
const resolved = new WeakMap<IHttpOperation, Map<string, Scenario>>();

/**
 * Checks the scenario against what the operation documents. An example alone
 * is enough: its status is the one response that holds an example of that name.
 * @internal
 */
export function resolveScenario(operation: IHttpOperation, scenario: Scenario): Scenario {
  const { code, example } = scenario;
  if (example === undefined && code === undefined) return scenario;
  // Only documented scenarios are remembered, so the cache is bounded by the spec.
  const key = `${code ?? ''} ${example ?? ''}`;
  let known = resolved.get(operation);
  const hit = known?.get(key);
  if (hit) return hit;
  const checked = check(operation, scenario);
  if (!known) resolved.set(operation, (known = new Map()));
  known.set(key, checked);
  return checked;
}

function check(operation: IHttpOperation, scenario: Scenario): Scenario {
  const { code, example } = scenario;
  const available = () => `${operation.iid} documents: ${describeScenarios(operation)}`;
  if (code !== undefined && !operation.responses.some((r) => r.code === String(code))) {
    throw new ScenarioError(`status ${code} is not documented; ${available()}`);
  }
  if (example === undefined) return scenario;
  const holders = operation.responses.filter((r) => examplesOf(operation, r.code).includes(example) && (code === undefined || r.code === String(code)));
  if (holders.length === 0) throw new ScenarioError(`no example named "${example}"${code ? ` under status ${code}` : ''}; ${available()}`);
  return { code: Number(holders[0]!.code), example };
}
