// Test-side access to the bundled specs: documented statuses, named examples,
// and JSON Schema 2020-12 validation of bodies (Prism checks 3.1 with
// draft-07 rules). Built on the verifier's spec reader so
// tests and `npm run verify` judge bodies the same way.
import { createBodyValidator, type BodyValidator } from '../../src/verify/response-validator.ts';
import { resolveRef, specOperations } from '../../src/openapi-doc/index.ts';
import { operationSpec, loadDocument, type OpenApiDocument, type OperationSpec } from '../../src/verify/spec-document.ts';

const cache = new Map<string, { doc: OpenApiDocument; ops: OperationSpec[]; validate: BodyValidator }>();
/** One API's document, operations and body validator, built once per worker (an Ajv instance compiles its meta-schema: ~40 ms). */
export function specApi(name: string) {
  let entry = cache.get(name);
  if (!entry) {
    const doc = loadDocument(name);
    entry = { doc, ops: specOperations(doc).map((o) => operationSpec(doc, o)), validate: createBodyValidator(name, doc) };
    cache.set(name, entry);
  }
  return entry;
}

function operation(name: string, path: string, method: string): OperationSpec {
  const op = specApi(name).ops.find((o) => o.path === path && o.method === method.toUpperCase());
  if (!op) throw new Error(`${name}: no ${method} ${path}`);
  return op;
}

/** Statuses the spec documents for one operation. */
export function documentedStatuses(name: string, path: string, method = 'post'): number[] {
  return [...operation(name, path, method).responses.keys()];
}

/** Named examples of one response, resolved. */
export function responseExamples(name: string, path: string, status: number, method = 'post'): Record<string, unknown> {
  const pointer = operation(name, path, method).responses.get(status)?.schemaPointer;
  if (!pointer) return {};
  const { doc } = specApi(name);
  const media = resolveRef(doc, { $ref: `#${pointer.replace(/\/schema$/, '')}` }, '').node ?? {};
  return Object.fromEntries(Object.entries<any>(media.examples ?? {}).map(([k, v]) => [k, resolveRef(doc, v, '').node?.value]));
}

/** '' when the body matches the documented schema for that status, else the validator's messages. */
export function responseSchemaErrors(name: string, path: string, status: number, body: unknown, method = 'post'): string {
  const pointer = operation(name, path, method).responses.get(status)?.schemaPointer;
  if (!pointer) return `status ${status} is not documented for ${method.toUpperCase()} ${path}`;
  return specApi(name).validate(pointer, body).join('; ');
}

/** Every named request example of one operation (body, or path parameters), resolved: name -> request. */
export function requestExamples(name: string, path: string, method = 'post'): Record<string, { body?: unknown; params: Record<string, unknown> }> {
  const { doc } = specApi(name);
  const raw = doc.paths[path]?.[method];
  const out: Record<string, { body?: unknown; params: Record<string, unknown> }> = {};
  const media = raw?.requestBody ? resolveRef(doc, raw.requestBody, '').node?.content?.['application/json'] : undefined;
  for (const [key, ex] of Object.entries<any>(media?.examples ?? {})) out[key] = { body: resolveRef(doc, ex, '').node?.value, params: {} };
  for (const p of (raw?.parameters ?? []).map((x: unknown) => resolveRef(doc, x, '').node)) {
    for (const [key, ex] of Object.entries<any>(p.examples ?? {})) (out[key] ??= { params: {} }).params[p.name] = ex.value;
  }
  return out;
}
