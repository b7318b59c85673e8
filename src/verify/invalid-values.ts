// Values that violate one schema keyword each, derived from the schema
// itself: a wrong type, an enum miss, a length, pattern, format or range
// breach, too many items. Pure: the same schema always gives the same values.
import { randomUUID } from 'node:crypto';
import type { Schema } from './spec-document.js';

export interface InvalidValue {
  /** What the value violates, e.g. `shorter than minLength 1`. */
  label: string;
  value: unknown;
}

const FORMAT_BREAKERS: Record<string, string> = {
  uuid: 'not-a-uuid',
  'date-time': 'not-a-date-time',
  date: 'not-a-date',
  uri: 'not a uri',
  email: 'not-an-email',
};

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return typeof schema.type === 'string' ? [schema.type] : [];
}

function wrongType(types: string[]): InvalidValue | undefined {
  if (types.length === 0) return undefined;
  if (!types.includes('string')) return { label: `wrong type (string instead of ${types.join('|')})`, value: 'not-a-number' };
  if (!types.includes('number') && !types.includes('integer')) return { label: `wrong type (number instead of ${types.join('|')})`, value: 12345 };
  return undefined;
}

function validItem(items: Schema): unknown {
  if (items.format === 'uuid') return randomUUID();
  return items.example ?? (Array.isArray(items.examples) ? items.examples[0] : 'x');
}

function stringBreakers(schema: Schema): InvalidValue[] {
  const out: InvalidValue[] = [];
  const min: number | undefined = schema.minLength;
  if (typeof min === 'number' && min > 0) out.push({ label: `shorter than minLength ${min}`, value: 'x'.repeat(min - 1) });
  if (typeof schema.maxLength === 'number') out.push({ label: `longer than maxLength ${schema.maxLength}`, value: 'x'.repeat(schema.maxLength + 1) });
  if (typeof schema.pattern === 'string') {
    // Right length, wrong characters: only the pattern is broken.
    const candidate = '!'.repeat(Math.max(min ?? 1, 1));
    if (!new RegExp(schema.pattern, 'u').test(candidate)) out.push({ label: `does not match pattern ${schema.pattern}`, value: candidate });
  }
  const breaker = FORMAT_BREAKERS[schema.format as string];
  if (breaker) out.push({ label: `not a ${schema.format}`, value: breaker });
  return out;
}

function numberBreakers(schema: Schema, types: string[]): InvalidValue[] {
  const out: InvalidValue[] = [];
  if (types.includes('integer') && !types.includes('number')) out.push({ label: 'not an integer', value: 1.5 });
  if (typeof schema.minimum === 'number') out.push({ label: `below minimum ${schema.minimum}`, value: schema.minimum - 1 });
  if (typeof schema.maximum === 'number') out.push({ label: `above maximum ${schema.maximum}`, value: schema.maximum + 1 });
  return out;
}

function arrayBreakers(schema: Schema, resolveSchema: (s: Schema) => Schema): InvalidValue[] {
  const items = resolveSchema(schema.items ?? {});
  const out: InvalidValue[] = [];
  if (typeof schema.minItems === 'number' && schema.minItems > 0) {
    out.push({ label: `fewer than minItems ${schema.minItems}`, value: Array.from({ length: schema.minItems - 1 }, () => validItem(items)) });
  }
  if (typeof schema.maxItems === 'number') {
    out.push({ label: `more than maxItems ${schema.maxItems}`, value: Array.from({ length: schema.maxItems + 1 }, () => validItem(items)) });
  }
  for (const bad of invalidValues(items, resolveSchema)) out.push({ label: `item ${bad.label}`, value: [bad.value] });
  return out;
}

/** One invalid value per keyword the schema constrains. `resolveSchema` follows $refs. */
export function invalidValues(raw: Schema, resolveSchema: (s: Schema) => Schema = (s) => s): InvalidValue[] {
  const schema = resolveSchema(raw);
  const types = typesOf(schema);
  const out: InvalidValue[] = [];
  const typeBreaker = wrongType(types);
  if (typeBreaker) out.push(typeBreaker);
  if (Array.isArray(schema.enum)) out.push({ label: `not one of ${schema.enum.join(', ')}`, value: 'not-an-allowed-value' });
  if (types.includes('string')) out.push(...stringBreakers(schema));
  if (types.includes('integer') || types.includes('number')) out.push(...numberBreakers(schema, types));
  if (types.includes('array')) out.push(...arrayBreakers(schema, resolveSchema));
  return out;
}
