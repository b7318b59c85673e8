// The one media-type check: every place that recognises a JSON body (the
// token handlers, the mock, verify, the breaking-change gate) parses the
// header with the `content-type` package (RFC 7231 grammar) through here, so
// `application/json; charset=utf-8` and `application/problem+json` read the
// same everywhere.
import contentType from 'content-type';

export interface MediaType {
  type: string;
  subtype: string;
  /** `json` for `application/problem+json`. */
  suffix?: string;
}

/**
 * The media type of a header value or an OpenAPI content key, lower-cased.
 * A value the RFC grammar refuses is read as written (OpenAPI keys are not
 * validated) unless `strict`, when it gives `undefined`.
 */
export function parseMediaType(value: string | null | undefined, strict = false): MediaType | undefined {
  if (value == null || value === '') return undefined;
  let essence: string;
  try {
    essence = contentType.parse(value).type;
  } catch {
    if (strict) return undefined;
    essence = value.split(';')[0]!.trim().toLowerCase();
  }
  const [type = '', subtype = ''] = essence.split('/');
  const plus = subtype.lastIndexOf('+');
  return plus > 0 ? { type, subtype, suffix: subtype.slice(plus + 1) } : { type, subtype };
}

/**
 * True for a well-formed `application/json` header (parameters allowed); with
 * `suffix`, also for a structured `+json` type such as `application/problem+json`.
 * A handler accepts only `application/json`: it also forces browsers into a CORS preflight.
 */
export function isJsonMediaType(value: string | null | undefined, options: { suffix?: boolean } = {}): boolean {
  // The header nearly every client sends, answered as the parser would: the
  // token handlers' parse cost about 7 µs a request cold (bench/FINDINGS.md).
  if (value === 'application/json') return true;
  const media = parseMediaType(value, true);
  if (media?.type !== 'application') return false;
  return media.subtype === 'json' || (options.suffix === true && media.suffix === 'json');
}
