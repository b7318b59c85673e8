// Turns Ajv's raw errors into field-level messages such as
// `allowed_addresses: at most 10 items, got 11`. Messages describe the value
// (its type, length, count) but never repeat it: it may be a credential.
import type { ValidationIssue } from '../core/errors.js';
import type { SchemaError } from '../../generated/validators/signalwire-video.js';

import { escapeToken, tokensOf, valueAt } from '../openapi-doc/pointer.js';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** `/allowed_addresses/3` -> `allowed_addresses[3]`; the empty pointer -> `fallback`. */
function fieldName(pointer: string, fallback: string): string {
  let out = '';
  for (const key of tokensOf(pointer)) {
    out += /^\d+$/.test(key) ? `[${key}]` : out ? `.${key}` : key;
  }
  return out || fallback;
}

const size = (value: unknown) => (typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : 0);
const count = (n: unknown, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function describe(error: SchemaError, value: unknown): string {
  const p = error.params as Record<string, any>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not an allowed field';
    case 'type':
      return `must be ${String(p.type).split(',').join(' or ')}, got ${kindOf(value)}`;
    case 'maxItems':
      return `at most ${count(p.limit, 'item')}, got ${size(value)}`;
    case 'minItems':
      return `at least ${count(p.limit, 'item')}, got ${size(value)}`;
    case 'maxLength':
      return `at most ${count(p.limit, 'character')}, got ${size(value)}`;
    case 'minLength':
      return `at least ${count(p.limit, 'character')}, got ${size(value)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${p.comparison} ${p.limit}, got ${value}`;
    case 'format':
      return `must be a valid ${p.format}`;
    case 'pattern':
      return `must match ${p.pattern}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    default:
      return `fails the spec's "${error.keyword}" rule`;
  }
}

/**
 * Builds issues from a validator's errors. `strip` maps a full pointer to the
 * caller's own pointer and the field name to show when it is empty.
 */
export function issuesFrom(errors: readonly SchemaError[], data: unknown, strip: (pointer: string) => [pointer: string, fallback: string]): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const extra = (error.params as Record<string, unknown>).missingProperty ?? (error.params as Record<string, unknown>).additionalProperty;
    const full = extra === undefined ? error.instancePath : `${error.instancePath}/${escapeToken(String(extra))}`;
    const [pointer, fallback] = strip(full);
    const issue = { field: fieldName(pointer, fallback), pointer, message: describe(error, valueAt(data, error.instancePath)) };
    const key = `${issue.pointer} ${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}
