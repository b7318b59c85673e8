// The request schemas of every operation, read from the bundled specs, with
// `$ref`s resolved: what the fuzzer generates from and mutates.
import { operations } from '../../../generated/operations.ts';
import { loadBundledSpec } from '../../../src/openapi-doc/bundled.ts';
import { dereference, specOperations, type SpecOperation } from '../../../src/openapi-doc/index.ts';

export type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  $ref?: string;
};

export interface FuzzTarget {
  operationId: keyof typeof operations;
  statuses: readonly number[];
  /** Path parameters by name (all required), if any. */
  path?: Record<string, Schema>;
  body?: Schema;
}

export function fuzzTargets(): FuzzTarget[] {
  const byApi = new Map<string, Map<string, SpecOperation>>();
  return Object.values(operations).map((op) => {
    if (!byApi.has(op.api)) {
      // Fully dereferenced (cycle-safe), so each schema is self-contained.
      const doc = dereference(loadBundledSpec(op.api).document);
      byApi.set(op.api, new Map(specOperations(doc).map((o) => [o.operationId, o])));
    }
    const spec = byApi.get(op.api)!.get(op.operationId)!;
    const params = spec.parameters.filter((p) => p.in === 'path');
    return {
      operationId: op.operationId,
      statuses: op.statuses,
      path: params.length ? Object.fromEntries(params.map((p) => [p.name, p.node.schema as Schema])) : undefined,
      body: spec.operation.requestBody?.content?.['application/json']?.schema,
    };
  });
}
