// One readable line per request: method, path, status, operation, time, and
// why (violations, missing credential, chosen scenario). Never headers or
// bodies, so no credential can reach the log: request-controlled text in a
// detail (a quoted Prefer value, an unknown field's name, a "got …" value)
// is replaced before the line is written.
import { loadBundledSpecs } from '../openapi-doc/bundled.js';
/** One mock request as its log line reports it (not the token handlers' RequestLogEntry: another job, other fields). */
export interface MockLogEntry {
  method: string;
  path: string;
  status: number;
  operationId?: string;
  ms: number;
  detail?: string;
}

let declared: Set<string> | undefined;

/** Every property name the bundled specs declare: only these may be named in a log line. */
function declaredNames(): Set<string> {
  if (declared) return declared;
  declared = new Set();
  const work: unknown[] = loadBundledSpecs().map((s) => s.document);
  while (work.length) {
    const node = work.pop();
    if (!node || typeof node !== 'object') continue;
    const props = (node as { properties?: unknown }).properties;
    if (props && typeof props === 'object' && !Array.isArray(props)) for (const k of Object.keys(props)) declared.add(k);
    for (const v of Object.values(node)) if (v && typeof v === 'object') work.push(v);
  }
  return declared;
}

const name = (n: string) => (declaredNames().has(n) ? n : '(an undeclared name, not shown)');

/** Keeps the rule and a declared field path; drops request-controlled text and values. */
function safeDetail(detail: string): string {
  return detail
    .replace(/'([^']*)'/g, (_m, n: string) => `'${name(n)}'`)
    .replace(
      /\bproperty ([A-Za-z0-9_$.-]+)/g,
      (_m, n: string) => `property ${n.split('.').every((p) => declaredNames().has(p) || /^\d+$/.test(p)) ? n : '(an undeclared name, not shown)'}`,
    )
    .replace(/"[^"]*"|`[^`]*`/g, '"…"')
    .replace(/\bgot [^;]*/g, 'got a value that is not shown');
}

/** Most details repeat (`minted for the request`, a scenario's name): each is made safe once. */
const safeDetails = new Map<string, string>();
const SAFE_DETAILS_KEPT = 256;

function safeDetailOnce(detail: string): string {
  let safe = safeDetails.get(detail);
  if (safe === undefined) {
    // Details can quote request text, so the memory stays bounded: it starts over when full.
    if (safeDetails.size >= SAFE_DETAILS_KEPT) safeDetails.clear();
    safeDetails.set(detail, (safe = safeDetail(detail)));
  }
  return safe;
}

export function formatRequestLog(e: MockLogEntry): string {
  const op = e.operationId ? ` ${e.operationId}` : '';
  const detail = e.detail ? ` - ${safeDetailOnce(e.detail)}` : '';
  return `${e.method} ${e.path} -> ${e.status}${op} (${e.ms.toFixed(1)} ms)${detail}`;
}
