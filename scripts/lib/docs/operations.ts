// Every operation of a (dereferenced) OpenAPI document, in document order,
// with the JSON pointer it lives at.
import { pointer } from './pointer.ts';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type Obj = Record<string, any>;

export interface OperationRef {
  method: HttpMethod;
  path: string;
  /** `/paths/~1things/post` */
  pointer: string;
  operation: Obj;
  pathItem: Obj;
}

export function listOperations(document: Obj): OperationRef[] {
  const result: OperationRef[] = [];
  for (const [path, pathItem] of Object.entries((document.paths ?? {}) as Record<string, Obj>)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as Obj | undefined;
      if (operation) result.push({ method, path, pointer: pointer('paths', path, method), operation, pathItem });
    }
  }
  return result;
}

/** `POST /api/things`, the way readers and reports name an operation. */
export function operationLabel(op: Pick<OperationRef, 'method' | 'path'>): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}
