// A realistic large spec pair for the gate's memory bound: many paths and
// component schemas (recursive refs, shared responses, enums, bounds, long
// descriptions), not one giant string. The head differs from the base in a
// few places per hundred resources, so the comparison does real work.
// Written as JSON or as block YAML, straight to a file, without building
// the whole text in memory.
import { closeSync, openSync, writeSync } from 'node:fs';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TEXT = 'Returned to the application server after the room has been created; the token carries the grants listed here and expires after its lifetime.';

const USERS = 50;

/**
 * With anchors, objects shared within a group of resources are written once with `&name` and then
 * `*name`, as `js-yaml`'s dump writes specs like Redocly's `rebilly.yaml`: defined in one entry
 * (a path, a schema) and aliased in others, nested (`errors` holds the anchored `error`), and
 * across `paths` and `components`. A group is small enough that no anchor exceeds the 1,000
 * aliases the whole-text parse allows.
 */
const GROUP = 50;
let anchorNames: Map<object, string> | undefined;
const sharedObjects = new Map<string, Json>();
function shared(name: string, make: () => Json): Json {
  if (!anchorNames) return make();
  let value = sharedObjects.get(name);
  if (value === undefined) {
    value = make();
    sharedObjects.set(name, value);
    anchorNames.set(value as object, name);
  }
  return value;
}
const uuid = (i: number): Json => shared(`g${Math.floor(i / GROUP)}_uuid`, () => ({ type: 'string', format: 'uuid' }));

function user(i: number): Json {
  return {
    type: 'object',
    description: `A member of the organisation (${i}). ${TEXT}`,
    required: ['id', 'email'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      email: { type: 'string', format: 'email', maxLength: 320 },
      displayName: { type: 'string', maxLength: 120 },
      role: { type: 'string', enum: ['owner', 'admin', 'member', 'guest'] },
    },
  };
}

function item(i: number, head: boolean): Json {
  const changed = head && i % 100 === 7;
  return {
    type: 'object',
    description: `Item ${i}. ${TEXT} ${TEXT}`,
    required: ['id', 'name', 'status'],
    properties: {
      id: anchorNames ? uuid(i) : { type: 'string', format: 'uuid', description: `The id of item ${i}.` },
      name: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9 _.-]+$', description: TEXT },
      // A response enum that gains a value: breaking for clients with an exhaustive switch.
      status: { type: 'string', enum: changed ? ['active', 'archived', 'deleted', 'frozen'] : ['active', 'archived', 'deleted'] },
      count: { type: 'integer', minimum: 0, maximum: 1000, description: 'How many.' },
      price: { type: 'number', multipleOf: 0.01, minimum: 0 },
      tags: { type: 'array', items: { type: 'string', maxLength: 40 }, maxItems: 20, uniqueItems: true },
      owner: { $ref: `#/components/schemas/User${i % USERS}` },
      // Recursion (a tree) and a reference across resources to the first of each group of ten: no chain spans the document.
      parent: { $ref: `#/components/schemas/Item${i}` },
      related: { $ref: `#/components/schemas/Item${i - (i % 10)}` },
      children: { type: 'array', items: { $ref: `#/components/schemas/Item${i}` } },
      metadata: shared(`g${Math.floor(i / GROUP)}_metadata`, () => ({ type: 'object', additionalProperties: { type: 'string', maxLength: 500 } })),
      createdAt: shared(`g${Math.floor(i / GROUP)}_date`, () => ({ type: 'string', format: 'date-time' })),
      ...(head && i % 100 === 11 ? { note: { type: 'string', description: 'New optional field.' } } : {}),
    },
  };
}

function input(i: number, head: boolean): Json {
  return {
    type: 'object',
    description: `What clients send to create item ${i}. ${TEXT}`,
    required: head && i % 100 === 3 ? ['name', 'count'] : ['name'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: head && i % 100 === 5 ? 100 : 200 },
      count: { type: 'integer', minimum: 0, maximum: 1000 },
      tags: { type: 'array', items: { type: 'string', maxLength: 40 }, maxItems: 20 },
      kind: {
        oneOf: [
          { type: 'string', enum: ['small', 'medium', 'large'] },
          { type: 'integer', minimum: 1, maximum: 10 },
        ],
      },
    },
  };
}

const json = (ref: string) => ({ 'application/json': { schema: { $ref: ref } } });

