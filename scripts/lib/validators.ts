// Precompiled request/response validators: Ajv standalone code per API,
// bundled by esbuild so the output needs neither Ajv nor ajv-formats at
// runtime. One module per API keeps each service's validators apart.
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import type { Artifact, BundledApi, Generator } from './artifacts.ts';
import { repoRoot } from './apis.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Keywords that only document: dropped so the generated code stays small. */
const DOC_KEYWORDS = new Set(['description', 'example', 'examples', 'summary', 'title']);

/**
 * Formats as plain regexes, so Ajv inlines them (no ajv-formats at runtime).
 * `jwt` is only a label (SignalWire tokens are JWE); int64 is covered by
 * `type: integer` for every value JSON can carry exactly.
 */
const FORMATS: Record<string, RegExp | true> = {
  uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  jwt: true,
  int64: true,
};

type Json = Record<string, unknown>;

function stripDocs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDocs);
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    // `properties` holds field names, which may legitimately be called `title` etc.
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, stripDocs(s)])) : stripDocs(v);
    if (DOC_KEYWORDS.has(k)) delete out[k];
  }
  return out;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Follows OpenAPI-level `$ref`s (responses, requestBodies, parameters) to the pointer of the object. */
function resolve(doc: Json, node: unknown, pointer: string): { node: Json; pointer: string } {
  let current = node as Json;
  let at = pointer;
  while (current && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
    at = current.$ref.slice(1);
    current = at.split('/').slice(1).reduce<any>((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return { node: current, pointer: at };
}

interface OperationSchemas {
  operationId: string;
  request: Json;
  responses: [status: string, schema: Json][];
}

/** A request validator checks `{ path, body }`: what the client passes to openapi-fetch. */
function operationSchemas(api: string, doc: Json): OperationSchemas[] {
  const out: OperationSchemas[] = [];
  const ref = (pointer: string) => ({ $ref: `${api}#${pointer}` });
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const opPointer = `/paths/${escapePointer(path)}/${method}`;
      const properties: Json = {};
      const required: string[] = [];
      const pathParams: Json = {};
      const pathRequired: string[] = [];
      ((op.parameters ?? []) as unknown[]).forEach((p, i) => {
        const param = resolve(doc, p, `${opPointer}/parameters/${i}`);
        if (param.node.in !== 'path') return;
        pathParams[param.node.name as string] = ref(`${param.pointer}/schema`);
        pathRequired.push(param.node.name as string);
      });
      if (pathRequired.length) {
        properties.path = { type: 'object', properties: pathParams, required: pathRequired };
        required.push('path');
      }
      if (op.requestBody) {
        const body = resolve(doc, op.requestBody, `${opPointer}/requestBody`);
        properties.body = ref(`${body.pointer}/content/application~1json/schema`);
        if (body.node.required) required.push('body');
      }
      const responses: [string, Json][] = [];
      for (const [status, r] of Object.entries(op.responses as Json)) {
        const res = resolve(doc, r, `${opPointer}/responses/${status}`);
        const content = res.node.content as Json | undefined;
        if (content?.['application/json']) responses.push([status, ref(`${res.pointer}/content/application~1json/schema`)]);
      }
      out.push({ operationId: op.operationId as string, request: { type: 'object', properties, required }, responses });
    }
  }
  return out;
}

async function bundle(code: string): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: repoRoot, sourcefile: 'validators.js', loader: 'js' },
    absWorkingDir: repoRoot,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
  });
  return result.outputFiles[0]!.text;
}

// A CommonJS default export: tsx unwraps it, plain Node hands over the module object.
type StandaloneCode = (ajv: Ajv2020, refs: Record<string, string>) => string;
const standaloneInterop = standaloneModule as unknown as StandaloneCode & { default?: StandaloneCode };
const standaloneCode: StandaloneCode = standaloneInterop.default ?? standaloneInterop;

const HEADER = `// Generated by \`npm run generate\` from openapi/. Do not edit by hand.
// Ajv standalone validators bundled by esbuild: no schema compiler at runtime.
// @ts-nocheck
`;

const TYPES = `/** One schema violation, as Ajv reports it (messages are built by src/validation). */
export interface SchemaError { instancePath: string; keyword: string; params: Record<string, unknown> }
export interface CompiledValidator { (data: unknown): boolean; errors?: SchemaError[] | null }
export type ValidatorTable = Record<string, { request: CompiledValidator; responses: Record<number, CompiledValidator> }>;
`;

async function validatorModule(api: BundledApi): Promise<Artifact> {
  const ajv = new Ajv2020({ code: { source: true, esm: true }, strict: false, allErrors: true, messages: false, inlineRefs: false });
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  ajv.addSchema(stripDocs(api.document) as Json, api.name);
  const ops = operationSchemas(api.name, api.document);
  const exports: Record<string, string> = {};
  const table: string[] = [];
  for (const op of ops) {
    const req = `req_${op.operationId}`;
    ajv.addSchema(op.request, req);
    exports[req] = req;
    const responses = op.responses.map(([status, schema]) => {
      const id = `res_${op.operationId}_${status}`;
      ajv.addSchema(schema, id);
      exports[id] = id;
      return `${status}: ${id}`;
    });
    table.push(`  ${op.operationId}: { request: ${req}, responses: { ${responses.join(', ')} } },`);
  }
  // Exported as one table, so callers look validators up by operationId and status.
  const code = standaloneCode(ajv, exports).replace(/export const (\w+) = /g, 'const $1 = ');
  const bundled = await bundle(`${code}\nexport const validators = {\n${table.join('\n')}\n};\n`);
  // Re-export with a declared type, so the emitted .d.ts is small and exact.
  const tail = /export\s*\{\s*(\w+) as validators\s*\};?\s*$/;
  const match = tail.exec(bundled);
  if (!match) throw new Error(`${api.name}: unexpected esbuild output (no validators export)`);
  return {
    path: `generated/validators/${api.name}.ts`,
    content: `${HEADER}${bundled.replace(tail, '')}\n${TYPES}export const validators: ValidatorTable = ${match[1]};\n`,
  };
}

export const validatorGenerators: Generator[] = [
  async (apis) => Promise.all(apis.map(validatorModule)),
];
