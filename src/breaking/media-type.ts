// Structured media-type matching, so `application/json; charset=utf-8`,
// `application/problem+json` and `application/*` find their counterpart
// instead of reading as "removed". Parsing is core/media-type's (the one
// media-type check); only the matching order is ours.
import { parseMediaType as parse, type MediaType } from '../core/media-type.js';

// OpenAPI content keys are compared as written when the grammar refuses them.
const parseMediaType = (value: string): MediaType => parse(value) ?? { type: '', subtype: '' };

const essence = (m: MediaType) => `${m.type}/${m.subtype}`;
/** `application/problem+json` and `application/json` share the family `application/json`. */
const family = (m: MediaType) => `${m.type}/${m.suffix ?? m.subtype}`;
const covers = (range: MediaType, m: MediaType) =>
  range.type === '*' || (range.type === m.type && (range.subtype === '*' || range.subtype === `*+${m.suffix ?? m.subtype}`));

/** Whether a reader of `reader` takes what is sent as `sent`: the same type (parameters aside), or a range covering it. */
export function acceptsMediaType(reader: string, sent: string): boolean {
  const [r, s] = [parseMediaType(reader), parseMediaType(sent)];
  return reader === sent || essence(r) === essence(s) || covers(r, s);
}

/**
 * The key of `candidates` that stands for `wanted`: the same string, the same
 * type ignoring parameters, the same structured-syntax family, then a range
 * (`application/*`, `*\/*`) on either side that covers it.
 */
export function findMediaType(wanted: string, candidates: string[]): string | undefined {
  if (candidates.includes(wanted)) return wanted;
  const w = parseMediaType(wanted);
  const parsed = candidates.map((key) => [key, parseMediaType(key)] as const);
  const tests: Array<(m: MediaType) => boolean> = [(m) => essence(m) === essence(w), (m) => family(m) === family(w), (m) => covers(m, w), (m) => covers(w, m)];
  for (const test of tests) {
    const found = parsed.find(([, m]) => test(m));
    if (found) return found[0];
  }
  return undefined;
}
