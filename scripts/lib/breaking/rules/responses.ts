// Responses: documented statuses, their media types, headers and schemas
// (compared in the response direction). Only a removed success status is
// breaking; error statuses come and go as documentation improves.
import { child } from '../../docs/pointer.ts';
import type { Reporter } from '../change.ts';
import type { OperationRule } from './operation-context.ts';
import type { Obj } from './schema-context.ts';
import { compareContent } from './content.ts';
import { compareSchemas } from './schema.ts';

const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

function compareResponse(before: Obj, after: Obj, at: string, report: Reporter): void {
  compareContent(before, after, at, 'response', report);
  const afterHeaders = (after.headers ?? {}) as Record<string, Obj>;
  for (const [name, header] of Object.entries((before.headers ?? {}) as Record<string, Obj>)) {
    const next = afterHeaders[name];
    const headerAt = child(at, 'headers', name);
    if (!next) report.breaking(headerAt, `response header \`${name}\` removed`);
    else if (header.schema && next.schema) compareSchemas(header.schema, next.schema, child(headerAt, 'schema'), 'response', report);
  }
}

export const responsesRule: OperationRule = ({ base, head, report }) => {
  const before = (base.operation.responses ?? {}) as Record<string, Obj>;
  const after = (head.operation.responses ?? {}) as Record<string, Obj>;
  const at = child(head.pointer, 'responses');
  for (const [status, response] of Object.entries(before)) {
    const next = after[status];
    if (next) compareResponse(response, next, child(at, status), report);
    else if (isSuccess(status)) report.breaking(child(at, status), `documented success status ${status} removed: clients expecting it fail`);
    else report.info(child(at, status), `status ${status} no longer documented`);
  }
  for (const status of Object.keys(after).filter((s) => !(s in before))) {
    report.info(child(at, status), `${isSuccess(status) ? 'success' : 'error'} status ${status} documented`);
  }
};
