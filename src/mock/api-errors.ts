// Invalid requests answered in each API's own documented error format,
// describing the actual violations (Prism alone answers with a fixed example).
import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpOperation } from '@stoplight/types';
import { operationFacts, type OperationFacts } from '../../generated/operation-facts.js';

export interface SignalWireValidationError {
  type: 'validation_error';
  code: string;
  message: string;
  attribute: string | null;
  url: string;
}

/**
 * Where the provider documents its error codes, read from the spec's own
 * examples: each item of a 422 list links its code as this plus the code.
 */
const ERROR_CODES_URL = (() => {
  for (const facts of Object.values(operationFacts as Readonly<Record<string, OperationFacts>>))
    for (const example of Object.values(facts.errorExamples))
      for (const item of (example.body as { errors?: { code?: unknown; url?: unknown }[] } | null)?.errors ?? [])
        if (typeof item.url === 'string' && item.url.endsWith(`#${String(item.code)}`)) return item.url.slice(0, -String(item.code).length);
  return '#';
})();

type Facts = Record<string, { specificCodes?: readonly { attribute: string; keyword: string; code: string; message: string; when: string }[] }>;

/**
 * Codes SignalWire uses for one rule on one parameter, instead of
 * `invalid_parameter`, with the example's message: the spec's examples marked
 * `x-schema-keyword`.
 */
const SPECIFIC_CODES: Record<string, { code: string; message: string; when: string }> = Object.fromEntries(
  Object.values(operationFacts as Facts)
    .flatMap((f) => f.specificCodes ?? [])
    .map((c) => [`${c.attribute} ${c.keyword}`, c]),
);

/** The specific codes that can apply to this operation's body, described for people. */
export function specificCodesFor(operation: IHttpOperation): string[] {
  const properties = (operation.request?.body?.contents?.[0]?.schema as { properties?: object } | undefined)?.properties ?? {};
  return Object.entries(SPECIFIC_CODES)
    .filter(([key]) => key.split(' ')[0]! in properties)
    .map(([, { code, when }]) => `\`${code}\` for ${when}`);
}

/** One item of SignalWire's 422 list, linking its code's documentation. */
export const signalWireValidationItem = (code: string, attribute: string | null, message: string): SignalWireValidationError => ({
  type: 'validation_error',
  code,
  message,
  attribute,
  url: ERROR_CODES_URL + code,
});
const item = signalWireValidationItem;

/** Security violations carry the numeric code 401; only input violations are described. */
export function inputViolations(validations: IPrismDiagnostic[]): IPrismDiagnostic[] {
  return validations.filter((v) => v.code !== 401 && v.severity === 0);
}

function requiredBodyProperties(operation: IHttpOperation): string[] {
  const schema = operation.request?.body?.contents?.[0]?.schema as { required?: string[] } | undefined;
  return schema?.required ?? [];
}

function toItems(v: IPrismDiagnostic, operation: IHttpOperation): SignalWireValidationError[] {
  const path = (v.path ?? []).map(String);
  const message = v.message.replace(/^Request (body property|body|path parameter|query parameter|header parameter) /, '');
  // No body at all: each required parameter is missing.
  if (path.length === 0 && v.code === 'required') {
    return requiredBodyProperties(operation).map((name) => item('missing_required_parameter', name, `${name} is required`));
  }
  if (v.code === 'required') {
    const missing = /required property '([^']+)'/.exec(v.message)?.[1] ?? 'body';
    const nested = [...path.slice(1), missing];
    return [item('missing_required_parameter', nested[0]!, `${nested.join('.')} is required`)];
  }
  // Sealed bodies (as SignalWire's definition seals them): name the parameter that is not allowed.
  if (v.code === 'additionalProperties') {
    const extra = /found '([^']+)'/.exec(v.message)?.[1];
    const nested = [...path.slice(1), ...(extra ? [extra] : [])];
    return [item('invalid_parameter', nested[0] ?? null, `${nested.join('.') || 'the body'} is not an allowed parameter`)];
  }
  if (path[0] === 'body' && path.length === 1) return [item('invalid_parameter', null, 'the request body must be a JSON object')];
  const attribute = path[0] === 'body' ? path[1]! : path[path.length - 1]!;
  const specific = SPECIFIC_CODES[`${attribute} ${String(v.code)}`];
  return [specific ? item(specific.code, attribute, specific.message) : item('invalid_parameter', attribute, message)];
}

/** SignalWire's 422 body: one item per violation. */
export function signalWireValidationBody(violations: IPrismDiagnostic[], operation: IHttpOperation): { errors: SignalWireValidationError[] } {
  const errors = violations.flatMap((v) => toItems(v, operation));
  return { errors: errors.length ? errors : [item('invalid_parameter', null, 'the request is invalid')] };
}

/** True when the status's documented body is SignalWire's `{errors: [...]}` list. */
export function hasValidationErrorList(operation: IHttpOperation, status: number): boolean {
  const schema = operation.responses.find((r) => r.code === String(status))?.contents?.[0]?.schema as
    | { properties?: { errors?: { type?: string } } }
    | undefined;
  return schema?.properties?.errors?.type === 'array';
}
