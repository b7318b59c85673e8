// `type` (and 3.0 `nullable`): a request type may only widen, a response type
// may only narrow. A response that becomes nullable gets its own reason.
import { child } from '../../openapi-doc/pointer.js';
import type { Obj, SchemaRule } from './schema-context.js';

/** The set of JSON types a schema allows; undefined when it does not say (any). */
export function typeSet(schema: Obj): Set<string> | undefined {
  const declared = Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : undefined;
  if (!declared) return undefined;
  const set = new Set<string>(declared);
  if (schema.nullable === true) set.add('null');
  return set;
}

function accepts(set: Set<string> | undefined, type: string): boolean {
  return !set || set.has(type) || (type === 'integer' && set.has('number'));
}

const label = (set: Set<string> | undefined) => (set ? [...set].join(' | ') : 'any');

export const typeRule: SchemaRule = (base, head, { pointer, direction, report }) => {
  const before = typeSet(base);
  const after = typeSet(head);
  const at = child(pointer, 'type');
  const change = `\`${label(before)}\` → \`${label(after)}\``;
  if (direction === 'request') {
    const lost = before ? [...before].filter((t) => !accepts(after, t)) : after ? ['any'] : [];
    if (lost.length) report.breaking(at, `request type narrowed ${change}: clients sending ${before ? lost.join(', ') : 'other types'} are rejected`);
    else if (label(before) !== label(after)) report.info(at, `request type widened ${change}`);
    return;
  }
  const gained = after ? [...after].filter((t) => !accepts(before, t)) : before ? ['any'] : [];
  if (gained.length === 1 && gained[0] === 'null') {
    report.breaking(at, `response value made nullable ${change}: clients that read it without a null check fail`);
  } else if (gained.length) {
    report.breaking(at, `response type changed ${change}: clients parsing the old type fail`);
  } else if (label(before) !== label(after)) {
    report.info(at, `response type narrowed ${change}`);
  }
};
