// fast-check arbitraries for values that satisfy a JSON Schema (the subset
// the specs use): the "valid request" half of the fuzzer.
import fc from 'fast-check';
import type { Schema } from './schemas.ts';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function typeOf(schema: Schema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

/** `^[A-Za-z0-9_-]+$` -> its characters, so exact lengths can be generated directly. */
export function classChars(pattern: string): string[] | undefined {
  const m = /^\^\[([^\]]+)\][+*]\$$/.exec(pattern);
  if (!m) return undefined;
  const chars: string[] = [];
  const body = m[1]!;
  for (let i = 0; i < body.length; i++) {
    if (body[i + 1] === '-' && i + 2 < body.length) {
      for (let c = body.charCodeAt(i); c <= body.charCodeAt(i + 2); c++) chars.push(String.fromCharCode(c));
      i += 2;
    } else chars.push(body[i]!);
  }
  return chars;
}

function stringArb(schema: Schema): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  if (schema.format === 'uuid') return fc.uuid();
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? Math.max(minLength, 40);
  if (schema.pattern) {
    const chars = classChars(schema.pattern);
    if (!chars) throw new Error(`fuzz: unsupported pattern ${schema.pattern}`);
    return fc.string({ unit: fc.constantFrom(...chars), minLength, maxLength });
  }
  // Any Unicode text: the client must encode it and the mock must take it.
  return fc.string({ unit: 'grapheme', minLength, maxLength });
}

/** Extra fields for bodies that accept unknown properties (SignalWire's do). */
const extraKey = fc.stringMatching(/^x_[a-z0-9_]{1,12}$/);

export function validValue(schema: Schema): fc.Arbitrary<unknown> {
  const type = typeOf(schema);
  const nullable = Array.isArray(schema.type) && schema.type.includes('null');
  const arb = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string':
        return stringArb(schema);
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -MAX_SAFE, max: MAX_SAFE });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e9, max: 1e9, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(validValue(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: schema.maxItems ?? 5 });
      case 'object':
        return objectArb(schema);
      default:
        return fc.jsonValue();
    }
  })();
  return nullable ? fc.option(arb, { nil: null }) : arb;
}

function objectArb(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
  const props = schema.properties ?? {};
  const record = fc.record(Object.fromEntries(Object.entries(props).map(([k, s]) => [k, validValue(s)])), {
    requiredKeys: schema.required ?? [],
  }) as fc.Arbitrary<Record<string, unknown>>;
  if (schema.additionalProperties === false) return record;
  const extras = fc.dictionary(
    extraKey.filter((k) => !(k in props)),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 3 },
  );
  return fc.tuple(record, fc.option(extras, { freq: 3 })).map(([r, e]) => (e ? { ...e, ...r } : r));
}
