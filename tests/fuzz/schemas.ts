// The request schemas of every operation, read from the bundled specs, with
// `$ref`s resolved: what the fuzzer generates from and mutates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operations } from '../../generated/operations.ts';

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

type Doc = Record<string, any>;
const root = join(import.meta.dirname, '..', '..');

function pointer(doc: Doc, ref: string): any {
  return ref.slice(2).split('/').reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

/** Inlines every local `$ref` (the specs have no recursive schemas). */
function inline(doc: Doc, node: any): any {
  if (Array.isArray(node)) return node.map((n) => inline(doc, n));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') return inline(doc, pointer(doc, node.$ref));
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(doc, v)]));
}

export interface FuzzTarget {
  operationId: keyof typeof operations;
  statuses: readonly number[];
  /** Path parameters by name (all required), if any. */
  path?: Record<string, Schema>;
  body?: Schema;
}

export function fuzzTargets(): FuzzTarget[] {
  const docs = new Map<string, Doc>();
  return Object.values(operations).map((op) => {
    if (!docs.has(op.api)) docs.set(op.api, JSON.parse(readFileSync(join(root, 'generated', 'bundled', `${op.api}.json`), 'utf8')));
    const doc = docs.get(op.api)!;
    const spec = inline(doc, doc.paths[op.path][op.method.toLowerCase()]);
    const params = (spec.parameters ?? []).filter((p: any) => p.in === 'path');
    return {
      operationId: op.operationId,
      statuses: op.statuses,
      path: params.length ? Object.fromEntries(params.map((p: any) => [p.name, p.schema])) : undefined,
      body: spec.requestBody?.content?.['application/json']?.schema,
    };
  });
}
