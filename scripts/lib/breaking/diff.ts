// Compares two versions of every API: operations added or removed, then each
// surviving operation through every operation rule, then the servers.
import { listOperations, operationLabel, type OperationRef } from '../docs/operations.ts';
import { pointer } from '../docs/pointer.ts';
import { ChangeLog, sortChanges, type Change } from './change.ts';
import type { OperationRule } from './rules/operation-context.ts';
import { parametersRule } from './rules/parameters.ts';
import { requestBodyRule } from './rules/request-body.ts';
import { responsesRule } from './rules/responses.ts';
import type { Obj } from './rules/schema-context.ts';
import { securityRule } from './rules/security.ts';
import { compareServers } from './rules/servers.ts';

export const OPERATION_RULES: OperationRule[] = [securityRule, parametersRule, requestBodyRule, responsesRule];

const key = (op: OperationRef) => `${op.method} ${op.path}`;

function diffOperations(api: string, baseDocument: Obj, headDocument: Obj, log: ChangeLog): void {
  const before = new Map(listOperations(baseDocument).map((op) => [key(op), op]));
  const after = new Map(listOperations(headDocument).map((op) => [key(op), op]));
  const headPaths = (headDocument.paths ?? {}) as Obj;
  for (const [id, base] of before) {
    const report = log.for(api, operationLabel(base));
    const head = after.get(id);
    if (!head) {
      const pathGone = !(base.path in headPaths);
      report.breaking(pathGone ? pointer('paths', base.path) : base.pointer, `${pathGone ? 'path' : 'operation'} removed: clients calling it get 404/405`);
      continue;
    }
    for (const rule of OPERATION_RULES) rule({ base, head, baseDocument, headDocument, report });
  }
  for (const [id, head] of after) {
    if (!before.has(id)) log.for(api, operationLabel(head)).info(head.pointer, 'operation added');
  }
}

/** Every change between two versions of one API's bundled, dereferenced document. */
export function diffApi(api: string, baseDocument: Obj, headDocument: Obj): Change[] {
  const log = new ChangeLog();
  diffOperations(api, baseDocument, headDocument, log);
  compareServers(baseDocument, headDocument, log.for(api, '*'));
  return sortChanges(log.changes);
}

/** Every change across all APIs, including APIs added or removed. */
export function diffApiSets(base: Map<string, Obj>, head: Map<string, Obj>): Change[] {
  const log = new ChangeLog();
  const changes: Change[] = [];
  for (const [api, document] of base) {
    const next = head.get(api);
    if (next) changes.push(...diffApi(api, document, next));
    else log.for(api, '*').breaking('', 'API removed from redocly.yaml');
  }
  for (const api of head.keys()) if (!base.has(api)) log.for(api, '*').info('', 'API added');
  return sortChanges([...changes, ...log.changes]);
}
