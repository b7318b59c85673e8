// Compares two versions of every API: operations (paths and webhooks) added
// or removed, then each surviving operation through every operation rule,
// then the document-wide parts (servers, security schemes). The policy sets
// the level of the rules gates disagree on.
import { ChangeLog, sortChanges, withRule, type Change } from './change.js';
import { GateError } from './errors.js';
import type { Api, Side } from './inputs.js';
import { listOperations, operationLabel, pathTemplate } from './operations.js';
import { child, pointer } from '../openapi-doc/pointer.js';
import { applyPolicy, type Policy } from './policy.js';
import type { OperationRule } from './rules/operation-context.js';
import { parametersRule } from './rules/parameters.js';
import { requestBodyRule } from './rules/request-body.js';
import { responsesRule } from './rules/responses.js';
import type { Obj } from './rules/schema-context.js';
import { compareSecuritySchemes, securityRule } from './rules/security.js';
import { compareServers } from './rules/servers.js';

const OPERATION_RULES: Array<[string, OperationRule]> = [
  ['security', securityRule],
  ['parameters', parametersRule],
  ['request-body', requestBodyRule],
  ['responses', responsesRule],
];

function diffOperations(api: string, baseDocument: Obj, headDocument: Obj, log: ChangeLog): void {
  const before = new Map(listOperations(baseDocument).map((op) => [op.key, op]));
  const after = new Map(listOperations(headDocument).map((op) => [op.key, op]));
  const headTemplates = new Set(Object.keys((headDocument.paths ?? {}) as Obj).map(pathTemplate));
  const headWebhooks = (headDocument.webhooks ?? {}) as Obj;
  for (const [id, base] of before) {
    const head = after.get(id);
    const report = log.for(api, operationLabel(head ?? base), 'operations');
    if (!head) {
      if (base.kind === 'webhook') {
        const gone = !(base.path in headWebhooks);
        report.breaking(
          gone ? pointer('webhooks', base.path) : base.pointer,
          `webhook ${gone ? '' : 'operation '}removed: receivers subscribed to it no longer get these calls`,
        );
      } else {
        const gone = !headTemplates.has(pathTemplate(base.path));
        report.breaking(gone ? pointer('paths', base.path) : base.pointer, `${gone ? 'path' : 'operation'} removed: clients calling it get 404/405`);
      }
      continue;
    }
    if (head.path !== base.path && head.kind === 'path')
      report.info(pointer('paths', head.path), `path parameters renamed: \`${base.path}\` → \`${head.path}\` (same URL template)`);
    const [was, is] = [base.operation.operationId, head.operation.operationId];
    if (was !== is && was !== undefined)
      report.info(
        child(head.pointer, 'operationId'),
        `operationId ${is === undefined ? `\`${was}\` removed` : `renamed from \`${was}\` to \`${is}\``}: generated clients name the method after it`,
        'operation-id-changed',
      );
    for (const [rule, check] of OPERATION_RULES) check({ base, head, baseDocument, headDocument, report: withRule(report, rule) });
  }
  for (const [id, head] of after) {
    if (!before.has(id)) log.for(api, operationLabel(head), 'operations').info(head.pointer, `${head.kind === 'webhook' ? 'webhook' : 'operation'} added`);
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
