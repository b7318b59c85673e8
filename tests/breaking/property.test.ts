// Property-based: for random schemas, comparing a schema with (a copy of)
// itself reports nothing, and a strictly wider request schema (equally, a
// narrower response schema) never reports a breaking change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../src/breaking/change.ts';
import { compareSchemas } from '../../src/breaking/rules/schema.ts';
import type { Direction, Obj } from '../../src/breaking/rules/schema-context.ts';

function changes(base: unknown, head: unknown, direction: Direction) {
  const log = new ChangeLog();
  compareSchemas(base, head, '', direction, log.for('api', 'GET /x'));
  return log.changes;
}

const NAMES = ['id', 'name', 'kind', 'meta'];
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Drops undefined keys, so generated schemas look written by hand. */
const clean = (schema: Obj): Obj => Object.fromEntries(Object.entries(schema).filter(([, v]) => v !== undefined));

const { schema } = fc.letrec<{ schema: unknown; leaf: Obj; object: Obj; array: Obj; union: Obj }>((tie) => ({
  schema: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('object'), tie('array'), tie('union'), fc.constant(true)),
  leaf: fc.oneof(
    fc
      .record({
        type: fc.constantFrom('string', ['string', 'null']),
        minLength: maybe(fc.nat(3)),
        maxLength: maybe(fc.integer({ min: 4, max: 9 })),
        enum: maybe(fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1 })),
        pattern: maybe(fc.constantFrom('^a', '^[a-c]+$')),
        format: maybe(fc.constantFrom('uuid', 'date-time')),
        default: maybe(fc.constantFrom('a', 'b')),
      })
      .map(clean),
    fc
      .record({
        type: fc.constantFrom('integer', 'number'),
        minimum: maybe(fc.integer({ min: -5, max: 0 })),
        maximum: maybe(fc.integer({ min: 1, max: 9 })),
        exclusiveMinimum: maybe(fc.constant(-10)),
        enum: maybe(fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1 })),
      })
      .map(clean),
    fc.constant({ type: 'boolean' }),
  ),
  object: fc
    .record({
      type: fc.constant('object'),
      properties: fc.dictionary(fc.constantFrom(...NAMES), tie('schema'), { maxKeys: 3 }),
      requiredNames: fc.subarray(NAMES),
      additionalProperties: maybe(fc.oneof(fc.constant(false), tie('schema'))),
    })
    .map(({ requiredNames, ...rest }) => clean({ ...rest, required: requiredNames.filter((n) => n in rest.properties) })),
  array: fc
    .record({ type: fc.constant('array'), items: tie('schema'), minItems: maybe(fc.nat(2)), maxItems: maybe(fc.integer({ min: 3, max: 6 })) })
    .map(clean),
  union: fc
    .record({ key: fc.constantFrom('oneOf', 'anyOf'), branches: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) })
    .map(({ key, branches }) => ({ [key]: branches })),
}));

type Widening = (s: Obj) => Obj | undefined;
const without =
  (key: string): Widening =>
  (s) =>
    key in s ? clean({ ...s, [key]: undefined }) : undefined;

/** Edits that only let more values through. */
const WIDENINGS: Widening[] = [
  ...['maxLength', 'minimum', 'maximum', 'maxItems', 'pattern', 'format', 'enum'].map(without),
  // A count's lower bound of 0 admits everything: dropping it widens nothing.
  ...['minLength', 'minItems'].map((key) => (s: Obj) => (typeof s[key] === 'number' && s[key] > 0 ? without(key)(s) : undefined)),
  // `exclusiveMinimum` and `minimum` are one bound: dropping the weaker of the two changes nothing.
  (s) =>
    typeof s.exclusiveMinimum === 'number' && !(typeof s.minimum === 'number' && s.minimum > s.exclusiveMinimum) ? without('exclusiveMinimum')(s) : undefined,
  (s) => (typeof s.maxLength === 'number' ? { ...s, maxLength: s.maxLength + 3 } : undefined),
  (s) => (typeof s.minLength === 'number' && s.minLength > 0 ? { ...s, minLength: s.minLength - 1 } : undefined),
  (s) => (typeof s.maximum === 'number' ? { ...s, maximum: s.maximum + 1 } : undefined),
  (s) => (Array.isArray(s.enum) && !s.enum.includes('z') && typeof s.enum[0] === 'string' ? { ...s, enum: [...s.enum, 'z'] } : undefined),
  (s) => (Array.isArray(s.required) && s.required.length ? { ...s, required: s.required.slice(1) } : undefined),
  (s) => (s.additionalProperties === false ? clean({ ...s, additionalProperties: undefined }) : undefined),
  (s) => (s.type === 'integer' ? { ...s, type: 'number' } : typeof s.type === 'string' ? { ...s, type: [s.type, 'null'] } : undefined),
  (s) => (Array.isArray(s.oneOf) ? undefined : { anyOf: [s, { const: 'widened' }] }),
];

