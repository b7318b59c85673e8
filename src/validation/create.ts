// Builds the client's `validation` option from precompiled validator tables.
import type { ValidationIssue } from '../core/errors.js';
import type { RequestInput, Validation } from '../core/validation-hook.js';
import type { ValidatorTable } from '../../generated/validators/signalwire-video.js';
import { issuesFrom } from './messages.js';

export interface ValidationOptions {
  /** Check every request before it is sent (default true). Recommended for server code. */
  request?: boolean;
  /** Check every success body against the spec (default false). */
  response?: boolean;
}

/** Request pointers start with `/body` or `/path`; the rest is the caller's field. */
function requestPointer(full: string): [string, string] {
  if (full.startsWith('/body')) return [full.slice(5), 'body'];
  if (full.startsWith('/path')) return [full.slice(5), 'path'];
  return [full, 'request'];
}
const responsePointer = (full: string): [string, string] => [full, 'body'];

/** Validators for one service passed to another service's client: say so instead of passing everything. */
const notCovered = (operationId: string): ValidationIssue => ({
  field: 'operation',
  pointer: '',
  message: `${operationId} is not covered by these validators (use the ones for its service)`,
});

export function createValidation(table: ValidatorTable, options: ValidationOptions = {}): Validation {
  const request = (operationId: string, input: RequestInput): ValidationIssue[] | undefined => {
    const entry = table[operationId];
    if (!entry) return [notCovered(operationId)];
    const data = { path: input.params?.path, body: input.body };
    if (entry.request(data)) return undefined;
    return issuesFrom(entry.request.errors ?? [], data, requestPointer);
  };
  const response = (operationId: string, status: number, body: unknown): ValidationIssue | undefined => {
    const entry = table[operationId];
    if (!entry) return notCovered(operationId);
    const validate = entry.responses[status];
    if (!validate) return { field: 'status', pointer: '', message: `HTTP ${status} is not a documented response of ${operationId}` };
    if (validate(body)) return undefined;
    return issuesFrom(validate.errors ?? [], body, responsePointer)[0];
  };
  return Object.freeze({
    request: options.request === false ? undefined : request,
    response: options.response === true ? response : undefined,
  });
}
