// Checks that a resolved document has the shape the rules read (objects where
// OpenAPI requires objects, schemas that are objects or booleans), so invalid
// input ends in one line naming the file and the pointer, never a TypeError.
import { GateError } from './errors.js';
import { HTTP_METHODS } from './operations.js';
import { child, pointer } from '../openapi-doc/pointer.js';

type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);

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

export function validateDocument(document: unknown, file: string): asserts document is Obj {
  const fail = (at: string, what: string): never => {
    throw new GateError(`${file}: invalid OpenAPI document: ${at || '(document)'} ${what}`);
  };
  const object = (value: unknown, at: string): Obj => (isObject(value) ? value : fail(at, 'must be an object'));
  const optionalObject = (value: unknown, at: string): Obj => (value === undefined ? {} : object(value, at));
  const seen = new Set<unknown>();

  const schema = (value: unknown, at: string): void => {
    if (typeof value === 'boolean' || seen.has(value)) return;
    const s = object(value, at);
    seen.add(s);
    if (s.type !== undefined && typeof s.type !== 'string' && !(Array.isArray(s.type) && s.type.every((t) => typeof t === 'string')))
      fail(child(at, 'type'), 'must be a string or an array of strings');
    if (s.required !== undefined && typeof s.required !== 'boolean' && !(Array.isArray(s.required) && s.required.every((r) => typeof r === 'string')))
      fail(child(at, 'required'), 'must be an array of strings');
    if (s.enum !== undefined && !Array.isArray(s.enum)) fail(child(at, 'enum'), 'must be an array');
    for (const key of SUBSCHEMA) if (s[key] !== undefined) schema(s[key], child(at, key));
    for (const key of SCHEMA_MAPS) for (const [name, sub] of Object.entries(optionalObject(s[key], child(at, key)))) schema(sub, child(at, key, name));
    for (const key of SCHEMA_LISTS) {
      if (s[key] === undefined) continue;
      if (!Array.isArray(s[key])) fail(child(at, key), 'must be an array');
      (s[key] as unknown[]).forEach((sub, i) => schema(sub, child(at, key, i)));
    }
    if (Array.isArray(s.items)) s.items.forEach((sub, i) => schema(sub, child(at, 'items', i)));
    else if (s.items !== undefined) schema(s.items, child(at, 'items'));
    if (s.dependentRequired !== undefined) {
      for (const [name, list] of Object.entries(object(s.dependentRequired, child(at, 'dependentRequired')))) {
        if (!Array.isArray(list) || !list.every((r) => typeof r === 'string')) fail(child(at, 'dependentRequired', name), 'must be an array of strings');
      }
    }
  };

  const content = (value: unknown, at: string) => {
    for (const [type, media] of Object.entries(optionalObject(value, at))) {
      const m = object(media, child(at, type));
      if (m.schema !== undefined) schema(m.schema, child(at, type, 'schema'));
    }
  };
  const parameters = (value: unknown, at: string) => {
    if (value === undefined) return;
    if (!Array.isArray(value)) fail(at, 'must be an array');
    (value as unknown[]).forEach((p, i) => {
      const param = object(p, child(at, i));
      if (typeof param.name !== 'string' || typeof param.in !== 'string') fail(child(at, i), 'must have a string `name` and `in`');
      if (param.schema !== undefined) schema(param.schema, child(at, i, 'schema'));
      content(param.content, child(at, i, 'content'));
    });
  };
  const headers = (value: unknown, at: string) => {
    for (const [name, header] of Object.entries(optionalObject(value, at))) {
      const h = object(header, child(at, name));
      if (h.schema !== undefined) schema(h.schema, child(at, name, 'schema'));
    }
  };
  const pathItems = (value: unknown, at: string) => {
    for (const [path, item] of Object.entries(optionalObject(value, at))) {
      const itemAt = child(at, path);
      const pathItem = object(item, itemAt);
      parameters(pathItem.parameters, child(itemAt, 'parameters'));
      for (const method of HTTP_METHODS) {
        if (pathItem[method] === undefined) continue;
        const opAt = child(itemAt, method);
        const op = object(pathItem[method], opAt);
        parameters(op.parameters, child(opAt, 'parameters'));
        if (op.requestBody !== undefined) content(object(op.requestBody, child(opAt, 'requestBody')).content, child(opAt, 'requestBody', 'content'));
        for (const [status, response] of Object.entries(optionalObject(op.responses, child(opAt, 'responses')))) {
          const r = object(response, child(opAt, 'responses', status));
          content(r.content, child(opAt, 'responses', status, 'content'));
          headers(r.headers, child(opAt, 'responses', status, 'headers'));
        }
        if (op.security !== undefined && !(Array.isArray(op.security) && op.security.every(isObject)))
          fail(child(opAt, 'security'), 'must be an array of objects');
      }
    }
  };

  const doc = object(document, '');
  const version = doc.openapi;
  if (typeof version !== 'string' || !/^3\.[01]\./.test(version)) {
    const found = doc.swagger !== undefined ? `swagger ${String(doc.swagger)}` : version === undefined ? 'no `openapi` field' : `openapi ${String(version)}`;
    throw new GateError(`${file}: not an OpenAPI 3.0 or 3.1 document (${found})`);
  }
  pathItems(doc.paths, pointer('paths'));
  pathItems(doc.webhooks, pointer('webhooks'));
  if (doc.servers !== undefined && !(Array.isArray(doc.servers) && doc.servers.every((s) => isObject(s) && typeof s.url === 'string')))
    fail('/servers', 'must be an array of objects with a string `url`');
  if (doc.security !== undefined && !(Array.isArray(doc.security) && doc.security.every(isObject))) fail('/security', 'must be an array of objects');
  const schemes = optionalObject(optionalObject(doc.components, '/components').securitySchemes, '/components/securitySchemes');
  for (const [name, scheme] of Object.entries(schemes)) object(scheme, child('/components/securitySchemes', name));
}