/** Every schema one widening away from `s`, applied at any depth. */
function widenings(s: unknown): unknown[] {
  if (typeof s !== 'object' || s === null) return [];
  const node = s as Obj;
  const here = WIDENINGS.map((w) => w(node)).filter((w): w is Obj => w !== undefined);
  const below: unknown[] = [];
  for (const [name, sub] of Object.entries((node.properties ?? {}) as Obj))
    for (const w of widenings(sub)) below.push({ ...node, properties: { ...node.properties, [name]: w } });
  if (node.items !== undefined) for (const w of widenings(node.items)) below.push({ ...node, items: w });
  // Not into `oneOf`: a wider branch can overlap another, and `oneOf` rejects a value that matches two.
  for (const key of ['anyOf']) {
    (node[key] as unknown[] | undefined)?.forEach((branch, i) => {
      for (const w of widenings(branch)) below.push({ ...node, [key]: (node[key] as unknown[]).map((b, j) => (j === i ? w : b)) });
    });
  }
  return [...here, ...below];
}

const breakingOnes = (list: ReturnType<typeof changes>) => list.filter((c) => c.breaking).map((c) => `${c.pointer} ${c.reason}`);

describe('oneOf: a branch that widens into another rejects the values both now match', () => {
  it('a widened branch overlapping a sibling on a new type is breaking', () => {
    const before = { oneOf: [{ type: 'boolean' }, { type: ['string', 'null'] }] };
    const after = { oneOf: [{ type: ['boolean', 'null'] }, { type: ['string', 'null'] }] };
    expect(breakingOnes(changes(before, after, 'request'))).toHaveLength(1);
  });
  it('an overlap two old branches already had loses nothing', () => {
    const before = { oneOf: [{ type: 'boolean' }, { type: 'boolean' }] };
    const after = { oneOf: [{ type: 'boolean' }, { type: ['boolean', 'null'] }] };
    expect(breakingOnes(changes(before, after, 'request'))).toEqual([]);
  });
  it('branches of a different oneOf or anyOf do not clash', () => {
    const before = { anyOf: [{ oneOf: [{ type: 'object' }, { type: 'boolean' }] }, { type: ['string', 'null'] }] };
    const after = { anyOf: [{ oneOf: [{ type: 'object' }, { type: ['boolean', 'null'] }] }, { type: ['string', 'null'] }] };
    expect(breakingOnes(changes(before, after, 'request'))).toEqual([]);
  });
});

describe('breaking-change rules, property-based', () => {
  it('a schema compared with a copy of itself reports nothing, in either direction', () => {
    fc.assert(
      fc.property(schema, (s) => {
        expect(changes(s, structuredClone(s), 'request')).toEqual([]);
        expect(changes(s, structuredClone(s), 'response')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a wider request schema, or a narrower response schema, is never breaking', () => {
    const pairs = schema.chain((s) => {
      const options = widenings(s);
      return options.length ? fc.tuple(fc.constant(s), fc.constantFrom(...options)) : fc.constant([s, s] as [unknown, unknown]);
    });
    fc.assert(
      fc.property(pairs, ([narrow, wide]) => {
        expect(breakingOnes(changes(narrow, wide, 'request'))).toEqual([]);
        expect(breakingOnes(changes(wide, narrow, 'response'))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('finds the widening it is given: every widening of a schema is reported, never silently equal', () => {
    fc.assert(
      fc.property(schema, (s) => {
        for (const wide of widenings(s)) expect(changes(s, wide, 'request').length + changes(wide, s, 'response').length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});
