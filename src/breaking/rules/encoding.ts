// A form body's per-field `encoding` (multipart/form-data,
// application/x-www-form-urlencoded): each field's `contentType`, its part
// headers, and how a urlencoded field is written (`style`, `explode`,
// `allowReserved`, the defaults of a query parameter). The field's bytes
// change even when the body's schema does not.
import { child } from '../../openapi-doc/pointer.js';
import type { Reporter } from '../change.js';
import { acceptsMediaType } from '../media-type.js';
import type { Direction, Obj } from './schema-context.js';
import { compareHeaders } from './headers.js';
import { compareSerialisation } from './serialisation.js';

const FORM = /^(multipart\/|application\/x-www-form-urlencoded\b)/i;
const SERIALISATION = ['style', 'explode', 'allowReserved'];
/** A `contentType` may list several (`image/png, image/jpeg`). */
const typesOf = (value: unknown) => (typeof value === 'string' ? value.split(',').map((t) => t.trim()) : undefined);

const isObject = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);
/** The entries of a map that are objects (lenient reading does not look inside `encoding`). */
const objectsIn = (map: unknown) => new Map(isObject(map) ? Object.entries(map).filter((entry): entry is [string, Obj] => isObject(entry[1])) : []);

export function compareEncoding(media: Obj, next: Obj, mediaType: string, at: string, direction: Direction, report: Reporter): void {
  if (!FORM.test(mediaType)) return;
  const [before, after] = [objectsIn(media.encoding), objectsIn(next.encoding)];
  const urlencoded = /urlencoded/i.test(mediaType);
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const [was, is] = [before.get(name) ?? {}, after.get(name) ?? {}];
    const fieldAt = child(at, 'encoding', name);
    const [sent, read] = direction === 'request' ? [typesOf(was.contentType), typesOf(is.contentType)] : [typesOf(is.contentType), typesOf(was.contentType)];
    // Only when both say: an omitted contentType is a default that depends on the field's schema.
    if (sent && read && !sent.every((s) => read.some((r) => acceptsMediaType(r, s))))
      report.breaking(
        child(fieldAt, 'contentType'),
        `${direction} form field \`${name}\` content type \`${was.contentType}\` now \`${is.contentType}\`: ${direction === 'request' ? 'the server may refuse what clients send' : 'clients may not accept what the server sends'}`,
        'media-type-changed',
      );
    else if (sent && read && was.contentType !== is.contentType)
      report.info(child(fieldAt, 'contentType'), `${direction} form field \`${name}\` content type \`${was.contentType}\` now \`${is.contentType}\``);
    compareHeaders(was, is, fieldAt, direction, report, 'part header');
    // A urlencoded field is written like a query parameter; a multipart one only when it says how.
    if (urlencoded || SERIALISATION.some((key) => key in was || key in is)) {
      const schema = (media.schema as Obj | undefined)?.properties?.[name];
      const field = (encoding: Obj, fieldSchema: unknown) => ({ in: 'query', ...encoding, schema: fieldSchema });
      compareSerialisation(
        field(was, schema),
        field(is, (next.schema as Obj | undefined)?.properties?.[name]),
        fieldAt,
        `${direction === 'request' ? '' : 'response '}form field \`${name}\``,
        report,
      );
    }
  }
}
