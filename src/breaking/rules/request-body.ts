// The request body: whether it is required, which media types are accepted,
// and each media type's schema (compared in the request direction; for a
// webhook or callback, which the API sends, in the response direction).
import { child } from '../../openapi-doc/pointer.js';
import type { Reporter } from '../change.js';
import type { OperationRule } from './operation-context.js';
import type { Obj } from './schema-context.js';
import { compareContent } from './content.js';

export const requestBodyRule: OperationRule = ({ base, head, report }) => {
  const before = base.operation.requestBody as Obj | undefined;
  const after = head.operation.requestBody as Obj | undefined;
  const at = child(head.pointer, 'requestBody');
  if (head.reversed) {
    sentBody(before, after, at, report);
    return;
  }
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

/** A webhook's or callback's body: the API sends it, the consumer reads it (so it is compared as a response). */
function sentBody(before: Obj | undefined, after: Obj | undefined, at: string, report: Reporter): void {
  if (!after) {
    if (before) report.breaking(at, 'request body removed: receivers reading it get none');
    return;
  }
  if (!before) {
    report.info(at, 'request body added');
    return;
  }
  if (before.required && !after.required) report.breaking(child(at, 'required'), 'request body made optional: receivers may get none');
  if (after.required && !before.required) report.info(child(at, 'required'), 'request body now always sent');
  compareContent(before, after, at, 'response', report);
}