function paths(i: number, head: boolean): Record<string, Json> {
  const g = Math.floor(i / GROUP);
  const error = shared(`g${g}_error`, () => ({ $ref: '#/components/responses/Error' }));
  const errors = { '400': error, '404': error };
  const id = shared(`g${g}_id`, () => ({ name: 'id', in: 'path', required: true, schema: anchorNames ? uuid(i) : { type: 'string', format: 'uuid' } }));
  // With anchors, the head's change to `limit` is made once, in group 3's shared parameter.
  const max = anchorNames ? (head && g === 3 ? 50 : 100) : head && i % 100 === 9 ? 50 : 100;
  const limit = shared(`g${g}_limit`, () => ({ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: max } }));
  const out: Record<string, Json> = {
    [`/items${i}`]: {
      get: {
        operationId: `listItems${i}`,
        summary: `List items of kind ${i}`,
        description: TEXT,
        parameters: [
          limit,
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['active', 'archived'] } },
        ],
        responses: {
          '200': {
            description: 'A page of items.',
            content: { 'application/json': { schema: { type: 'array', items: { $ref: `#/components/schemas/Item${i}` } } } },
          },
          ...errors,
        },
      },
      post: {
        operationId: `createItem${i}`,
        summary: `Create an item of kind ${i}`,
        requestBody: { required: true, content: json(`#/components/schemas/Item${i}Input`) },
        responses: { '201': { description: 'Created.', content: json(`#/components/schemas/Item${i}`) }, ...errors },
      },
    },
  };
  // One path in a hundred is gone from the head.
  if (!(head && i % 100 === 13))
    out[`/items${i}/{id}`] = {
      parameters: [id],
      get: { operationId: `getItem${i}`, responses: { '200': { description: 'The item.', content: json(`#/components/schemas/Item${i}`) }, ...errors } },
      put: {
        operationId: `updateItem${i}`,
        requestBody: { content: json(`#/components/schemas/Item${i}Input`) },
        responses: { '200': { description: 'Updated.', content: json(`#/components/schemas/Item${i}`) }, ...errors },
      },
      delete: { operationId: `deleteItem${i}`, responses: { '204': { description: 'Deleted.' }, ...errors } },
    };
  return out;
}

/** The document's parts for `n` resources, yielded one top-level piece at a time (keys in document order). */
function* pieces(n: number, head: boolean): Generator<[string[], Json]> {
  yield [['openapi'], '3.1.0'];
  yield [['info'], { title: 'Big', version: head ? '2' : '1' }];
  for (let i = 0; i < n; i++) for (const [path, item] of Object.entries(paths(i, head))) yield [['paths', path], item];
  yield [['components', 'responses', 'Error'], { description: 'Problem.', content: json('#/components/schemas/Error') }];
  yield [['components', 'schemas', 'Error'], { type: 'object', required: ['code'], properties: { code: { type: 'string' }, message: { type: 'string' } } }];
  for (let i = 0; i < USERS; i++) yield [['components', 'schemas', `User${i}`], user(i)];
  for (let i = 0; i < n; i++) {
    yield [['components', 'schemas', `Item${i}`], item(i, head)];
    yield [['components', 'schemas', `Item${i}Input`], input(i, head)];
  }
}

const q = (s: string) => JSON.stringify(s);
/** Plain YAML where it is plain in hand-written specs; JSON's double quotes otherwise. */
const yamlKey = (s: string) => (/^[A-Za-z_$/][\w$/{}.-]*$/.test(s) ? s : q(s));
const yamlString = (s: string) => (/^[A-Za-z][\w .,;()'-]*$/.test(s) && !/^(true|false|null)$/.test(s) ? s : q(s));

/** Shared objects already written with their anchor: later uses are aliases. */
const written = new Set<object>();

function yamlLines(value: Json, indent: string, out: string[]): void {
  const anchor = value !== null && typeof value === 'object' ? anchorNames?.get(value) : undefined;
  if (anchor !== undefined) {
    if (written.has(value as object)) return void (out[out.length - 1] += ` *${anchor}`);
    written.add(value as object);
    out[out.length - 1] += ` &${anchor}`;
  }
  if (Array.isArray(value)) {
    if (!value.length) return void (out[out.length - 1] += ' []');
    for (const v of value) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length && !anchorNames?.has(v)) {
        const start = out.length;
        yamlLines(v, `${indent}  `, out);
        out[start] = `${indent}- ${out[start]!.trimStart()}`;
      } else {
        out.push(`${indent}-`);
        yamlLines(v, `${indent}  `, out);
      }
    }
  } else if (value !== null && typeof value === 'object') {
    if (!Object.keys(value).length) return void (out[out.length - 1] += ' {}');
    for (const [k, v] of Object.entries(value)) {
      out.push(`${indent}${yamlKey(k)}:`);
      yamlLines(v, `${indent}  `, out);
    }
  } else out[out.length - 1] += ` ${typeof value === 'string' ? yamlString(value) : String(value)}`;
}

