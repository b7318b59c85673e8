// The request body: whether it is required, which media types are accepted,
// and each media type's schema (compared in the request direction).
import { child } from '../../openapi-doc/pointer.js';
import type { OperationRule } from './operation-context.js';
import type { Obj } from './schema-context.js';
import { compareContent } from './content.js';

export const requestBodyRule: OperationRule = ({ base, head, report }) => {
  const before = base.operation.requestBody as Obj | undefined;
  const after = head.operation.requestBody as Obj | undefined;
  const at = child(head.pointer, 'requestBody');
  if (!after) {
    // Clients keep sending it; the server no longer reads (or may reject) it.
    if (before) report.breaking(at, 'request body removed: what clients send is no longer read, or is rejected');
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
