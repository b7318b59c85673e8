// Checks that a resolved document has the shape the rules read (objects where
// OpenAPI requires objects, schemas that are objects or booleans), so invalid
// input never ends in a TypeError. Strict: the first problem is one line
// naming the file and the pointer. Lenient (the default): each problem is a
// warning and the offending piece is dropped (a bad schema reads as `true`),
// so the rest of the document is still compared, as real-world specs need.
// Schemas are walked with an explicit stack: any depth, any cycle.
import { HTTP_METHODS } from '../openapi-doc/operations.js';
import { child, pointer } from '../openapi-doc/pointer.js';
import { GateError } from './errors.js';

type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);
const isStringList = (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string');

const SUBSCHEMA = [
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'not',
  'contentSchema',
];
const SCHEMA_MAPS = ['properties', 'patternProperties', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
/** Schema keywords the rules read as scalars, with the type JSON Schema gives them (3.0's boolean exclusive bounds included). */
const SCALAR_KEYWORDS: Array<[string[], string, (value: unknown) => boolean]> = [
  [['pattern', 'format', 'contentMediaType', 'contentEncoding'], 'a string', (v) => typeof v === 'string'],
  [
    ['minimum', 'maximum', 'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minContains', 'maxContains'],
    'a number',
    isNumber,
  ],
  [['exclusiveMinimum', 'exclusiveMaximum'], 'a number or a boolean', (v) => isNumber(v) || typeof v === 'boolean'],
  [['uniqueItems', 'readOnly', 'writeOnly', 'nullable', 'deprecated'], 'a boolean', (v) => typeof v === 'boolean'],
  [
    ['discriminator'],
    'an object with a string `propertyName` and a `mapping` of strings',
    (v) =>
      isObject(v) &&
      typeof v.propertyName === 'string' &&
      (v.mapping === undefined || (isObject(v.mapping) && Object.values(v.mapping).every((m) => typeof m === 'string'))),
  ],
];

export interface ValidateOptions {
  strict: boolean;
  warn(message: string): void;
}

export function validateDocument(document: unknown, file: string, options: ValidateOptions = { strict: true, warn: () => {} }): asserts document is Obj {
  /** Reports a problem; when lenient, `drop` removes the offending piece and the walk goes on. */
  const problem = (at: string, what: string, drop: () => void): void => {
    if (options.strict) throw new GateError(`${file}: invalid OpenAPI document: ${at || '(document)'} ${what}`);
    options.warn(`${at || '(document)'} ${what}; ignored`);
    drop();
  };
  /** `holder[key]` as an object; a wrong shape is a problem and reads as absent. */
  const object = (holder: Obj, key: string | number, at: string): Obj | undefined => {
    const value = holder[key];
    if (value === undefined || isObject(value)) return value;
    problem(at, 'must be an object', () => delete holder[key]);
    return undefined;
  };
  const entries = (holder: Obj, key: string, at: string): Array<[string, Obj, string]> => {
    const map = object(holder, key, at);
    if (!map) return [];
    return Object.keys(map).flatMap((name) => {
      const value = object(map, name, child(at, name));
      return value ? [[name, value, child(at, name)] as [string, Obj, string]] : [];
    });
  };

  const seen = new Set<unknown>();
  const pending: Array<[Obj, string | number, string]> = [];
  const schema = (holder: Obj, key: string | number, at: string) => pending.push([holder, key, at]);
  const drainSchemas = () => {
    while (pending.length) {
      const [holder, key, at] = pending.pop()!;
      const value = holder[key];
      if (typeof value === 'boolean' || seen.has(value)) continue;
      if (!isObject(value)) {
        problem(at, 'must be a schema (an object or a boolean)', () => (holder[key] = true));
        continue;
      }
      seen.add(value);
      const s = value;
      if (s.type !== undefined && typeof s.type !== 'string' && !isStringList(s.type))
        problem(child(at, 'type'), 'must be a string or an array of strings', () => delete s.type);
      if (s.required !== undefined && typeof s.required !== 'boolean' && !isStringList(s.required))
        problem(child(at, 'required'), 'must be an array of strings', () => delete s.required);
      if (s.enum !== undefined && !Array.isArray(s.enum)) problem(child(at, 'enum'), 'must be an array', () => delete s.enum);
      for (const [keys, what, ok] of SCALAR_KEYWORDS)
        for (const k of keys) if (s[k] !== undefined && !ok(s[k])) problem(child(at, k), `must be ${what}`, () => delete s[k]);
      for (const k of SUBSCHEMA) if (s[k] !== undefined) schema(s, k, child(at, k));
      // Pointers are built only for keywords present: a deep document pays per level for what it has.
      for (const k of SCHEMA_MAPS) {
        const map = s[k] === undefined ? undefined : object(s, k, child(at, k));
        if (map) for (const name of Object.keys(map)) schema(map, name, child(at, k, name));
      }
      for (const k of SCHEMA_LISTS) {
        if (s[k] === undefined) continue;
        if (!Array.isArray(s[k])) problem(child(at, k), 'must be an array', () => delete s[k]);
        else (s[k] as unknown[]).forEach((_, i) => schema(s[k] as unknown as Obj, i, child(at, k, i)));
      }
      if (Array.isArray(s.items)) s.items.forEach((_, i) => schema(s.items as unknown as Obj, i, child(at, 'items', i)));
      else if (s.items !== undefined) schema(s, 'items', child(at, 'items'));
      const dependent = s.dependentRequired === undefined ? undefined : object(s, 'dependentRequired', child(at, 'dependentRequired'));
      for (const name of Object.keys(dependent ?? {}))
        if (!isStringList(dependent![name])) problem(child(at, 'dependentRequired', name), 'must be an array of strings', () => delete dependent![name]);
    }
  };

  const content = (holder: Obj, at: string) => {
    for (const [, media, mediaAt] of entries(holder, 'content', child(at, 'content')))
      if (media.schema !== undefined) schema(media, 'schema', child(mediaAt, 'schema'));
  };
  const parameters = (holder: Obj, at: string) => {
    const list = holder.parameters;
    if (list === undefined) return;
    if (!Array.isArray(list)) return problem(at, 'must be an array', () => delete holder.parameters);
    for (let i = list.length - 1; i >= 0; i--) {
      const param = list[i];
      const bad = !isObject(param)
        ? 'must be an object'
        : typeof param.name !== 'string' || typeof param.in !== 'string'
          ? 'must have a string `name` and `in`'
          : '';
      if (bad) {
        problem(child(at, i), bad, () => list.splice(i, 1));
        continue;
      }
      if (param.schema !== undefined) schema(param, 'schema', child(at, i, 'schema'));
      content(param, child(at, i));
    }
  };
  const servers = (holder: Obj, at: string) => {
    if (holder.servers !== undefined && !(Array.isArray(holder.servers) && holder.servers.every((s) => isObject(s) && typeof s.url === 'string')))
      problem(at, 'must be an array of objects with a string `url`', () => delete holder.servers);
  };
  const security = (holder: Obj, at: string) => {
    if (holder.security !== undefined && !(Array.isArray(holder.security) && holder.security.every(isObject)))
      problem(at, 'must be an array of objects', () => delete holder.security);
  };
  // Path items of `paths`, `webhooks` and (nested any depth, possibly through a cycle) operations' `callbacks`.
  const items: Array<[Obj, string, string]> = [];
  const itemsSeen = new Set<Obj>();
  const pathItems = () => {
    while (items.length) {
      const [holder, key, at] = items.pop()!;
      for (const [, pathItem, itemAt] of entries(holder, key, at)) {
        if (itemsSeen.has(pathItem)) continue;
        itemsSeen.add(pathItem);
        parameters(pathItem, child(itemAt, 'parameters'));
        servers(pathItem, child(itemAt, 'servers'));
        for (const method of HTTP_METHODS) {
          const opAt = child(itemAt, method);
          const op = object(pathItem, method, opAt);
          if (!op) continue;
          parameters(op, child(opAt, 'parameters'));
          if (op.operationId !== undefined && typeof op.operationId !== 'string')
            problem(child(opAt, 'operationId'), 'must be a string', () => delete op.operationId);
          const body = object(op, 'requestBody', child(opAt, 'requestBody'));
          if (body) content(body, child(opAt, 'requestBody'));
          for (const [, response, responseAt] of entries(op, 'responses', child(opAt, 'responses'))) {
            content(response, responseAt);
            for (const [, header, headerAt] of entries(response, 'headers', child(responseAt, 'headers')))
              if (header.schema !== undefined) schema(header, 'schema', child(headerAt, 'schema'));
          }
          security(op, child(opAt, 'security'));
          servers(op, child(opAt, 'servers'));
          for (const [name, , callbackAt] of entries(op, 'callbacks', child(opAt, 'callbacks'))) items.push([op.callbacks as Obj, name, callbackAt]);
        }
      }
    }
  };

  if (!isObject(document)) throw new GateError(`${file}: invalid OpenAPI document: (document) must be an object`);
  const doc = document;
  const version = doc.openapi;
  if (typeof version !== 'string' || !/^3\.[01]\./.test(version)) {
    const found = doc.swagger !== undefined ? `swagger ${String(doc.swagger)}` : version === undefined ? 'no `openapi` field' : `openapi ${String(version)}`;
    throw new GateError(`${file}: not an OpenAPI 3.0 or 3.1 document (${found})`);
  }
  items.push([doc, 'webhooks', pointer('webhooks')], [doc, 'paths', pointer('paths')]);
  pathItems();
  drainSchemas();
  servers(doc, '/servers');
  security(doc, '/security');
  const components = object(doc, 'components', '/components');
  if (components) entries(components, 'securitySchemes', '/components/securitySchemes');
}
