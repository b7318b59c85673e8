// Every operation of a dereferenced OpenAPI document as the gate compares
// them: paths and (3.1) webhooks, in document order (the spec core's methods). Paths are keyed by their template, so
// `/books/{bookId}` and `/books/{id}` are the same path.
import { pointer } from '../openapi-doc/pointer.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

export type Obj = Record<string, any>;

export interface OperationRef {
  method: HttpMethod;
  /** The path template, or the webhook's name. */
  path: string;
  kind: 'path' | 'webhook';
  /** `POST /things{}` style identity, equal for renamed path parameters. */
  key: string;
  /** `/paths/~1things/post` or `/webhooks/newPet/post` */
  pointer: string;
  operation: Obj;
  pathItem: Obj;
}

/** `/books/{bookId}` -> `/books/{}`: what a client's URL actually depends on. */
export const pathTemplate = (path: string) => path.replace(/\{[^}]*\}/g, '{}');

function collect(items: unknown, kind: OperationRef['kind'], result: OperationRef[]): void {
  if (!items || typeof items !== 'object') return;
  const section = kind === 'path' ? 'paths' : 'webhooks';
  for (const [path, pathItem] of Object.entries(items as Record<string, Obj>)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem?.[method] as Obj | undefined;
      if (!operation) continue;
      const id = kind === 'path' ? pathTemplate(path) : path;
      result.push({ method, path, kind, key: `${section} ${method} ${id}`, pointer: pointer(section, path, method), operation, pathItem });
    }
  }
}

export function listOperations(document: Obj): OperationRef[] {
  const result: OperationRef[] = [];
  collect(document.paths, 'path', result);
  collect(document.webhooks, 'webhook', result);
  return result;
}

/** `POST /api/things` or `webhook newThing POST`, the way reports name an operation. */
export function operationLabel(op: Pick<OperationRef, 'method' | 'path' | 'kind'>): string {
  return op.kind === 'webhook' ? `webhook ${op.path} ${op.method.toUpperCase()}` : `${op.method.toUpperCase()} ${op.path}`;
}
