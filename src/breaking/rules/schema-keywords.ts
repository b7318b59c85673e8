// The JSON Schema 2020-12 keywords beyond the basics, with the same rule as
// everything else: a request may only accept more, a response may only send
// less. Sub-schema keywords recurse (a missing one is `true`, anything), so a
// constraint that appears, disappears or changes is judged by what it accepts.
import { child } from '../../openapi-doc/pointer.js';
import type { Obj, SchemaContext, SchemaRule } from './schema-context.js';

/** Keywords holding one sub-schema whose absence means "anything". */
const subschema =
  (key: string): SchemaRule =>
  (base, head, { pointer, recurse }) => {
    if (base[key] !== undefined || head[key] !== undefined) recurse(base[key], head[key], child(pointer, key));
  };

/** Keywords holding a map of sub-schemas: each key compared with its counterpart. */
const schemaMap =
  (key: string): SchemaRule =>
  (base, head, { pointer, recurse }) => {
    const [before, after] = [(base[key] ?? {}) as Obj, (head[key] ?? {}) as Obj];
    for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) recurse(before[name], after[name], child(pointer, key, name));
  };

/** `prefixItems`, position by position; past a tuple's end its `items` applies. */
const prefixItemsRule: SchemaRule = (base, head, { pointer, recurse }) => {
  const [before, after] = [(base.prefixItems ?? []) as unknown[], (head.prefixItems ?? []) as unknown[]];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    recurse(i < before.length ? before[i] : base.items, i < after.length ? after[i] : head.items, child(pointer, 'prefixItems', i));
  }
};

export const arrayRules: SchemaRule[] = [subschema('items'), prefixItemsRule, subschema('contains'), subschema('unevaluatedItems')];

/** `uniqueItems`: a request may stop requiring unique items, a response may start guaranteeing them. */
export const uniqueItemsRule: SchemaRule = (base, head, { pointer, direction, report }) => {
  const [before, after] = [base.uniqueItems === true, head.uniqueItems === true];
  if (before === after) return;
  const at = child(pointer, 'uniqueItems');
  if (direction === 'request') {
    if (after) report.breaking(at, 'request items must now be unique: arrays with repeats that clients send are rejected');
    else report.info(at, 'request items no longer need to be unique');
  } else if (before) report.breaking(at, 'response items no longer guaranteed unique: clients relying on it may fail');
  else report.info(at, 'response items now unique');
};

export const objectKeywordRules: SchemaRule[] = [subschema('propertyNames'), schemaMap('patternProperties'), schemaMap('dependentSchemas')];

/** `dependentRequired`: "when `a` is present, `b` is too", as a set of pairs. */
export const dependentRequiredRule: SchemaRule = (base, head, { pointer, direction, report }) => {
  const pairs = (schema: Obj) =>
    new Set(Object.entries((schema.dependentRequired ?? {}) as Record<string, string[]>).flatMap(([a, list]) => list.map((b) => `${a}\u0000${b}`)));
  const [before, after] = [pairs(base), pairs(head)];
  const show = (pair: string) =>
    pair
      .split('\u0000')
      .map((p) => `\`${p}\``)
      .join(' requires ');
  for (const pair of after) {
    if (before.has(pair)) continue;
    const at = child(pointer, 'dependentRequired', pair.split('\u0000')[0]!);
    if (direction === 'request') report.breaking(at, `request dependentRequired added: ${show(pair)}; clients sending one without the other are rejected`);
    else report.info(at, `response dependentRequired added: ${show(pair)}`);
  }
  for (const pair of before) {
    if (after.has(pair)) continue;
    const at = child(pointer, 'dependentRequired', pair.split('\u0000')[0]!);
    if (direction === 'request') report.info(at, `request dependentRequired removed: ${show(pair)}`);
    else report.breaking(at, `response dependentRequired removed: ${show(pair)} no longer holds; clients relying on it may fail`);
  }
};

