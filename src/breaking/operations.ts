// Every operation of a dereferenced OpenAPI document as the gate compares
// them: the document model's walker (openapi-doc/operations.ts, paths then
// webhooks), each with the identity the gate matches on. Paths are keyed by
// their template, so `/books/{bookId}` and `/books/{id}` are the same path.
import { specOperations, type SpecOperation } from '../openapi-doc/operations.js';

export { operationLabel } from '../openapi-doc/operations.js';

export interface OperationRef extends SpecOperation {
  /** `paths post /things/{}` style identity, equal for renamed path parameters. */
  key: string;
}

/** `/books/{bookId}` -> `/books/{}`: what a client's URL actually depends on. */
export const pathTemplate = (path: string) => path.replace(/\{[^}]*\}/g, '{}');

export function listOperations(document: Record<string, unknown>): OperationRef[] {
  return specOperations(document, { webhooks: true }).map((op) => ({
    ...op,
    key: op.kind === 'path' ? `paths ${op.method} ${pathTemplate(op.path)}` : `webhooks ${op.method} ${op.path}`,
  }));
}
