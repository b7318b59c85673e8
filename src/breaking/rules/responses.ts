// Responses: documented statuses, their media types, headers and schemas
// (compared in the response direction; for a webhook or callback, whose
// response the consumer writes, in the request direction). Only a removed success status is
// breaking by default; error statuses come and go as documentation improves
// (the `response-error-status-removed` rule: a policy may make it breaking).
import { child } from '../../openapi-doc/pointer.js';
import type { OperationRule } from './operation-context.js';
import type { Obj } from './schema-context.js';
import { compareContent, compareHeaders } from './content.js';

const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

export const responsesRule: OperationRule = ({ base, head, report }) => {
  const before = (base.operation.responses ?? {}) as Record<string, Obj>;
  const after = (head.operation.responses ?? {}) as Record<string, Obj>;
  const at = child(head.pointer, 'responses');
  // A webhook's or callback's response is written by the consumer and read by the API.
  const direction = head.reversed ? 'request' : 'response';
  const compare = (response: Obj, next: Obj, nextStatus: string) => {
    compareContent(response, next, child(at, nextStatus), direction, report);
    compareHeaders(response, next, child(at, nextStatus), direction, report);
  };
  const paired = new Set<string>();
  for (const [status, response] of Object.entries(before)) {
    const next = after[status];
    if (next) {
      compare(response, next, status);
      continue;
    }
    // A code and the range of its class (`200` and `2XX`) describe the same responses: compared, not removed.
    const counterparts = Object.keys(after).filter((other) => !(other in before) && sameClass(status, other));
    if (counterparts.length) {
      for (const other of counterparts) {
        paired.add(other);
        report.info(child(at, other), `status ${status} now documented as ${other}`);
        compare(response, after[other]!, other);
      }
    } else if (isSuccess(status)) report.breaking(child(at, status), `documented success status ${status} removed: clients expecting it fail`);
    else report.info(child(at, status), `error status ${status} no longer documented`, 'response-error-status-removed');
  }
  for (const status of Object.keys(after).filter((s) => !(s in before) && !paired.has(s))) {
    report.info(child(at, status), `${isSuccess(status) ? 'success' : 'error'} status ${status} documented`);
  }
};

/** `200` and `2XX` (either way round): a code and the range that covers it (OpenAPI response ranges). */
function sameClass(a: string, b: string): boolean {
  const range = (s: string) => /^[1-5]XX$/i.test(s);
  const code = (s: string) => /^[1-5]\d\d$/.test(s);
  return a[0] === b[0] && ((code(a) && range(b)) || (range(a) && code(b)));
}
