// How a parameter or header value is written on the wire (OpenAPI
// `style`, `explode`, `allowReserved`, `allowEmptyValue`). The same value
// serialised another way is different bytes, so the other side misreads it.
// Defaults are the specification's: `form` for query and cookie, `simple`
// for path and header; `explode` defaults to true only for `form`.
import { child } from '../../openapi-doc/pointer.js';
import type { Reporter } from '../change.js';
import { normalize } from './schema-normalize.js';
import type { Obj } from './schema-context.js';

const styleOf = (p: Obj) => (typeof p.style === 'string' ? p.style : p.in === 'query' || p.in === 'cookie' ? 'form' : 'simple');
const explodeOf = (p: Obj) => (typeof p.explode === 'boolean' ? p.explode : styleOf(p) === 'form');

/** `explode` only changes the bytes of arrays and objects (or a schema that does not say). */
function structured(p: Obj): boolean {
  const type = normalize(p.schema).type;
  const types = Array.isArray(type) ? type : type === undefined ? ['array'] : [type];
  return types.some((t) => t === 'array' || t === 'object');
}

/** The one media type of a `content` parameter or header (OpenAPI allows exactly one). */
const mediaTypeOf = (p: Obj) => Object.keys(p.content as Obj)[0] ?? '';

/**
 * One side serialised by `style`, the other by a media type (`schema` ↔ `content`). A primitive as
 * `text/plain` is the same bytes as `simple`/`form`; anything else (JSON, an object, an array) is not.
 */
function compareSchemaWithContent(before: Obj, after: Obj, at: string, what: string, report: Reporter): void {
  const [styled, typed] = before.content ? [after, before] : [before, after];
  const mediaType = mediaTypeOf(typed);
  const schema = (typed.content as Record<string, Obj | undefined>)[mediaType]?.schema;
  if (/^text\/plain\b/i.test(mediaType) && !structured(styled) && !structured({ schema })) return;
  const [was, is] = before.content ? [`\`${mediaType}\``, `style \`${styleOf(after)}\``] : [`style \`${styleOf(before)}\``, `\`${mediaType}\``];
  report.breaking(
    child(at, after.content ? 'content' : 'schema'),
    `${what} now written as ${is} instead of ${was}: the value is written differently on the wire`,
    'serialisation-style',
  );
}

/** `what` is `query parameter \`id\`` or `response header \`X-Rate\``; parameters are requests, headers of responses are responses. */
export function compareSerialisation(before: Obj, after: Obj, at: string, what: string, report: Reporter): void {
  // A `content` parameter is serialised by its media type, not by style: moving between the two rewrites the value.
  if (before.content || after.content) {
    if (!before.content !== !after.content) compareSchemaWithContent(before, after, at, what, report);
    return;
  }
  const [was, is] = [styleOf(before), styleOf(after)];
  if (was !== is)
    report.breaking(
      child(at, 'style'),
      `${what} style changed from \`${was}\` to \`${is}\`: the value is written differently on the wire`,
      'serialisation-style',
    );
  else if (explodeOf(before) !== explodeOf(after) && (structured(before) || structured(after)))
    report.breaking(
      child(at, 'explode'),
      `${what} explode changed from \`${explodeOf(before)}\` to \`${explodeOf(after)}\`: arrays and objects are written differently on the wire`,
      'serialisation-explode',
    );
  const request = !what.startsWith('response');
  for (const [key, loosens] of [
    ['allowReserved', 'reserved characters (`/?#[]@!$&...`) unencoded'],
    ['allowEmptyValue', 'an empty value'],
  ] as const) {
    const [had, has] = [before[key] === true, after[key] === true];
    if (had === has) continue;
    const change = `${what} ${key} ${has ? 'added' : 'dropped'}`;
    if (request && had) report.breaking(child(at, key), `${change}: clients sending ${loosens} are rejected`, `serialisation-${key}`);
    else report.info(child(at, key), change, `serialisation-${key}`);
  }
}
