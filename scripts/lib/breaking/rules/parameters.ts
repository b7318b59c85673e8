// Path, query, header and cookie parameters. A parameter is identified by
// where it goes and its name (header names ignore case).
import { child } from '../../docs/pointer.ts';
import type { OperationRef } from '../../docs/operations.ts';
import type { OperationRule } from './operation-context.ts';
import type { Obj } from './schema-context.ts';
import { compareSchemas } from './schema.ts';

interface Located { parameter: Obj; pointer: string }

/** Path-level parameters, overridden by operation-level ones of the same key. */
function effectiveParameters(op: OperationRef): Map<string, Located> {
  const result = new Map<string, Located>();
  const pathPointer = op.pointer.slice(0, op.pointer.lastIndexOf('/'));
  const add = (list: Obj[] | undefined, at: string) => list?.forEach((parameter, i) => {
    const name = parameter.in === 'header' ? String(parameter.name).toLowerCase() : parameter.name;
    result.set(`${parameter.in}:${name}`, { parameter, pointer: child(at, 'parameters', i) });
  });
  add(op.pathItem.parameters, pathPointer);
  add(op.operation.parameters, op.pointer);
  return result;
}

export const parametersRule: OperationRule = ({ base, head, report }) => {
  const before = effectiveParameters(base);
  const after = effectiveParameters(head);
  for (const [key, { parameter, pointer }] of after) {
    const old = before.get(key);
    const what = `${parameter.in} parameter \`${parameter.name}\``;
    if (!old) {
      if (parameter.required) report.breaking(pointer, `new required ${what}: existing clients do not send it`);
      else report.info(pointer, `optional ${what} added`);
      continue;
    }
    if (parameter.required && !old.parameter.required) {
      report.breaking(child(pointer, 'required'), `${what} became required: existing clients may omit it`);
    }
    if (old.parameter.schema && parameter.schema) {
      compareSchemas(old.parameter.schema, parameter.schema, child(pointer, 'schema'), 'request', report);
    }
  }
  for (const [key, { parameter, pointer }] of before) {
    if (!after.has(key)) report.info(pointer, `${parameter.in} parameter \`${parameter.name}\` removed (the server ignores it)`);
  }
};
