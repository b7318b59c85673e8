// Compares two dereferenced schemas: runs every schema rule at this level,
// then descends into properties (via the properties rule), items and
// composition branches.
import { child } from '../../docs/pointer.ts';
import type { Reporter } from '../change.ts';
import { boundsRule } from './schema-bounds.ts';
import type { Direction, Obj, SchemaContext, SchemaRule } from './schema-context.ts';
import { enumRule } from './schema-enum.ts';
import { propertiesRule } from './schema-properties.ts';
import { formatRule, patternRule } from './schema-string-rules.ts';
import { typeRule } from './schema-type.ts';

const BRANCHES = ['oneOf', 'anyOf', 'allOf'] as const;

/** Added or removed composition branches; matching branches are compared by position. */
const branchesRule: SchemaRule = (base, head, { pointer, direction, report, recurse }) => {
  for (const key of BRANCHES) {
    const before = (base[key] ?? []) as Obj[];
    const after = (head[key] ?? []) as Obj[];
    before.forEach((b, i) => after[i] && recurse(b, after[i]!, child(pointer, key, i)));
    if (before.length === after.length) continue;
    // allOf adds constraints per branch; oneOf/anyOf add alternatives.
    const narrows = key === 'allOf' ? after.length > before.length : after.length < before.length;
    const at = child(pointer, key);
    const what = `${key} went from ${before.length} to ${after.length} branches`;
    if (narrows === (direction === 'request')) report.breaking(at, `${direction} ${what}`);
    else report.info(at, `${direction} ${what}`);
  }
};

const itemsRule: SchemaRule = (base, head, { pointer, recurse }) => {
  if (base.items && head.items) recurse(base.items, head.items, child(pointer, 'items'));
};

export const SCHEMA_RULES: SchemaRule[] = [typeRule, enumRule, boundsRule, patternRule, formatRule, propertiesRule, itemsRule, branchesRule];

export function compareSchemas(base: Obj, head: Obj, pointer: string, direction: Direction, report: Reporter): void {
  // Pairs on the current descent only: a shared schema used by two properties
  // is compared at both pointers, a recursive one stops at its own repetition.
  const stack: Array<[Obj, Obj]> = [];
  const visit = (b: Obj, h: Obj, at: string): void => {
    if (stack.some(([sb, sh]) => sb === b && sh === h)) return;
    stack.push([b, h]);
    const ctx: SchemaContext = { pointer: at, direction, report, recurse: visit };
    for (const rule of SCHEMA_RULES) rule(b, h, ctx);
    stack.pop();
  };
  visit(base, head, pointer);
}
