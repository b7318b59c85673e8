// Path, query, header and cookie parameters. A parameter is identified by
// where it goes and its name (header names ignore case); a path parameter by
// its position in the template, so renaming `{bookId}` to `{id}` is the same
// parameter. Parameter schemas (and their defaults) are request schemas.
import { child } from '../../openapi-doc/pointer.js';
import type { OperationRef } from '../operations.js';
import type { OperationRule } from './operation-context.js';
import type { Obj } from './schema-context.js';
import { compareContent } from './content.js';
import { compareSchemas } from './schema.js';
import { compareSerialisation } from './serialisation.js';

interface Located {
  parameter: Obj;
  pointer: string;
}

function parameterKey(parameter: Obj, op: OperationRef): string {
  if (parameter.in === 'path') {
    const names = [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
    const position = names.indexOf(parameter.name);
    if (position >= 0) return `path:#${position}`;
  }
  return `${parameter.in}:${parameter.in === 'header' ? String(parameter.name).toLowerCase() : parameter.name}`;
}

/** Header parameters the specification says to ignore: content negotiation and credentials are described elsewhere. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** Path-level parameters, overridden by operation-level ones of the same key (those OpenAPI ignores left out). */
function effectiveParameters(op: OperationRef): Map<string, Located> {
  const result = new Map<string, Located>();
  const pathPointer = op.pointer.slice(0, op.pointer.lastIndexOf('/'));
  const add = (list: Obj[] | undefined, at: string) =>
    list?.forEach((parameter, i) => {
      if (parameter.in === 'header' && IGNORED_HEADERS.has(String(parameter.name).toLowerCase())) return;
      result.set(parameterKey(parameter, op), { parameter, pointer: child(at, 'parameters', i) });
    });
  add(op.pathItem.parameters, pathPointer);
  add(op.operation.parameters, op.pointer);
  return result;
}

export const parametersRule: OperationRule = ({ base, head, report }) => {
  const before = effectiveParameters(base);
  const after = effectiveParameters(head);
  // In a webhook or callback the API sends the parameters and the consumer reads them.
  const direction = head.reversed ? 'response' : 'request';
  for (const [key, { parameter, pointer }] of after) {
    const old = before.get(key);
    const what = `${parameter.in} parameter \`${parameter.name}\``;
    if (!old) {
      if (parameter.required && !head.reversed) report.breaking(pointer, `new required ${what}: existing clients do not send it`);
      else report.info(pointer, `${parameter.required ? 'required' : 'optional'} ${what} added`);
      continue;
    }
    if (old.parameter.name !== parameter.name && parameter.in === 'path')
      report.info(pointer, `path parameter \`${old.parameter.name}\` renamed to \`${parameter.name}\` (same position in the URL)`);
    if (parameter.required && !old.parameter.required) {
      if (head.reversed) report.info(child(pointer, 'required'), `${what} now always sent`);
      else report.breaking(child(pointer, 'required'), `${what} became required: existing clients may omit it`);
    } else if (head.reversed && old.parameter.required && !parameter.required)
      report.breaking(child(pointer, 'required'), `${what} made optional: receivers reading it may not get it`);
    compareSerialisation(old.parameter, parameter, pointer, what, report);
    if (old.parameter.schema !== undefined || parameter.schema !== undefined) {
      compareSchemas(old.parameter.schema, parameter.schema, child(pointer, 'schema'), direction, report);
    }
    if (old.parameter.content || parameter.content) compareContent(old.parameter, parameter, pointer, direction, report);
  }
  for (const [key, { parameter, pointer }] of before) {
    if (after.has(key)) continue;
    const what = `${parameter.in} parameter \`${parameter.name}\` removed`;
    if (head.reversed) report.breaking(pointer, `${what}: receivers reading it no longer get it`);
    // What clients still send is ignored: a filter, a `dry_run`, silently dropped (level: the policy's).
    else report.breaking(pointer, `${what}: clients still sending it are no longer understood`, 'request-parameter-removed');
  }
};
