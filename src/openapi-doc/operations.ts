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
  /** The path template, or the webhook's name. */
  path: string;
  /** `path` for `paths`, `webhook` for (3.1) `webhooks`. */
  kind: 'path' | 'webhook';
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

/** Every operation of a bundled document; with `webhooks`, the (3.1) webhooks' operations after the paths'. */
export function specOperations(doc: Json, { webhooks = false } = {}): SpecOperation[] {
  const out: SpecOperation[] = [];
  collect(doc, 'path', out);
  if (webhooks) collect(doc, 'webhook', out);
  return out;
}

function collect(doc: Json, kind: SpecOperation['kind'], out: SpecOperation[]): void {
  const section = kind === 'path' ? 'paths' : 'webhooks';
  const items = doc[section];
  if (!items || typeof items !== 'object') return;
  for (const [path, rawItem] of Object.entries(items as Record<string, Json>)) {
    const itemAt = pointer(section, path);
    const { node: pathItem = {} } = resolveRef(doc, rawItem, itemAt);
    const shared = parametersOf(doc, pathItem.parameters, child(itemAt, 'parameters'));
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as Json | undefined;
      if (!operation) continue;
      const opAt = child(itemAt, method);
      const own = parametersOf(doc, operation.parameters, child(opAt, 'parameters'));
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      out.push({ method, path, kind, operationId: String(operation.operationId), pointer: opAt, operation, pathItem, parameters });
    }
  }
}

/** `POST /api/things` (or `webhook newThing POST`), the way readers and reports name an operation. */
export function operationLabel(op: { method: string; path: string; kind?: SpecOperation['kind'] }): string {
  return op.kind === 'webhook' ? `webhook ${op.path} ${op.method.toUpperCase()}` : `${op.method.toUpperCase()} ${op.path}`;
}
