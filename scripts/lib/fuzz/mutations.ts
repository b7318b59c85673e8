// Invalid requests by mutation: start from a valid value and break exactly
// one rule of the schema. Each mutant names the rule and the JSON pointer of
// the field it broke, so the fuzzer can check the rejection names that field.
import fc from 'fast-check';
import { escapeToken } from '../../../src/openapi-doc/pointer.ts';
import { classChars, validValue } from './arbitraries.ts';
import type { Schema } from './schemas.ts';

export interface Mutant {
  rule: string;
  pointer: string;
  value: unknown;
}

const VALUES_BY_TYPE: Record<string, unknown> = { string: 'text', integer: 7, number: 1.5, boolean: true, array: [], object: {}, null: null };

function allowedTypes(schema: Schema): Set<string> {
  const types = new Set(Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);
  if (types.has('number')) types.add('integer');
  return types;
}

/** Values that break `schema` by themselves (the field is present, its value is wrong). */
export function badValues(schema: Schema, pointer: string): fc.Arbitrary<Mutant>[] {
  const out: fc.Arbitrary<Mutant>[] = [];
  const add = (rule: string, arb: fc.Arbitrary<unknown>, at = pointer) => out.push(arb.map((value) => ({ rule, pointer: at, value })));
  const types = allowedTypes(schema);
  if (types.size) {
    const wrong = Object.keys(VALUES_BY_TYPE).filter((t) => !types.has(t) && !(t === 'integer' && types.has('number')));
    add(
      'wrong type',
      fc.constantFrom(...wrong).map((t) => structuredClone(VALUES_BY_TYPE[t])),
    );
  }
  if (schema.enum)
    add(
      'not in enum',
      fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !schema.enum!.includes(s)),
    );
  if (schema.format === 'uuid')
    add(
      'bad format (uuid)',
      fc.stringMatching(/^[a-z0-9-]{1,40}$/).filter((s) => !/^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(s)),
    );
  if (schema.minLength) add('shorter than minLength', fc.string({ maxLength: schema.minLength - 1, unit: charUnit(schema) }));
  if (schema.maxLength !== undefined)
    add('longer than maxLength', fc.string({ minLength: schema.maxLength + 1, maxLength: schema.maxLength + 20, unit: charUnit(schema) }));
  if (schema.pattern) {
    const length = schema.minLength ?? 1;
    add(
      'pattern mismatch',
      fc
        .tuple(
          fc.string({ minLength: length - 1, maxLength: length - 1, unit: charUnit(schema) }),
          fc.constantFrom('!', ' ', '.', '/', 'é'),
          fc.nat(length - 1),
        )
        .map(([s, bad, at]) => s.slice(0, at) + bad + s.slice(at)),
    );
  }
  if (schema.minimum !== undefined) add('below minimum', fc.integer({ min: -1_000_000, max: schema.minimum - 1 }));
  if (schema.maxItems !== undefined && schema.items) {
    add('more than maxItems', fc.array(validValue(schema.items), { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 5 }));
  }
  if (schema.items) {
    // One bad item inside an otherwise valid array.
    const max = Math.max(1, Math.min(schema.maxItems ?? 5, 5));
    for (const bad of badValues(schema.items, '')) {
      out.push(
        fc.tuple(fc.array(validValue(schema.items), { minLength: 1, maxLength: max }), bad, fc.nat()).map(([items, m, i]) => {
          const at = i % items.length;
          items[at] = m.value;
          return { rule: `item: ${m.rule}`, pointer: `${pointer}/${at}`, value: items };
        }),
      );
    }
  }
  return out;
}

/** A valid string's characters, so a length mutant breaks only the length. */
function charUnit(schema: Schema): fc.Arbitrary<string> {
  const chars = schema.pattern ? classChars(schema.pattern) : undefined;
  return chars ? fc.constantFrom(...chars) : fc.constantFrom('a', 'b', 'z', '1');
}

/** Every way to break an object body: drop, retype or overflow one field, add an unknown one, or not be an object. */
export function mutants(schema: Schema): fc.Arbitrary<Mutant> {
  const valid = validValue(schema) as fc.Arbitrary<Record<string, unknown>>;
  const options: fc.Arbitrary<Mutant>[] = [];
  for (const key of schema.required ?? []) {
    options.push(
      valid.map((v) => {
        const { [key]: _dropped, ...rest } = v;
        return { rule: 'dropped required field', pointer: `/${escapeToken(key)}`, value: rest };
      }),
    );
  }
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    for (const bad of badValues(prop, `/${escapeToken(key)}`)) {
      options.push(fc.tuple(valid, bad).map(([v, m]) => ({ ...m, value: { ...v, [key]: m.value } })));
    }
  }
  if (schema.additionalProperties === false) {
    const unknown = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,15}$/).filter((k) => !(k in (schema.properties ?? {})));
    options.push(
      fc
        .tuple(valid, unknown, fc.jsonValue({ maxDepth: 1 }))
        .map(([v, k, x]) => ({ rule: 'unknown field', pointer: `/${escapeToken(k)}`, value: { ...v, [k]: x } })),
    );
  }
  options.push(fc.constantFrom([], 'text', 42, true).map((value) => ({ rule: 'body not an object', pointer: '', value })));
  return fc.oneof(...options);
}
