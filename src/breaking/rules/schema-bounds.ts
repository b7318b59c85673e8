// Numeric bounds (lengths, item counts, values): a tighter request bound
// rejects values clients send today; a looser response bound lets the server
// send values clients were told could not happen.
import { child } from '../../openapi-doc/pointer.js';
import type { SchemaRule } from './schema-context.js';

const UPPER = ['maxLength', 'maxItems', 'maxProperties', 'maximum', 'exclusiveMaximum', 'maxContains'] as const;
const LOWER = ['minLength', 'minItems', 'minProperties', 'minimum', 'exclusiveMinimum', 'minContains'] as const;

type Bound = { key: string; before?: number; after?: number; upper: boolean };

const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** True when `after` admits fewer values than `before`. */
function isTighter({ before, after, upper }: Bound): boolean {
  if (after === undefined) return false;
  if (before === undefined) return true;
  return upper ? after < before : after > before;
}

function describe({ key, before, after }: Bound): string {
  if (before === undefined) return `${key} ${after} added`;
  if (after === undefined) return `${key} ${before} removed`;
  return `${key} ${after > before ? 'raised' : 'lowered'} from ${before} to ${after}`;
}

export const boundsRule: SchemaRule = (base, head, { pointer, direction, report }) => {
  const bounds: Bound[] = [
    ...UPPER.map((key) => ({ key, before: num(base[key]), after: num(head[key]), upper: true })),
    ...LOWER.map((key) => ({ key, before: num(base[key]), after: num(head[key]), upper: false })),
  ];
  for (const bound of bounds) {
    if (bound.before === bound.after) continue;
    const tighter = isTighter(bound);
    const at = child(pointer, bound.key);
    if (direction === 'request') {
      if (tighter) report.breaking(at, `request ${describe(bound)}: values clients send today are rejected`);
      else report.info(at, `request ${describe(bound)} (relaxed)`);
    } else if (tighter) {
      report.info(at, `response ${describe(bound)} (tightened)`);
    } else {
      report.breaking(at, `response ${describe(bound)}: clients may receive values outside the documented range`);
    }
  }
};
