// Secrets are scrubbed from anything an error or report exposes: a hostile or
// buggy server may echo a credential back in its status text, headers or body,
// raw or encoded.
import { DEFAULTS, SECRET_MIN_LENGTH as MIN_SECRET_LENGTH } from './defaults.js';

/**
 * The forms a server plausibly echoes a secret in: raw, URL-encoded (both
 * `%20` and form `+` spaces), JSON-escaped, and HTML-escaped.
 */
function encodedForms(value: string): string[] {
  const forms = [value];
  try {
    const url = encodeURIComponent(value);
    forms.push(url, url.replace(/%20/g, '+'), encodeURI(value));
  } catch {
    // A lone surrogate cannot be URL-encoded, so it cannot be echoed that way either.
  }
  forms.push(JSON.stringify(value).slice(1, -1));
  forms.push(value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
  return forms;
}

export function secretList(values: Iterable<string | undefined>): string[] {
  const set = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string' || v.length < MIN_SECRET_LENGTH) continue;
    for (const form of encodedForms(v)) set.add(form);
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...set].sort((a, b) => b.length - a.length);
}

function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(DEFAULTS.redacted);
  return out;
}

/** Sets a copied key as data: a `__proto__` key must stay a key, not swap the copy's prototype. */
function put(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else (target as Record<string | number, unknown>)[key] = value;
}

/**
 * Returns a copy of `value` with every secret replaced, at any depth. The walk
 * is iterative (a body nested thousands of levels deep cannot overflow the
 * stack) and a value seen twice is copied once.
 */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return scrubText(value, secrets) as T;
  if (!value || typeof value !== 'object') return value;
  const root: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  const copies = new Map<object, Record<string, unknown> | unknown[]>([[value as object, root]]);
  const work: object[] = [value as object];
  const copyOf = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubText(v, secrets);
    if (!v || typeof v !== 'object') return v;
    let copy = copies.get(v);
    if (!copy) {
      copy = Array.isArray(v) ? [] : {};
      copies.set(v, copy);
      work.push(v);
    }
    return copy;
  };
  while (work.length) {
    const source = work.pop()!;
    const target = copies.get(source)!;
    if (Array.isArray(source)) source.forEach((v, i) => put(target, i, copyOf(v)));
    else for (const [k, v] of Object.entries(source)) put(target, scrubText(k, secrets), copyOf(v));
  }
  return root as T;
}

/**
 * Scrubs text that was cut off at a size limit: a secret straddling the cut
 * survives only as a prefix, so any trailing prefix of a secret is a secret too.
 */
export function scrubCutText(text: string, secrets: readonly string[]): string {
  let out = scrubText(text, secrets);
  for (const s of secrets) {
    for (let n = Math.min(s.length - 1, out.length); n > 0; n--) {
      if (out.endsWith(s.slice(0, n))) {
        out = `${out.slice(0, out.length - n)}${DEFAULTS.redacted}`;
        break;
      }
    }
  }
  return out;
}

/** Scrubs, then cuts to `max` characters: never the other way round. */
export function scrubAndCut(text: string, secrets: readonly string[], max: number): string {
  const clean = scrubText(text, secrets);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/**
 * A safe stand-in for an error thrown by application code (a hook, a custom
 * fetch) or by undici: same name, message and stack with every known secret
 * scrubbed, the socket facts (`code`, `errno`, `syscall`) kept, the cause chain
 * copied the same way. Nothing else of the original is reachable from it.
 */
export function scrubError(error: unknown, secrets: readonly string[], depth = 0): Error {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) {
    return new Error(scrubAndCut(String(error), secrets, 200));
  }
  const source = error as Error & { code?: unknown; errno?: unknown; syscall?: unknown };
  const copy = new Error(scrubText(String(source.message ?? ''), secrets));
  const name = typeof source.name === 'string' ? scrubText(source.name, secrets) : 'Error';
  Object.defineProperty(copy, 'name', { value: name, enumerable: false, configurable: true, writable: true });
  copy.stack = typeof source.stack === 'string' ? scrubText(source.stack, secrets) : `${name}: ${copy.message}`;
  for (const key of ['code', 'errno', 'syscall'] as const) {
    const v = source[key];
    if (typeof v === 'string' || typeof v === 'number') (copy as unknown as Record<string, unknown>)[key] = typeof v === 'string' ? scrubText(v, secrets) : v;
  }
  if (source.cause !== undefined && depth < 4) {
    Object.defineProperty(copy, 'cause', { value: scrubError(source.cause, secrets, depth + 1), enumerable: false, configurable: true, writable: true });
  }
  return copy;
}
