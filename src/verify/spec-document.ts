// Reads one operation of an OpenAPI document (as walked by specOperations in
// src/openapi-doc/) into the facts verification needs: its examples,
// parameters, documented responses and security.
import { ConfigError } from '../core/errors.js';
import { bundledSpecNames, loadBundledSpec } from '../openapi-doc/bundled.js';
import { child, deref as derefNode, resolveRef, type SpecOperation } from '../openapi-doc/index.js';

export type Schema = Record<string, any>;
export type OpenApiDocument = { paths: Record<string, Record<string, any>>; security?: Record<string, string[]>[]; components?: Record<string, any> };

interface DocumentedResponse {
  description: string;
  /** `x-wrong-method`: a request with another HTTP method gets this response too. */
  wrongMethod: boolean;
  /** JSON pointer (inside the document) of the application/json schema, if the response has one. */
  schemaPointer?: string;
}

export interface OperationSpec {
  operationId: string;
  method: string;
  path: string;
  pathParams: { name: string; schema: Schema; example: unknown }[];
  body?: { required: boolean; schema: Schema; examples: { name: string; value: unknown }[] };
  responses: Map<number, DocumentedResponse>;
  /** True when every security alternative needs a credential (no anonymous `{}`). */
  requiresAuth: boolean;
  /** `x-state-changing`: why a call changes state, false when it stores nothing, undefined when the spec does not say. */
  stateChanging?: string | false;
  /** `x-body-limit`: the largest request body accepted, in bytes. */
  bodyLimit?: number;
}

/** The names of the bundled APIs (signalwire-video, proconf-app, ...). */
export function apiNames(): string[] {
  return bundledSpecNames();
}

export function loadDocument(api: string): OpenApiDocument {
  if (!apiNames().includes(api)) throw new ConfigError(`unknown api "${api}"; one of: ${apiNames().join(', ')}`);
  return loadBundledSpec(api).document as OpenApiDocument;
}

/** A schema with its top-level $ref resolved (properties keep their own $refs). */
export function deref(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  return derefNode(doc, schema);
}

function exampleOf(doc: OpenApiDocument, holder: any): unknown {
  const schema = deref(doc, holder?.schema ?? holder);
  return holder?.example ?? schema.example ?? (Array.isArray(schema.examples) ? schema.examples[0] : undefined);
}

function responsesOf(doc: OpenApiDocument, operation: any, base: string): Map<number, DocumentedResponse> {
  const out = new Map<number, DocumentedResponse>();
  for (const [status, raw] of Object.entries<any>(operation.responses ?? {})) {
    const { node, pointer } = resolveRef(doc, raw, `${base}/responses/${status}`);
    const hasJson = node?.content?.['application/json']?.schema !== undefined;
    out.set(Number(status), {
      description: String(node?.description ?? ''),
      wrongMethod: node?.['x-wrong-method'] === true,
      schemaPointer: hasJson ? child(pointer, 'content', 'application/json', 'schema') : undefined,
    });
  }
  return out;
}

/** Names of the examples of every non-2xx response: request examples so named provoke that error. */
function errorExampleNames(doc: OpenApiDocument, operation: any): Set<string> {
  return new Set(
    Object.entries<any>(operation.responses ?? {})
      .filter(([status]) => !status.startsWith('2'))
      .flatMap(([, raw]) => Object.keys(resolveRef(doc, raw, '').node?.content?.['application/json']?.examples ?? {})),
  );
}

function bodyOf(doc: OpenApiDocument, operation: any): OperationSpec['body'] {
  if (!operation.requestBody) return undefined;
  const body = resolveRef(doc, operation.requestBody, '').node as any;
  const media = body?.content?.['application/json'];
  if (!media) return undefined;
  const errors = errorExampleNames(doc, operation);
  // Request examples paired by name with an error response provoke it: not valid requests.
  const named = Object.entries<any>(media.examples ?? {})
    .filter(([name]) => !errors.has(name))
    .map(([name, ex]) => ({ name, value: resolveRef(doc, ex, '').node?.value }));
  const examples = named.length ? named : [{ name: 'example', value: media.example ?? exampleOf(doc, media) }];
  return { required: body.required === true, schema: deref(doc, media.schema), examples: examples.filter((e) => e.value !== undefined) };
}

/** What verify needs of one operation of `doc` (walk the document with `specOperations`). */
export function operationSpec(doc: OpenApiDocument, op: SpecOperation): OperationSpec {
  const security: Record<string, string[]>[] = op.operation.security ?? doc.security ?? [];
  const stateChanging = op.operation['x-state-changing'];
  return {
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    path: op.path,
    pathParams: op.parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: deref(doc, p.node.schema), example: exampleOf(doc, p.node) })),
    body: bodyOf(doc, op.operation),
    responses: responsesOf(doc, op.operation, op.pointer),
    requiresAuth: security.length > 0 && !security.some((s) => Object.keys(s).length === 0),
    stateChanging: typeof stateChanging === 'string' ? stateChanging : stateChanging === false ? false : undefined,
    bodyLimit: typeof op.operation['x-body-limit'] === 'number' ? op.operation['x-body-limit'] : undefined,
  };
}
