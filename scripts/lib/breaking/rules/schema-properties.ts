// Object properties: which exist, which are required, and whether unknown
// ones are allowed. Common properties are compared recursively.
import { child } from '../../docs/pointer.ts';
import type { Obj, SchemaRule } from './schema-context.ts';

const props = (schema: Obj) => (schema.properties ?? {}) as Record<string, Obj>;
const requiredSet = (schema: Obj) => new Set<string>(Array.isArray(schema.required) ? schema.required : []);

export const propertiesRule: SchemaRule = (base, head, ctx) => {
  const { pointer, direction, report } = ctx;
  const before = props(base);
  const after = props(head);
  const reqBefore = requiredSet(base);
  const reqAfter = requiredSet(head);
  const added = Object.keys(after).filter((name) => !(name in before));
  const closed = head.additionalProperties === false;

  for (const name of Object.keys(before).filter((n) => !(n in after))) {
    const at = child(pointer, 'properties', name);
    if (direction === 'response') {
      const hint = added.length ? ` (renamed to ${added.map((a) => `\`${a}\``).join(' or ')}?)` : '';
      report.breaking(at, `response property \`${name}\` removed${hint}: clients reading it get undefined`);
    } else if (closed) {
      report.breaking(at, `request property \`${name}\` removed and unknown properties are rejected: clients sending it fail`);
    } else {
      report.info(at, `request property \`${name}\` removed (the server ignores it)`);
    }
  }
  for (const name of added) {
    const at = child(pointer, 'properties', name);
    if (direction === 'response') report.info(at, `response property \`${name}\` added`);
    else if (reqAfter.has(name)) report.breaking(at, `new required request property \`${name}\`: existing clients do not send it`);
    else report.info(at, `optional request property \`${name}\` added`);
  }
  for (const name of Object.keys(before).filter((n) => n in after)) {
    const at = child(pointer, 'properties', name);
    if (direction === 'request' && reqAfter.has(name) && !reqBefore.has(name)) {
      report.breaking(at, `request property \`${name}\` became required: existing clients may omit it`);
    } else if (direction === 'response' && reqBefore.has(name) && !reqAfter.has(name)) {
      report.breaking(at, `response property \`${name}\` made optional: clients reading it may get undefined`);
    }
    ctx.recurse(before[name]!, after[name]!, at);
  }
  if (direction === 'request' && closed && base.additionalProperties !== false) {
    report.breaking(child(pointer, 'additionalProperties'), 'request no longer accepts unknown properties');
  }
};
