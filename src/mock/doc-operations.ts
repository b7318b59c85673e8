// The bundled documents' operations in the shape Prism reads them into
// (@stoplight/types' IHttpOperation), read through the one spec model
// (src/openapi-doc) without Prism: `mock --scenarios` prints its table where
// only the package is installed. Only what the table reads is filled in
// (examples as Prism lists them, schemas, security); tests/mock compare it with
// Prism's own reading of every bundled document.
import type { HttpSecurityScheme, IHttpOperation, IHttpOperationResponse, IHttpPathParam, IMediaTypeContent, INodeExample } from '@stoplight/types';
import { operationFacts, type OperationFacts } from '../../generated/operation-facts.js';
import { loadBundledSpecs } from '../openapi-doc/bundled.js';
import { dereference, specOperations, type Json } from '../openapi-doc/index.js';

/** A document's operations with the API (document) each came from. */
export interface DocApi {
  name: string;
  operations: IHttpOperation[];
}

/** Named examples, after the `example` (or the schema's first example) Prism lists first as `default`. */
function examplesOf(node: Json, fallback?: unknown): INodeExample[] {
  const first = 'example' in node ? node.example : fallback;
  const named = Object.entries((node.examples ?? {}) as Record<string, Json>).map(([key, e]) => ({
    id: key,
    key,
    value: e.value,
    ...(typeof e.summary === 'string' && { summary: e.summary }),
    ...(typeof e.description === 'string' && { description: e.description }),
  }));
  return [...(first === undefined ? [] : [{ id: 'default', key: 'default', value: first }]), ...named];
}

function contentsOf(content: Json | undefined): IMediaTypeContent[] {
  return Object.entries((content ?? {}) as Record<string, Json>).map(([mediaType, media]) => ({
    id: mediaType,
    mediaType,
    schema: media.schema,
    examples: examplesOf(media, (media.schema as Json | undefined)?.examples?.[0]),
  }));
}

function schemeOf(scheme: Json): HttpSecurityScheme {
  const base = { id: String(scheme.key), key: String(scheme.key) };
  if (scheme.type === 'http') return { ...base, type: 'http', scheme: String(scheme.scheme).toLowerCase() } as HttpSecurityScheme;
  if (scheme.type === 'apiKey') return { ...base, type: 'apiKey', name: String(scheme.name), in: scheme.in } as HttpSecurityScheme;
  return { ...base, type: scheme.type } as HttpSecurityScheme;
}

/** Each security alternative as a list of schemes (`{}`, anonymous, as an empty one). */
function securityOf(doc: Json, requirements: unknown): HttpSecurityScheme[][] | undefined {
  if (!Array.isArray(requirements)) return undefined;
  const schemes = (doc.components?.securitySchemes ?? {}) as Record<string, Json>;
  return requirements.map((alternative: Json) =>
    Object.keys(alternative)
      .filter((key) => schemes[key])
      .map((key) => schemeOf({ ...schemes[key], key })),
  );
}

export function docOperations(document: Record<string, unknown>): IHttpOperation[] {
  const doc = dereference(document) as Json;
  return specOperations(doc).map((op) => {
    const body = op.operation.requestBody as Json | undefined;
    const path: IHttpPathParam[] = op.parameters
      .filter((p) => p.in === 'path')
      .map((p) => ({ id: p.name, name: p.name, style: 'simple' as IHttpPathParam['style'], schema: p.node.schema, examples: examplesOf(p.node) }));
    const responses: IHttpOperationResponse[] = Object.entries((op.operation.responses ?? {}) as Record<string, Json>).map(([code, response]) => ({
      id: code,
      code,
      contents: contentsOf(response.content),
    }));
    const security = securityOf(doc, op.operation.security ?? doc.security);
    return {
      id: op.pointer,
      iid: op.operationId,
      method: op.method,
      path: op.path,
      request: { path, ...(body && { body: { id: 'body', contents: contentsOf(body.content) } }) },
      responses,
      ...(security && { security }),
    };
  });
}

/** Every bundled API's operations, read without Prism. */
export function bundledDocApis(): DocApi[] {
  return loadBundledSpecs().map(({ name, document }) => ({ name, operations: docOperations(document) }));
}

const facts = operationFacts as Readonly<Record<string, OperationFacts>>;

/** The spec's `x-body-limit` of an operation, if it states one (larger bodies get its 413). */
export const bodyLimitOf = (operationId: string | undefined): number | undefined => facts[operationId ?? '']?.bodyLimit;

/** The status of the response the spec marks `x-wrong-method`: what a request with another method gets. */
export const wrongMethodStatusOf = (operationId: string | undefined): number | undefined => facts[operationId ?? '']?.wrongMethodStatus;
