// The request body: whether it is required, which media types are accepted,
// and each media type's schema (compared in the request direction).
import { child } from '../../docs/pointer.ts';
import type { OperationRule } from './operation-context.ts';
import type { Obj } from './schema-context.ts';
import { compareSchemas } from './schema.ts';

export const requestBodyRule: OperationRule = ({ base, head, report }) => {
  const before = base.operation.requestBody as Obj | undefined;
  const after = head.operation.requestBody as Obj | undefined;
  const at = child(head.pointer, 'requestBody');
  if (!after) {
    if (before) report.info(at, 'request body removed (the server ignores it)');
    return;
  }
  if (!before) {
    if (after.required) report.breaking(at, 'new required request body: existing clients do not send one');
    else report.info(at, 'optional request body added');
    return;
  }
  if (after.required && !before.required) report.breaking(child(at, 'required'), 'request body became required');
  const beforeContent = (before.content ?? {}) as Record<string, Obj>;
  const afterContent = (after.content ?? {}) as Record<string, Obj>;
  for (const [mediaType, media] of Object.entries(beforeContent)) {
    const mediaAt = child(at, 'content', mediaType);
    const next = afterContent[mediaType];
    if (!next) report.breaking(mediaAt, `request media type \`${mediaType}\` no longer accepted`);
    else if (media.schema && next.schema) compareSchemas(media.schema, next.schema, child(mediaAt, 'schema'), 'request', report);
  }
  for (const mediaType of Object.keys(afterContent).filter((m) => !(m in beforeContent))) {
    report.info(child(at, 'content', mediaType), `request media type \`${mediaType}\` accepted`);
  }
};
