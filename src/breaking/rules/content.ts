// The media types of a request body or response, and each one's schema.
// Each old media type is paired with its structured counterpart (see
// media-type.ts); losing one breaks either side, gaining one breaks neither,
// and a pair the reader does not take (another type of the same family, a
// range wider than before) breaks under the `media-type-changed` rule.
// A schema that appears or disappears is compared with `true` (anything).
// A form body's per-field `encoding` is encoding.ts'.
import { acceptsMediaType, findMediaType } from '../media-type.js';
import { child } from '../../openapi-doc/pointer.js';
import type { Reporter } from '../change.js';
import type { Direction, Obj } from './schema-context.js';
import { compareEncoding } from './encoding.js';
import { compareSchemas } from './schema.js';

const BYTES = new Set(['type', 'format', 'contentMediaType', 'description', 'title', 'example', 'examples']);
/**
 * A body schema that only says "bytes" (3.0 `{type: string, format: binary}`, or `contentMediaType` in
 * 3.1) is what 3.1 writes by omitting the schema: the media type already names the content; both are anything.
 */
const bodySchema = (schema: unknown, mediaType: string) => {
  // A JSON body's schema describes the JSON value (a string of text), not the bytes.
  if (schema === null || typeof schema !== 'object' || /json/i.test(mediaType)) return schema;
  const s = schema as Obj;
  const bytes = s.type === 'string' && (s.format === 'binary' || typeof s.contentMediaType === 'string') && Object.keys(s).every((key) => BYTES.has(key));
  return bytes ? undefined : schema;
};

export function compareContent(before: Obj, after: Obj, at: string, direction: Direction, report: Reporter): void {
  const beforeContent = (before.content ?? {}) as Record<string, Obj>;
  const afterContent = (after.content ?? {}) as Record<string, Obj>;
  const matched = new Set<string>();
  for (const [mediaType, media] of Object.entries(beforeContent)) {
    const nextType = findMediaType(mediaType, Object.keys(afterContent));
    if (nextType === undefined) {
      report.breaking(child(at, 'content', mediaType), `${direction} media type \`${mediaType}\` removed`);
      continue;
    }
    matched.add(nextType);
    const mediaAt = child(at, 'content', nextType);
    if (nextType !== mediaType) {
      // In a request the server must take what clients send (the old type); in a response clients must take what the server sends (the new one).
      const [reader, sent] = direction === 'request' ? [nextType, mediaType] : [mediaType, nextType];
      const what = `${direction} media type \`${mediaType}\` now \`${nextType}\``;
      if (acceptsMediaType(reader, sent)) report.info(mediaAt, what);
      else
        report.breaking(
          mediaAt,
          `${what}: ${direction === 'request' ? 'the server may refuse what clients send' : 'clients may not accept what the server sends'}`,
          'media-type-changed',
        );
    }
    const next = afterContent[nextType]!;
    const [was, is] = [bodySchema(media.schema, mediaType), bodySchema(next.schema, nextType)];
    if (was !== undefined || is !== undefined) compareSchemas(was, is, child(mediaAt, 'schema'), direction, report);
    compareEncoding(media, next, nextType, mediaAt, direction, report);
  }
  for (const mediaType of Object.keys(afterContent).filter((m) => !matched.has(m) && !(m in beforeContent))) {
    report.info(child(at, 'content', mediaType), `${direction} media type \`${mediaType}\` added`);
  }
}
