// `enum` and `const`: a request enum may only gain values; a response enum may
// only lose them, because a new value is one a typed client never handles.
import { child } from '../../openapi-doc/pointer.js';
import { quoteList } from '../change.js';
import type { Obj, SchemaRule } from './schema-context.js';
import { typeSet } from './schema-type.js';

function allowedValues(schema: Obj): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  return 'const' in schema ? [schema.const] : undefined;
}

const missingFrom = (values: unknown[], other: unknown[]) => {
  const keys = new Set(other.map((v) => JSON.stringify(v)));
  return values.filter((v) => !keys.has(JSON.stringify(v)));
};

export const enumRule: SchemaRule = (base, head, { pointer, direction, report }) => {
  const before = allowedValues(base);
  const after = allowedValues(head);
  if (!before && !after) return;
  const at = child(pointer, 'enum' in head || !('const' in head) ? 'enum' : 'const');
  if (direction === 'request') {
    if (!after) return report.info(at, 'request enum removed: any value is accepted now');
    if (!before) return report.breaking(at, `request values restricted to ${quoteList(after)}: other values clients send are rejected`);
    const removed = missingFrom(before, after);
    const added = missingFrom(after, before);
    if (removed.length) report.breaking(at, `request enum narrowed: ${quoteList(removed)} no longer accepted`);
    if (added.length) report.info(at, `request enum accepts ${quoteList(added)}`);
    return;
  }
  if (!before) return report.info(at, `response values restricted to ${quoteList(after!)}`);
  // A branch that is only `null` has no values to enumerate (the type rule reports it).
  if (!after && [...(typeSet(head) ?? [])].join() === 'null') return;
  if (!after) return report.breaking(at, `response enum removed: the server may return values outside ${quoteList(before)}`);
  const added = missingFrom(after, before);
  const removed = missingFrom(before, after);
  if (added.length) {
    report.breaking(at, `response enum gained ${quoteList(added)}: typed clients' exhaustive switches (union types) do not handle the new value`);
  }
  if (removed.length) report.info(at, `response enum no longer returns ${quoteList(removed)}`);
};
