// The media types of a request body or response, and each one's schema.
// Each old media type is paired with its structured counterpart (see
// media-type.ts); losing one breaks either side, gaining one breaks neither,
// and a pair the reader does not take (another type of the same family, a
// range wider than before) breaks under the `media-type-changed` rule.
// A schema that appears or disappears is compared with `true` (anything).
import { acceptsMediaType, findMediaType } from '../media-type.js';
import { child } from '../../openapi-doc/pointer.js';
import type { Reporter } from '../change.js';
import type { Direction, Obj } from './schema-context.js';
import { compareSchemas } from './schema.js';

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
    if (media.schema !== undefined || next.schema !== undefined) compareSchemas(media.schema, next.schema, child(mediaAt, 'schema'), direction, report);
  }
  for (const mediaType of Object.keys(afterContent).filter((m) => !matched.has(m) && !(m in beforeContent))) {
    report.info(child(at, 'content', mediaType), `${direction} media type \`${mediaType}\` added`);
  }
}
