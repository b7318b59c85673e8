// Numeric bounds (lengths, item counts, values) and `multipleOf`: a tighter
// request bound rejects values clients send today; a looser response bound
// lets the server send values clients were told could not happen. `maximum`
// and `exclusiveMaximum` (likewise the minimums) are one bound, so the 3.0
// `maximum: 20, exclusiveMaximum: true` → `maximum: 20` reads as widened.
import { child } from '../../openapi-doc/pointer.js';
import type { Obj, SchemaContext, SchemaRule } from './schema-context.js';

const UPPER = ['maxLength', 'maxItems', 'maxProperties', 'maxContains'] as const;
const LOWER = ['minLength', 'minItems', 'minProperties', 'minContains'] as const;

/** One side of a bound: its value, whether the value itself is excluded, and the keyword that set it. */
type Limit = { value: number; exclusive: boolean; key: string };
type Bound = { before?: Limit; after?: Limit; upper: boolean };

const num = (value: unknown) => (typeof value === 'number' ? value : undefined);
const plain = (schema: Obj, key: string): Limit | undefined => (num(schema[key]) === undefined ? undefined : { value: schema[key], exclusive: false, key });

/** A count's lower bound of 0 (`minLength`, `minItems`, `minProperties`) admits everything: the same as none. (`minContains: 0` is not: it lowers the default 1.) */
const lowerCount = (schema: Obj, key: (typeof LOWER)[number]): Limit | undefined => {
  const limit = plain(schema, key);
  return limit && key !== 'minContains' && limit.value <= 0 ? undefined : limit;
};

/** The effective value bound from an inclusive and an exclusive keyword (2020-12 numbers, after normalizing 3.0). */
function valueLimit(schema: Obj, inclusive: string, exclusive: string, upper: boolean): Limit | undefined {
  const limits = [plain(schema, inclusive), num(schema[exclusive]) === undefined ? undefined : { value: schema[exclusive], exclusive: true, key: exclusive }];
  const set = limits.filter((l): l is Limit => l !== undefined);
  if (set.length < 2) return set[0];
  const [a, b] = set as [Limit, Limit];
  if (a.value === b.value) return b;
  return upper === a.value < b.value ? a : b;
}

/** True when `after` admits fewer values than `before`. */
function isTighter({ before, after, upper }: Bound): boolean {
  if (after === undefined) return false;
  if (before === undefined) return true;
  if (after.value === before.value) return after.exclusive && !before.exclusive;
  return upper ? after.value < before.value : after.value > before.value;
}

const same = ({ before, after }: Bound) => before?.value === after?.value && before?.exclusive === after?.exclusive;

function describe({ before, after }: Bound): string {
  if (before === undefined) return `${after!.key} ${after!.value} added`;
  if (after === undefined) return `${before.key} ${before.value} removed`;
  if (before.key !== after.key) return `${after.key} ${after.value} added, replacing ${before.key} ${before.value}`;
  return `${after.key} ${after.value > before.value ? 'raised' : 'lowered'} from ${before.value} to ${after.value}`;
}

function judge(bound: Bound, pointer: string, { direction, report }: SchemaContext): void {
  if (same(bound)) return;
  const tighter = isTighter(bound);
  const at = child(pointer, (bound.after ?? bound.before)!.key);
  if (direction === 'request') {
    if (tighter) report.breaking(at, `request ${describe(bound)}: values clients send today are rejected`);
    else report.info(at, `request ${describe(bound)} (relaxed)`);
  } else if (tighter) {
    report.info(at, `response ${describe(bound)} (tightened)`);
  } else {
    report.breaking(at, `response ${describe(bound)}: clients may receive values outside the documented range`);
  }
}

export const boundsRule: SchemaRule = (base, head, ctx) => {
  const bounds: Bound[] = [
    ...UPPER.map((key) => ({ before: plain(base, key), after: plain(head, key), upper: true })),
    { before: valueLimit(base, 'maximum', 'exclusiveMaximum', true), after: valueLimit(head, 'maximum', 'exclusiveMaximum', true), upper: true },
    ...LOWER.map((key) => ({ before: lowerCount(base, key), after: lowerCount(head, key), upper: false })),
    { before: valueLimit(base, 'minimum', 'exclusiveMinimum', false), after: valueLimit(head, 'minimum', 'exclusiveMinimum', false), upper: false },
  ];
  for (const bound of bounds) judge(bound, ctx.pointer, ctx);
};

/** Whether every multiple of `a` is a multiple of `b` (decimals compared at a fixed scale, so 0.1 and 0.3 work). */
function divides(b: number, a: number): boolean {
  const scale = 1e9;
  const [ia, ib] = [Math.round(a * scale), Math.round(b * scale)];
  return ib !== 0 && ia % ib === 0;
}

/** `multipleOf`: a request may only accept more multiples, a response may only send fewer. */
export const multipleOfRule: SchemaRule = (base, head, { pointer, direction, report }) => {
  const [before, after] = [num(base.multipleOf), num(head.multipleOf)];
  if (before === after) return;
  const at = child(pointer, 'multipleOf');
  const what =
    before === undefined ? `multipleOf ${after} added` : after === undefined ? `multipleOf ${before} removed` : `multipleOf changed from ${before} to ${after}`;
  // Request: every old value still valid, i.e. each multiple of `before` is one of `after`. Response: the reverse.
  const wider = after === undefined || (before !== undefined && divides(after, before));
  const narrower = before === undefined || (after !== undefined && divides(before, after));
  if (direction === 'request') {
    if (wider) report.info(at, `request ${what} (relaxed)`);
    else report.breaking(at, `request ${what}: values clients send today are rejected`);
  } else if (narrower) report.info(at, `response ${what} (tightened)`);
  else report.breaking(at, `response ${what}: clients may receive values that are not multiples of ${before}`);
};