type Format = 'json' | 'yaml';

/** Emits the spec for `n` resources as JSON or YAML text, piece by piece, to `put`. */
function emit(n: number, head: boolean, format: Format, put: (text: string) => void): void {
  {
    // Pieces arrive grouped by their leading keys; open and close the enclosing objects as the path changes.
    let open: string[] = [];
    const first: boolean[] = [true];
    for (const [path, value] of pieces(n, head)) {
      let common = 0;
      while (common < open.length && common < path.length - 1 && open[common] === path[common]) common++;
      for (let d = open.length; d > common; d--) {
        if (format === 'json') put(`\n${'  '.repeat(d)}}`);
        first.pop();
      }
      open = open.slice(0, common);
      for (let d = common; d < path.length; d++) {
        const depth = d;
        const key = path[d]!;
        if (format === 'json') put(`${first[depth] ? (depth ? '\n' : '{\n') : ',\n'}${'  '.repeat(depth + 1)}${q(key)}: `);
        else put(`${'  '.repeat(depth)}${yamlKey(key)}:${d === path.length - 1 ? '' : '\n'}`);
        first[depth] = false;
        if (d < path.length - 1) {
          if (format === 'json') put('{');
          open.push(key);
          first.push(true);
        }
      }
      if (format === 'json') put(JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(path.length)}`));
      else {
        const lines = [''];
        yamlLines(value, '  '.repeat(path.length), lines);
        const [head0, ...rest] = lines;
        put(`${head0}\n${rest.length ? `${rest.join('\n')}\n` : ''}`);
      }
    }
    if (format === 'json') {
      for (let d = open.length; d > 0; d--) put(`\n${'  '.repeat(d)}}`);
      put('\n}\n');
    }
  }
}

/** Writes a spec of about `megabytes` MB (base or head) to `file`; returns the bytes written. */
export function writeBigSpec(file: string, megabytes: number, head: boolean, format: Format, anchors = false): number {
  anchorNames = anchors && format === 'yaml' ? new Map() : undefined;
  sharedObjects.clear();
  written.clear();
  let sample = 0;
  emit(100, head, format, (text) => (sample += Buffer.byteLength(text)));
  const n = Math.max(1, Math.round(((megabytes * 1024 * 1024) / sample) * 100));
  sharedObjects.clear();
  written.clear();
  const fd = openSync(file, 'w');
  let bytes = 0;
  try {
    emit(n, head, format, (text) => (bytes += writeSync(fd, text)));
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/**
 * The worst shape for a walk that follows `$ref`s: `count` components in one chain (`S0.next` is
 * `S1`, ...), used by one operation's request and response. The head lowers `S500.name.maxLength`
 * and makes `S900.v` required. Written as JSON; returns the bytes written.
 */
export function writeChainSpec(file: string, count: number, head: boolean): number {
  const fd = openSync(file, 'w');
  let bytes = 0;
  const put = (text: string) => (bytes += writeSync(fd, text));
  try {
    const schema = { $ref: '#/components/schemas/S0' };
    const content = { 'application/json': { schema } };
    put(
      `{"openapi":"3.1.0","info":{"title":"chain","version":"1"},"paths":${JSON.stringify({ '/a': { post: { requestBody: { content }, responses: { 200: { description: 'ok', content } } } } })},"components":{"schemas":{`,
    );
    for (let i = 0; i < count; i++) {
      const next = i + 1 < count ? { next: { $ref: `#/components/schemas/S${i + 1}` } } : {};
      const properties = { ...next, name: { type: 'string', maxLength: head && i === 500 ? 3 : 13 }, v: { type: 'integer' } };
      put(
        `${i ? ',' : ''}"S${i}":${JSON.stringify({ type: 'object', description: TEXT.repeat(4), properties, required: head && i === 900 ? ['name', 'v'] : ['name'] })}`,
      );
    }
    put('}}}\n');
  } finally {
    closeSync(fd);
  }
  return bytes;
}
