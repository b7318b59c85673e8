// The media types of a request body or response, and each one's schema.
// Losing a media type breaks either side; gaining one breaks neither.
import { child } from '../../docs/pointer.ts';
import type { Reporter } from '../change.ts';
import type { Direction, Obj } from './schema-context.ts';
import { compareSchemas } from './schema.ts';

export function compareContent(before: Obj, after: Obj, at: string, direction: Direction, report: Reporter): void {
  const beforeContent = (before.content ?? {}) as Record<string, Obj>;
  const afterContent = (after.content ?? {}) as Record<string, Obj>;
  for (const [mediaType, media] of Object.entries(beforeContent)) {
    const mediaAt = child(at, 'content', mediaType);
    const next = afterContent[mediaType];
    if (!next) report.breaking(mediaAt, `${direction} media type \`${mediaType}\` removed`);
    else if (media.schema && next.schema) compareSchemas(media.schema, next.schema, child(mediaAt, 'schema'), direction, report);
  }
  for (const mediaType of Object.keys(afterContent).filter((m) => !(m in beforeContent))) {
    report.info(child(at, 'content', mediaType), `${direction} media type \`${mediaType}\` added`);
  }
}
