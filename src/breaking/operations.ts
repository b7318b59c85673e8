// Every operation of a dereferenced OpenAPI document as the gate compares
// them: the document model's walker (openapi-doc/operations.ts, paths then
// webhooks), each with the identity the gate matches on, and the callbacks of
// an operation. Paths are keyed by their template, so `/books/{bookId}` and
// `/books/{id}` are the same path. Webhooks and callbacks are calls the API
// makes to its consumer: their data flows the other way (`reversed`).
import { child } from '../openapi-doc/pointer.js';
import { HTTP_METHODS, operationLabel, specOperations, type SpecOperation } from '../openapi-doc/operations.js';

export interface OperationRef extends Omit<SpecOperation, 'kind' | 'parameters'> {
  kind: SpecOperation['kind'] | 'callback';
  /** `paths post /things/{}` style identity, equal for renamed path parameters. */
  key: string;
  /** `POST /things`, `webhook roomEnded POST`, `callback onEvent POST of POST /subscribe`. */
  label: string;
  /** The API sends this request and the consumer answers it (webhooks, callbacks): the request is read by clients, the response written by them. */
  reversed: boolean;
}

/** `/books/{bookId}` -> `/books/{}`: what a client's URL actually depends on. */
export const pathTemplate = (path: string) => path.replace(/\{[^}]*\}/g, '{}');

export function listOperations(document: Record<string, unknown>): OperationRef[] {
  return specOperations(document, { webhooks: true }).map((op) => ({
    ...op,
    key: op.kind === 'path' ? `paths ${op.method} ${pathTemplate(op.path)}` : `webhooks ${op.method} ${op.path}`,
    label: operationLabel(op),
    reversed: op.kind === 'webhook',
  }));
}

const isObject = (value: unknown): value is Record<string, any> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The operations of `op`'s callbacks (`callbacks.<name>.<expression>.<method>`), keyed by name, expression and method. */
export function callbacksOf(op: OperationRef): OperationRef[] {
  const out: OperationRef[] = [];
  const callbacks = op.operation.callbacks;
  if (!isObject(callbacks)) return out;
  for (const [name, callback] of Object.entries(callbacks)) {
    if (!isObject(callback)) continue;
    for (const [expression, pathItem] of Object.entries(callback)) {
      if (!isObject(pathItem)) continue;
      for (const method of HTTP_METHODS) {
        const operation = pathItem[method];
        if (!isObject(operation)) continue;
        out.push({
          method,
          path: expression,
          kind: 'callback',
          operationId: String(operation.operationId),
          pointer: child(op.pointer, 'callbacks', name, expression, method),
          operation,
          pathItem,
          key: `callbacks ${name} ${expression} ${method}`,
          label: `callback ${name} ${method.toUpperCase()} of ${op.label}`,
          reversed: true,
        });
      }
    }
  }
  return out;
}
