// The request body: whether it is required, which media types are accepted,
// and each media type's schema (compared in the request direction).
import { child } from '../../docs/pointer.ts';
import type { OperationRule } from './operation-context.ts';
import type { Obj } from './schema-context.ts';
import { compareContent } from './content.ts';

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
  compareContent(before, after, at, 'request', report);
};
