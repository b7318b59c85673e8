// The requests verification sends for one operation: the spec's examples
// (expected to succeed), then requests that break the spec one way each
// (expected to be refused with the documented status).
import { invalidValues } from './invalid-values.js';
import type { OperationSpec, Schema } from './spec-document.js';

export interface Check {
  /** Unique and stable: `operationId: label`. Use it with `skip`. */
  id: string;
  operationId: string;
  label: string;
  method: string;
  /** Path with parameters filled in. */
  path: string;
  /** The raw body, already serialized (may be deliberately malformed). */
  body?: string;
  /** Whether the check sends the target's credentials. */
  credentials: boolean;
  /** Statuses that pass. */
  expect: number[];
}

export interface CheckInputs {
  /** Path parameter values for the valid requests (default: the spec's examples). */
  params?: Record<string, string>;
  resolveSchema: (schema: Schema) => Schema;
}

function fillPath(op: OperationSpec, values: Record<string, string>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

/** The status a spec-conforming server gives an invalid request: 400, else 422. */
function refusalStatuses(op: OperationSpec): number[] {
  const candidates = [400, 422].filter((s) => op.responses.has(s));
  return candidates.length ? candidates.slice(0, 1) : [...op.responses.keys()].filter((s) => s >= 400 && s < 500 && s !== 401);
}

function successStatuses(op: OperationSpec): number[] {
  return [...op.responses.keys()].filter((s) => s >= 200 && s < 300);
}

/** The spec's `x-body-limit`, when the operation also documents the 413 that enforces it. */
export function documentedBodyLimit(op: OperationSpec): number | undefined {
  return op.responses.has(413) ? op.bodyLimit : undefined;
}

/** The first unconstrained string property of an example body: padding it keeps the body valid. */
function paddableProperty(schema: Schema, example: Record<string, unknown>, resolveSchema: CheckInputs['resolveSchema']): string | undefined {
  return Object.keys(example).find((name) => {
    const prop = resolveSchema(schema.properties?.[name] ?? {});
    return prop.type === 'string' && prop.maxLength === undefined && !prop.pattern && !prop.enum && !prop.format;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

export function checksFor(op: OperationSpec, inputs: CheckInputs): Check[] {
  const params = Object.fromEntries(op.pathParams.map((p) => [p.name, inputs.params?.[p.name] ?? String(p.example ?? '')]));
  const path = fillPath(op, params);
  const make = (label: string, rest: Partial<Check> & Pick<Check, 'expect'>): Check => ({
    id: `${op.operationId}: ${label}`,
    operationId: op.operationId,
    label,
    method: op.method,
    path,
    credentials: true,
    ...rest,
  });
  const examples = op.body?.examples ?? [];
  const firstBody = examples[0] ? JSON.stringify(examples[0].value) : undefined;
  const checks: Check[] = examples.length
    ? examples.map((ex) => make(`valid example "${ex.name}"`, { body: JSON.stringify(ex.value), expect: successStatuses(op) }))
    : [make('valid request', { expect: successStatuses(op) })];

  if (op.requiresAuth) checks.push(make('no credentials', { body: firstBody, credentials: false, expect: [401] }));

  const refused = refusalStatuses(op);
  for (const param of op.pathParams) {
    for (const bad of invalidValues(param.schema, inputs.resolveSchema)) {
      if (typeof bad.value !== 'string' || bad.value === '') continue; // a path segment is always a non-empty string
      checks.push(
        make(`path parameter ${param.name} ${bad.label}`, { path: fillPath(op, { ...params, [param.name]: bad.value }), body: firstBody, expect: refused }),
      );
    }
  }

  const base = examples[0]?.value;
  if (op.body && isObject(base)) {
    const schema = op.body.schema;
    const bodyCheck = (label: string, body: unknown) => checks.push(make(label, { body: JSON.stringify(body), expect: refused }));
    for (const name of schema.required ?? []) {
      const { [name]: _omitted, ...rest } = base;
      bodyCheck(`body without required ${name}`, rest);
    }
    for (const [name, prop] of Object.entries<Schema>(schema.properties ?? {})) {
      for (const bad of invalidValues(prop, inputs.resolveSchema)) bodyCheck(`body ${name} ${bad.label}`, { ...base, [name]: bad.value });
    }
    if (schema.additionalProperties === false) bodyCheck('body with an unknown property', { ...base, unknown_property: 'x' });
    bodyCheck('body is an array, not an object', [base]);
    checks.push(make('body is not valid JSON', { body: firstBody!.slice(0, -1), expect: refused }));
    if (op.body.required) checks.push(make('no body', { expect: refused }));

    const limit = documentedBodyLimit(op);
    const pad = paddableProperty(schema, base, inputs.resolveSchema);
    if (limit && pad) {
      const padded = { ...base, [pad]: 'x'.repeat(limit + 1) };
      checks.push(make(`body over ${limit} bytes (otherwise valid)`, { body: JSON.stringify(padded), expect: [413] }));
    }
  }

  // A response marked `x-wrong-method`: another HTTP method must give it.
  const wrongMethod = [...op.responses].find(([, r]) => r.wrongMethod)?.[0];
  if (wrongMethod !== undefined) {
    const other = op.method === 'GET' ? 'DELETE' : 'GET';
    checks.push(make(`wrong method ${other}`, { method: other, expect: [wrongMethod] }));
  }
  return checks;
}
