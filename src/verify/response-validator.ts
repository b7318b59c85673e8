// Validates response bodies against one document with JSON Schema 2020-12
// (OpenAPI 3.1's dialect; Prism itself checks with draft-07 rules).
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describeViolations } from './precompiled.js';
import type { OpenApiDocument } from './spec-document.js';

export type BodyValidator = (schemaPointer: string, body: unknown) => string[];

export function createBodyValidator(api: string, doc: OpenApiDocument): BodyValidator {
  const ajv = new Ajv2020.default({ allErrors: true, strict: false, logger: false });
  addFormats.default(ajv);
  // OpenAPI format names that are labels, not JSON Schema formats.
  for (const label of ['jwt', 'int32', 'int64', 'float', 'double', 'password', 'byte', 'binary']) ajv.addFormat(label, true);
  const id = `https://rtc-token-apis.invalid/${api}.json`;
  ajv.addSchema({ ...doc, $id: id, openapi: undefined, info: undefined }, id);
  return (schemaPointer, body) => {
    const validate = ajv.getSchema(`${id}#${schemaPointer}`);
    if (!validate) return [`no schema at ${schemaPointer}`];
    if (validate(body)) return [];
    return describeViolations(validate.errors ?? [], body);
  };
}
