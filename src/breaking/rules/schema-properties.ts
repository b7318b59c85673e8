// Object properties: which exist, which are required, and whether unknown
// ones are allowed. `readOnly` properties are not part of a request and
// `writeOnly` ones not part of a response, so each side sees only its own.
// Common properties, and map values (`additionalProperties` as a schema), are
// compared recursively.
import { child } from '../../openapi-doc/pointer.js';
import type { Obj, SchemaContext, SchemaRule } from './schema-context.js';
import { NOTHING, normalize } from './schema-normalize.js';

const hidden = (schema: unknown, direction: SchemaContext['direction']) => {
  const s = normalize(schema);
  return direction === 'request' ? s.readOnly === true : s.writeOnly === true;
};

/** The properties that take part in this direction. */
function props(schema: Obj, direction: SchemaContext['direction']): Record<string, unknown> {
  return Object.fromEntries(Object.entries((schema.properties ?? {}) as Obj).filter(([, sub]) => !hidden(sub, direction)));
}

const requiredSet = (schema: Obj) => new Set<string>(Array.isArray(schema.required) ? schema.required : []);
const closedTo = (schema: Obj) => normalize(schema.additionalProperties) === NOTHING || normalize(schema.unevaluatedProperties) === NOTHING;

/** `additionalProperties` / `unevaluatedProperties`: unknown properties and map values. */
function compareUnknown(key: string, base: Obj, head: Obj, ctx: SchemaContext): void {
  const { pointer, direction, report } = ctx;
  if (base[key] === undefined && head[key] === undefined) return;
  const at = child(pointer, key);
  const [before, after] = [normalize(base[key]), normalize(head[key])];
  if (direction === 'response' && before === NOTHING) {
    // Clients ignore properties they do not know; a typed client never sees them.
    if (after !== NOTHING) report.info(at, 'response may include properties not listed (clients ignore them)');
    return;
  }
  if (direction === 'request' && after === NOTHING && before !== NOTHING) {
    report.breaking(at, 'request no longer accepts unknown properties');
    return;
  }
  ctx.recurse(base[key], head[key], at);
}

export const propertiesRule: SchemaRule = (base, head, ctx) => {
  const { pointer, direction, report } = ctx;
  const before = props(base, direction);
  const after = props(head, direction);
  const reqBefore = requiredSet(base);
  const reqAfter = requiredSet(head);
  const added = Object.keys(after).filter((name) => !(name in before));
  const closed = closedTo(head);

  for (const name of Object.keys(before).filter((n) => !(n in after))) {
    const at = child(pointer, 'properties', name);
    const why = name in (head.properties ?? {}) ? (direction === 'request' ? ' (now readOnly)' : ' (now writeOnly)') : '';
    if (direction === 'response') {
      const hint = added.length ? ` (renamed to ${added.map((a) => `\`${a}\``).join(' or ')}?)` : '';
      const optional = !reqBefore.has(name);
      report.breaking(
        at,
        `response property \`${name}\` removed${why}${hint}: clients reading it get undefined`,
        optional ? 'response-optional-property-removed' : undefined,
      );
    } else if (closed) {
      report.breaking(at, `request property \`${name}\` removed${why} and unknown properties are rejected: clients sending it fail`);
    } else {
      report.info(at, `request property \`${name}\` removed${why} (the server ignores it)`);
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
    } else if (reqBefore.has(name) !== reqAfter.has(name)) {
      report.info(at, `${direction} property \`${name}\` ${reqAfter.has(name) ? 'now always present' : 'no longer required'}`);
    }
    ctx.recurse(before[name], after[name], at);
  }
  // `required` names no `properties` entry declares (as `dependentSchemas` and `if`/`then` often write them).
  const declared = new Set([...Object.keys(base.properties ?? {}), ...Object.keys(head.properties ?? {})]);
  for (const name of reqAfter) {
    if (reqBefore.has(name) || declared.has(name)) continue;
    const at = child(pointer, 'required');
    if (direction === 'request') report.breaking(at, `request now requires \`${name}\`: existing clients may omit it`);
    else report.info(at, `response now always has \`${name}\``);
  }
  for (const name of reqBefore) {
    if (reqAfter.has(name) || declared.has(name)) continue;
    const at = child(pointer, 'required');
    if (direction === 'response') report.breaking(at, `response no longer always has \`${name}\`: clients reading it may get undefined`);
    else report.info(at, `request no longer requires \`${name}\``);
  }
  compareUnknown('additionalProperties', base, head, ctx);
  compareUnknown('unevaluatedProperties', base, head, ctx);
};
