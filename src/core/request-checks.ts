// What every call path checks before anything is sent: header values (a bad
// one is named by its header, never shown) and, opt-in, the request against
// the spec. Both fail with a typed error and send nothing.
import { ProviderError, RequestValidationError } from './errors.js';
import { checkHeaderValues } from './header-check.js';
import { scrub } from './secrets.js';
import type { RequestInput, Validation } from './validation-hook.js';

/** `secrets` is only called when validation finds issues. */
export function checkRequest(
  operationId: string,
  headers: Record<string, string> | undefined,
  validation: Validation | undefined,
  input: RequestInput,
  secrets: () => readonly string[],
): void {
  if (headers) {
    if (typeof headers !== 'object') throw new ProviderError(operationId, new TypeError('not an object'));
    checkHeaderValues(headers, (issue) => new RequestValidationError(operationId, [{ field: 'headers', pointer: '', message: issue }]));
  }
  const issues = validation?.request?.(operationId, input);
  // Messages never hold values, but an unknown field's name could be anything: scrub them too.
  if (issues) throw new RequestValidationError(operationId, scrub(issues, secrets()));
}
