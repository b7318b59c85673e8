// Validates bodies against the bundled specs with a JSON Schema 2020-12
// validator (Prism checks 3.1 documents with draft-07 rules, see toolchain.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const root = join(import.meta.dirname, '..', '..');

type Doc = { paths: Record<string, Record<string, any>>; components?: Record<string, Record<string, any>> };

const docs = new Map<string, Doc>();
export function bundled(api: string): Doc {
  let doc = docs.get(api);
  if (!doc) {
    doc = JSON.parse(readFileSync(join(root, 'generated', 'bundled', `${api}.json`), 'utf8')) as Doc;
    docs.set(api, doc);
  }
  return doc;
}

function makeAjv() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addFormat('jwt', true);
  ajv.addFormat('int64', true);
  return ajv;
}
const ajv = makeAjv();

function deref(doc: Doc, node: any): any {
  while (node && typeof node.$ref === 'string') {
    node = node.$ref.slice(2).split('/').reduce((o: any, k: string) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return node;
}

function validatorFor(api: string, pointerToSchemaParent: string[]) {
  const doc = bundled(api);
  const id = `https://rtc-token-apis.test/${api}.json`;
  if (!ajv.getSchema(id)) ajv.addSchema({ $id: id, ...doc, openapi: undefined, info: undefined }, id);
  const pointer = pointerToSchemaParent.map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  return ajv.getSchema(`${id}#/${pointer}`) ?? ajv.compile({ $ref: `${id}#/${pointer}` });
}

/** Statuses the spec documents for one operation. */
export function documentedStatuses(api: string, path: string, method = 'post'): number[] {
  return Object.keys(bundled(api).paths[path]![method].responses).map(Number);
}

/** Named examples of one response, resolved. */
export function responseExamples(api: string, path: string, status: number, method = 'post'): Record<string, unknown> {
  const doc = bundled(api);
  const response = deref(doc, doc.paths[path]![method].responses[String(status)]);
  const examples = response.content['application/json'].examples ?? {};
  return Object.fromEntries(Object.entries(examples).map(([k, v]) => [k, deref(doc, v).value]));
}

/** Asserts a response body matches the documented schema; returns the Ajv errors text or ''. */
export function responseSchemaErrors(api: string, path: string, status: number, body: unknown, method = 'post'): string {
  const doc = bundled(api);
  const response = doc.paths[path]![method].responses[String(status)];
  // Walk through a response $ref so the pointer lands on the schema itself.
  const parent = typeof response.$ref === 'string'
    ? [...response.$ref.slice(2).split('/').map((k: string) => k.replace(/~1/g, '/')), 'content', 'application/json', 'schema']
    : ['paths', path, method, 'responses', String(status), 'content', 'application/json', 'schema'];
  const validate = validatorFor(api, parent);
  return validate(body) ? '' : ajv.errorsText(validate.errors);
}