/**
 * `not`: values matching its schema are rejected. Added, it rejects more
 * (breaks a request, narrows a response); removed, it rejects less. Changed,
 * its schema is judged the other way round: a `not` schema that matches more
 * rejects more, so it is compared in the opposite direction.
 */
export const notRule: SchemaRule = (base, head, ctx) => {
  const { pointer, direction, report } = ctx;
  const [before, after] = [base.not, head.not];
  if (before === undefined && after === undefined) return;
  const at = child(pointer, 'not');
  let narrowed: boolean;
  let what: string;
  if (before === undefined || after === undefined) {
    narrowed = before === undefined;
    what = narrowed ? 'added' : 'removed';
  } else {
    if (before === after) return;
    const { breaking, total } = ctx.score(before, after, direction === 'request' ? 'response' : 'request');
    if (total === 0) return;
    // In the other direction, "breaking" means: the request side grew, or the response side shrank.
    narrowed = direction === 'request' ? breaking > 0 : breaking === 0;
    what = narrowed ? 'now excludes more values' : 'now excludes fewer values';
  }
  if (direction === 'request') {
    if (narrowed) report.breaking(at, `request \`not\` ${what}: values clients send may now be rejected`);
    else report.info(at, `request \`not\` ${what}: more values are accepted`);
  } else if (narrowed) report.info(at, `response \`not\` ${what}: the server sends fewer kinds of value`);
  else report.breaking(at, `response \`not\` ${what}: the server may send values it excluded before`);
};

function unchanged(base: unknown, head: unknown, ctx: SchemaContext): boolean {
  if (base === head) return true;
  return ctx.score(base, head).total === 0;
}

/**
 * `if`/`then`/`else`: with the same `if`, `then` and `else` are constraints
 * like any other. A changed condition moves values between the branches,
 * which neither direction can judge safely, so it breaks both.
 */
export const conditionalRule: SchemaRule = (base, head, ctx) => {
  const { pointer, direction, report, recurse } = ctx;
  if (base.if === undefined && head.if === undefined) return;
  if (base.if === undefined || head.if === undefined || !unchanged(base.if, head.if, ctx)) {
    report.breaking(
      child(pointer, 'if'),
      `${direction} conditional (\`if\`) ${base.if === undefined ? 'added' : head.if === undefined ? 'removed' : 'changed'}: which constraints apply to a value changes`,
    );
    return;
  }
  for (const key of ['then', 'else']) if (base[key] !== undefined || head[key] !== undefined) recurse(base[key], head[key], child(pointer, key));
};

/**
 * `contentEncoding` says how to decode the string (base64, ...): any change
 * breaks readers and writers alike. `contentMediaType` restricts what the
 * decoded string is, and `contentSchema` what it holds: direction rules.
 */
export const contentKeywordsRule: SchemaRule = (base, head, { pointer, direction, report, recurse }) => {
  if (base.contentEncoding !== head.contentEncoding) {
    report.breaking(
      child(pointer, 'contentEncoding'),
      `${direction} contentEncoding changed from \`${base.contentEncoding ?? 'none'}\` to \`${head.contentEncoding ?? 'none'}\`: the string is encoded differently`,
    );
  }
  const [before, after] = [base.contentMediaType as string | undefined, head.contentMediaType as string | undefined];
  if (before !== after) {
    const at = child(pointer, 'contentMediaType');
    const what = `contentMediaType ${before === undefined ? `\`${after}\` added` : after === undefined ? `\`${before}\` removed` : `changed from \`${before}\` to \`${after}\``}`;
    const safe = direction === 'request' ? after === undefined : before === undefined;
    if (safe) report.info(at, `${direction} ${what}`);
    else
      report.breaking(
        at,
        `${direction} ${what}: ${direction === 'request' ? 'content clients send may be rejected' : 'clients decoding the old type may fail'}`,
      );
  }
  if (base.contentSchema !== undefined || head.contentSchema !== undefined) recurse(base.contentSchema, head.contentSchema, child(pointer, 'contentSchema'));
};
