// Reads one bundled OpenAPI document into the facts verification needs:
// operations, their examples, parameters, documented responses and security.
import { ConfigError } from '../core/errors.js';
import { bundledSpecNames, loadBundledSpec } from '../mock/specs.js';

export type Schema = Record<string, any>;
export type OpenApiDocument = { paths: Record<string, Record<string, any>>; security?: Record<string, string[]>[]; components?: Record<string, any> };

export interface DocumentedResponse {
  description: string;
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
}

/** The names of the bundled APIs (signalwire-video, proconf-app, ...). */
export function apiNames(): string[] {
  return bundledSpecNames();
}

export function loadDocument(api: string): OpenApiDocument {
  if (!apiNames().includes(api)) throw new ConfigError(`unknown api "${api}"; one of: ${apiNames().join(', ')}`);
  return loadBundledSpec(api).document as OpenApiDocument;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (key: string) => key.replace(/~1/g, '/').replace(/~0/g, '~');

/** Follows local $refs; returns the node and the JSON pointer it lives at. */
export function resolve(doc: OpenApiDocument, node: any, pointer: string): { node: any; pointer: string } {
  for (let hops = 0; node && typeof node.$ref === 'string' && node.$ref.startsWith('#/'); hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${pointer}`);
    pointer = node.$ref.slice(1);
    node = pointer.slice(1).split('/').reduce((o: any, k: string) => o?.[unescape(k)], doc);
  }
  return { node, pointer };
}

/** A schema with its top-level $ref resolved (properties keep their own $refs). */
export function deref(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  return resolve(doc, schema ?? {}, '').node ?? {};
}

function exampleOf(doc: OpenApiDocument, holder: any): unknown {
  const schema = deref(doc, holder?.schema ?? holder);
  return holder?.example ?? schema.example ?? (Array.isArray(schema.examples) ? schema.examples[0] : undefined);
}

function responsesOf(doc: OpenApiDocument, operation: any, base: string): Map<number, DocumentedResponse> {
  const out = new Map<number, DocumentedResponse>();
  for (const [status, raw] of Object.entries<any>(operation.responses ?? {})) {
    const { node, pointer } = resolve(doc, raw, `${base}/responses/${status}`);
    const hasJson = node?.content?.['application/json']?.schema !== undefined;
    out.set(Number(status), {
      description: String(node?.description ?? ''),
      schemaPointer: hasJson ? `${pointer}/content/${escape('application/json')}/schema` : undefined,
    });
  }
  return out;
}

/** Names of the examples of every non-2xx response: request examples so named provoke that error. */
function errorExampleNames(doc: OpenApiDocument, operation: any): Set<string> {
  return new Set(Object.entries<any>(operation.responses ?? {})
    .filter(([status]) => !status.startsWith('2'))
    .flatMap(([, raw]) => Object.keys(resolve(doc, raw, '').node?.content?.['application/json']?.examples ?? {})));
}

function bodyOf(doc: OpenApiDocument, operation: any): OperationSpec['body'] {
  if (!operation.requestBody) return undefined;
  const body = resolve(doc, operation.requestBody, '').node;
  const media = body?.content?.['application/json'];
  if (!media) return undefined;
  const errors = errorExampleNames(doc, operation);
  // Request examples paired by name with an error response provoke it: not valid requests.
  const named = Object.entries<any>(media.examples ?? {})
    .filter(([name]) => !errors.has(name))
    .map(([name, ex]) => ({ name, value: resolve(doc, ex, '').node?.value }));
  const examples = named.length ? named : [{ name: 'example', value: media.example ?? exampleOf(doc, media) }];
  return { required: body.required === true, schema: deref(doc, media.schema), examples: examples.filter((e) => e.value !== undefined) };
}

export function listOperations(doc: OpenApiDocument): OperationSpec[] {
  const ops: OperationSpec[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
      const operation = item[method];
      if (!operation) continue;
      const base = `/paths/${escape(path)}/${method}`;
      const params = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) => resolve(doc, p, '').node);
      const security: Record<string, string[]>[] = operation.security ?? doc.security ?? [];
      ops.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: deref(doc, p.schema), example: exampleOf(doc, p) })),
        body: bodyOf(doc, operation),
        responses: responsesOf(doc, operation, base),
        requiresAuth: security.length > 0 && !security.some((s) => Object.keys(s).length === 0),
      });
    }
  }
  return ops;
}
