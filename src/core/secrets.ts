// Secrets are scrubbed from anything an error exposes: a hostile or buggy
// server may echo a credential back in its error body.
import { DEFAULTS, SECRET_MIN_LENGTH as MIN_SECRET_LENGTH } from './defaults.js';

export function secretList(values: Iterable<string | undefined>): string[] {
  const list: string[] = [];
  for (const v of values) if (typeof v === 'string' && v.length >= MIN_SECRET_LENGTH) list.push(v);
  // Longest first, so a secret that contains another is replaced whole.
  return list.sort((a, b) => b.length - a.length);
}

/** Returns a copy of `value` with every secret replaced, at any depth. */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') {
    let out: string = value;
    for (const s of secrets) if (out.includes(s)) out = out.split(s).join(DEFAULTS.redacted);
    return out as T;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[scrub(k, secrets)] = scrub(v, secrets);
    return out as T;
  }
  return value;
}
