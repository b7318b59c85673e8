// The one operation walker: every HTTP method OpenAPI 3.1 knows, in document
// order, with path-level parameters merged under operation-level ones.
import { child, pointer } from './pointer.js';
import { resolveRef, type Json } from './resolve.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface SpecParameter {
  name: string;
  in: string;
  required: boolean;
  /** The parameter object, its own `$ref` followed. */
  node: Json;
  /** Where the parameter object lives (its schema is at `${pointer}/schema`). */
  pointer: string;
}

export interface SpecOperation {
  method: HttpMethod;
  path: string;
  operationId: string;
  /** `/paths/~1things/post` */
  pointer: string;
  operation: Json;
  pathItem: Json;
  /** Path-level and operation-level parameters, resolved; the operation's win on (name, in). */
  parameters: SpecParameter[];
}

function parametersOf(doc: Json, list: unknown, at: string): SpecParameter[] {
  return (Array.isArray(list) ? list : []).flatMap((raw, i) => {
    const { node, pointer: ptr } = resolveRef(doc, raw, child(at, i));
    return node ? [{ name: String(node.name), in: String(node.in), required: node.required === true, node, pointer: ptr }] : [];
  });
}

/** Every operation of a bundled document. */
export function specOperations(doc: Json): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    const itemAt = pointer('paths', path);
    const { node: pathItem = {} } = resolveRef(doc, rawItem, itemAt);
    const shared = parametersOf(doc, pathItem.parameters, child(itemAt, 'parameters'));
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as Json | undefined;
      if (!operation) continue;
      const opAt = child(itemAt, method);
      const own = parametersOf(doc, operation.parameters, child(opAt, 'parameters'));
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      out.push({ method, path, operationId: String(operation.operationId), pointer: opAt, operation, pathItem, parameters });
    }
  }
  return out;
}

/** `POST /api/things`, the way readers and reports name an operation. */
export function operationLabel(op: { method: string; path: string }): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}
