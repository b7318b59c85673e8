// The response validators of the bundled specs, precompiled by `npm run
// generate` (generated/validators/): verifying a bundled API needs no schema
// compiler. Only a document the user passes is compiled at runtime (Ajv).
import type { SchemaError, ValidatorTable } from '../../generated/validators/signalwire-video.js';
import { issuesFrom } from '../validation/messages.js';

/** Problems of one response body; [] when it matches the documented schema. */
export type ResponseValidator = (operationId: string, status: number, body: unknown) => string[];

const TABLES: Record<string, () => Promise<{ validators: ValidatorTable }>> = {
  'proconf-admin': () => import('../../generated/validators/proconf-admin.js'),
  'proconf-app': () => import('../../generated/validators/proconf-app.js'),
  'signalwire-app': () => import('../../generated/validators/signalwire-app.js'),
  'signalwire-fabric': () => import('../../generated/validators/signalwire-fabric.js'),
  'signalwire-video': () => import('../../generated/validators/signalwire-video.js'),
};

/** The bundled APIs that have precompiled validators. */
export const PRECOMPILED_APIS: readonly string[] = Object.freeze(Object.keys(TABLES));

/** The precompiled validator of a bundled API, or undefined when it has none. */
export async function precompiledValidator(api: string): Promise<ResponseValidator | undefined> {
  const load = TABLES[api];
  if (!load) return undefined;
  const { validators } = await load();
  return (operationId, status, body) => {
    const validate = validators[operationId]?.responses[status];
    if (!validate) return [`no precompiled validator for ${operationId} ${status}`];
    if (validate(body)) return [];
    return describeViolations(validate.errors ?? [], body);
  };
}

/** `body/data must be string, got object`: one line per violation, precompiled or compiled at runtime alike (never the value). */
export function describeViolations(errors: readonly SchemaError[], body: unknown): string[] {
  return issuesFrom(errors, body, (pointer) => [pointer, 'body']).map((i) => `body${i.pointer} ${i.message}`);
}
