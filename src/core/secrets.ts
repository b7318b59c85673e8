// Secrets are scrubbed from anything an error or report exposes: a hostile or
// buggy server may echo a credential back in its status text, headers or body,
// raw or encoded.
import { CLIENT_DEFAULTS, SECRET_MIN_LENGTH as MIN_SECRET_LENGTH } from './defaults.js';

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
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(CLIENT_DEFAULTS.redacted);
  return out;
}

/**
 * Replaces every secret in `value` at any depth, keys included, IN PLACE, and
 * returns it (a string comes back scrubbed). For JSON data the caller owns
 * (what JSON.parse returns, reports built from it): the walk is iterative
 * with one stack of pending containers and copies nothing, so an error body
 * nested 500,000 levels deep costs no more memory than the same body as a
 * success. Only changed entries are written.
 */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return scrubText(value, secrets) as T;
  const work: unknown[] = [value];
  const visit = (container: Record<string, unknown>, key: string) => {
    const v = container[key];
    if (typeof v === 'string') {
      const clean = scrubText(v, secrets);
      if (clean !== v) container[key] = clean;
    } else if (v && typeof v === 'object') work.push(v);
  };
  while (work.length) {
    const node = work.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) visit(node as unknown as Record<string, unknown>, i as unknown as string);
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      visit(record, key);
      const clean = scrubText(key, secrets);
      if (clean === key) continue;
      const v = record[key];
      delete record[key];
      // A scrubbed key holds the redaction marker, so it is never `__proto__`: plain assignment is safe.
      record[clean] = v;
    }
  }
  return value;
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
        out = `${out.slice(0, out.length - n)}${CLIENT_DEFAULTS.redacted}`;
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
