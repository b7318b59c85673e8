// Compares two versions of every API: operations (paths and webhooks) added
// or removed, then each surviving operation through every operation rule,
// then the document-wide parts (servers, security schemes). The policy sets
// the level of the rules gates disagree on.
import { ChangeLog, sortChanges, withRule, type Change } from './change.js';
import { GateError } from './errors.js';
import type { Api, Side } from './inputs.js';
import { callbacksOf, listOperations, pathTemplate, type OperationRef } from './operations.js';
import { child, pointer } from '../openapi-doc/pointer.js';
import { applyPolicy, type Policy } from './policy.js';
import type { OperationRule } from './rules/operation-context.js';
import { parametersRule } from './rules/parameters.js';
import { requestBodyRule } from './rules/request-body.js';
import { responsesRule } from './rules/responses.js';
import type { Obj } from './rules/schema-context.js';
import { compareSecuritySchemes, securityRule } from './rules/security.js';
import { compareServers, serversRule } from './rules/servers.js';

const OPERATION_RULES: Array<[string, OperationRule]> = [
  ['security', securityRule],
  ['parameters', parametersRule],
  ['request-body', requestBodyRule],
  ['responses', responsesRule],
  ['servers', serversRule],
];

/** What a removed operation costs its clients, by kind. */
function removed(base: OperationRef, headDocument: Obj, headTemplates: Set<string>): [string, string] {
  if (base.kind === 'callback') return [base.pointer, 'callback removed: subscribers no longer get these calls'];
  if (base.kind === 'webhook') {
    const gone = !(base.path in ((headDocument.webhooks ?? {}) as Obj));
    return [
      gone ? pointer('webhooks', base.path) : base.pointer,
      `webhook ${gone ? '' : 'operation '}removed: receivers subscribed to it no longer get these calls`,
    ];
  }
  const gone = !headTemplates.has(pathTemplate(base.path));
  return [gone ? pointer('paths', base.path) : base.pointer, `${gone ? 'path' : 'operation'} removed: clients calling it get 404/405`];
}

function diffOperations(api: string, baseDocument: Obj, headDocument: Obj, log: ChangeLog): void {
  const headTemplates = new Set(Object.keys((headDocument.paths ?? {}) as Obj).map(pathTemplate));
  // Operations, then the callbacks of each matched operation (a work list: callbacks may nest).
  const groups: Array<[OperationRef[], OperationRef[]]> = [[listOperations(baseDocument), listOperations(headDocument)]];
  // A callback's path item may be a `$ref` back to an operation already compared (a cycle): each pair once.
  const compared = new WeakMap<object, Set<object>>();
  while (groups.length) {
    const [baseOps, headOps] = groups.shift()!;
    const before = new Map(baseOps.map((op) => [op.key, op]));
    const after = new Map(headOps.map((op) => [op.key, op]));
    for (const [id, base] of before) {
      const head = after.get(id);
      const report = log.for(api, (head ?? base).label, 'operations');
      if (!head) {
        // A deprecated operation's removal was announced; gates differ on it (level: the policy's).
        report.breaking(...removed(base, headDocument, headTemplates), base.operation.deprecated === true ? 'deprecated-operation-removed' : undefined);
        continue;
      }
      const pairs = compared.get(base.operation) ?? new Set<object>();
      compared.set(base.operation, pairs);
      if (pairs.has(head.operation)) continue;
      pairs.add(head.operation);
      if (head.path !== base.path && head.kind === 'path')
        report.info(pointer('paths', head.path), `path parameters renamed: \`${base.path}\` → \`${head.path}\` (same URL template)`);
      const [was, is] = [base.operation.operationId, head.operation.operationId];
      if (was !== is && was !== undefined)
        report.info(
          child(head.pointer, 'operationId'),
          `operationId ${is === undefined ? `\`${was}\` removed` : `renamed from \`${was}\` to \`${is}\``}: generated clients name the method after it`,
          'operation-id-changed',
        );
      for (const [rule, check] of OPERATION_RULES) {
        // A callback's security is the API's towards the subscriber, not the document's default.
        if (rule === 'security' && head.kind === 'callback') continue;
        check({ base, head, baseDocument, headDocument, report: withRule(report, rule) });
      }
      groups.push([callbacksOf(base), callbacksOf(head)]);
    }
    for (const [id, head] of after)
      if (!before.has(id)) log.for(api, head.label, 'operations').info(head.pointer, `${head.kind === 'path' ? 'operation' : head.kind} added`);
  }
}

/** Every change between two versions of one API's resolved document. */
function diffApi(api: string, baseDocument: Obj, headDocument: Obj): Change[] {
  const log = new ChangeLog();
  diffOperations(api, baseDocument, headDocument, log);
  compareServers(baseDocument, headDocument, log.for(api, '*', 'servers'));
  compareSecuritySchemes(baseDocument, headDocument, log.for(api, '*', 'security-schemes'));
  return log.changes;
}

function diffPair(api: string, base: Api, head: Api): Change[] {
  try {
    return diffApi(api, base.document, head.document);
  } catch (error) {
    // Validation catches bad shapes up front; this names the files if one slipped through.
    if (error instanceof GateError) throw error;
    throw new GateError(`${base.file} → ${head.file}: cannot compare: ${(error as Error).message}`);
  }
}

/** Every change across all APIs, including APIs added or removed, at the levels `policy` gives. */
export function diffApiSets(base: Side, head: Side, policy: Policy = {}): Change[] {
  const log = new ChangeLog();
  const changes: Change[] = [];
  for (const [api, document] of base) {
    const next = head.get(api);
    if (next) changes.push(...diffPair(api, document, next));
    else log.for(api, '*', 'apis').breaking('', 'API removed');
  }
  for (const api of head.keys()) if (!base.has(api)) log.for(api, '*', 'apis').info('', 'API added');
  return sortChanges(applyPolicy([...changes, ...log.changes], policy));
}
