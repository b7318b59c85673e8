// One shape for every schema the rules compare: booleans become objects,
// OpenAPI 3.0 forms (`nullable`, boolean `exclusiveMinimum`, array `items`,
// `format: binary` and `byte`)
// become their 2020-12 equivalents, `allOf` branches are merged into one
// schema, and `oneOf`/`anyOf` become a list of alternatives (each merged with
// its siblings). Results are memoized by identity, so the same input always
// yields the same object and recursive schemas still terminate.
import type { Obj } from './schema-context.js';

/** `true` and a missing schema: anything is valid. */
const ANY: Obj = Object.freeze({});
/** `false`: nothing is valid. */
export const NOTHING: Obj = Object.freeze({ not: ANY });

const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);

const normalized = new WeakMap<object, Obj>();
const pairs = new WeakMap<object, WeakMap<object, Obj>>();
const alternativesOf = new WeakMap<object, Alternative[]>();

const LOWER = ['minLength', 'minItems', 'minProperties', 'minimum', 'exclusiveMinimum', 'minContains'];
const UPPER = ['maxLength', 'maxItems', 'maxProperties', 'maximum', 'exclusiveMaximum', 'maxContains'];

function typeList(schema: Obj): string[] | undefined {
  if (typeof schema.type === 'string') return [schema.type];
  return Array.isArray(schema.type) ? [...schema.type] : undefined;
}

/** How many merges built a schema: merges of merges of recursive schemas could otherwise build new objects forever. */
const generation = new WeakMap<Obj, number>();
const MAX_GENERATION = 64;

/** `allOf: [a, b]` as one schema: the memoized object for this pair. */
function intersect(a: unknown, b: unknown): Obj {
  const [na, nb] = [normalize(a), normalize(b)];
  if (na === ANY || na === nb) return nb;
  if (nb === ANY) return na;
  let inner = pairs.get(na);
  if (!inner) pairs.set(na, (inner = new WeakMap()));
  let merged = inner.get(nb);
  if (!merged) {
    const depth = Math.max(generation.get(na) ?? 0, generation.get(nb) ?? 0) + 1;
    // Past any real document's nesting, the first schema stands (as for keywords that cannot merge).
    if (depth > MAX_GENERATION) return na;
    merged = { ...na };
    generation.set(merged, depth);
    inner.set(nb, merged);
    mergeInto(merged, nb);
  }
  return merged;
}

/** The smallest number both divide (decimals at a fixed scale); `a` when there is no exact one. */
function leastCommonMultiple(a: number, b: number): number {
  const scale = 1e9;
  const [x, y] = [Math.round(a * scale), Math.round(b * scale)];
  if (!x || !y || !Number.isSafeInteger(x) || !Number.isSafeInteger(y)) return a;
  let [p, q] = [x, y];
  while (q) [p, q] = [q, p % q];
  return ((x / p) * y) / scale;
}

function mergeInto(target: Obj, branch: Obj): void {
  if (branch === NOTHING || target.not === ANY) {
    for (const key of Object.keys(target)) delete target[key];
    target.not = ANY;
    return;
  }
  for (const [key, value] of Object.entries(branch)) {
    const mine = target[key];
    if (mine === undefined) target[key] = value;
    else if (key === 'type') {
      const [a, b] = [typeList(target)!, typeList(branch)!];
      target.type = a.flatMap((t) =>
        b.includes(t) ? [t] : t === 'number' && b.includes('integer') ? ['integer'] : t === 'integer' && b.includes('number') ? ['integer'] : [],
      );
    } else if (key === 'required' && Array.isArray(mine) && Array.isArray(value)) target.required = [...new Set([...mine, ...value])];
    else if ((key === 'properties' || key === 'patternProperties' || key === 'dependentSchemas') && isObj(mine) && isObj(value)) {
      const merged: Obj = { ...mine };
      for (const [name, sub] of Object.entries(value)) merged[name] = name in mine ? intersect(mine[name], sub) : sub;
      target[key] = merged;
    } else if (key === 'enum' && Array.isArray(mine) && Array.isArray(value)) {
      const keep = new Set(value.map((v) => JSON.stringify(v)));
      target.enum = mine.filter((v) => keep.has(JSON.stringify(v)));
    } else if (LOWER.includes(key) && typeof mine === 'number' && typeof value === 'number') target[key] = Math.max(mine, value);
    else if (UPPER.includes(key) && typeof mine === 'number' && typeof value === 'number') target[key] = Math.min(mine, value);
    else if (['additionalProperties', 'items', 'unevaluatedProperties', 'unevaluatedItems', 'propertyNames', 'contains'].includes(key))
      target[key] = intersect(mine, value);
    else if (key === 'pattern' && typeof mine === 'string' && typeof value === 'string' && mine !== value)
      // Both must match: one regex with a lookahead for each, so a branch adding a pattern reads as stricter.
      target.pattern = `^(?=[\\s\\S]*?(?:${mine}))(?=[\\s\\S]*?(?:${value}))`;
    else if (key === 'multipleOf' && typeof mine === 'number' && typeof value === 'number') target.multipleOf = leastCommonMultiple(mine, value);
    else if (key === 'uniqueItems') target.uniqueItems = mine === true || value === true;
    // A value must match neither: one `not` of either.
    else if (key === 'not') target.not = { anyOf: [mine, value] };
    // Any other keyword set on both sides: the first branch's value stands.
  }
}

export function normalize(schema: unknown): Obj {
  if (schema === true || schema === undefined) return ANY;
  if (schema === false) return NOTHING;
  if (!isObj(schema)) return ANY;
  if (schema === ANY || schema === NOTHING) return schema;
  const cached = normalized.get(schema);
  if (cached) return cached;
  // Most schemas are already in 2020-12 form: they stand for themselves, no copy and no cache entry
  // (the test is cheaper than remembering its answer for every schema of a large document).
  if (
    !('nullable' in schema) &&
    typeof schema.exclusiveMinimum !== 'boolean' &&
    typeof schema.exclusiveMaximum !== 'boolean' &&
    !Array.isArray(schema.items) &&
    !Array.isArray(schema.allOf) &&
    schema.format !== 'binary' &&
    schema.format !== 'byte'
  )
    return schema;
  const n: Obj = { ...schema };
  normalized.set(schema, n);
  normalized.set(n, n);
  const built = generation.get(schema);
  if (built !== undefined) generation.set(n, built);
  const nullable = n.nullable === true;
  delete n.nullable;
  // OpenAPI 3.0: `exclusiveMinimum: true` turns `minimum` exclusive.
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof n[flag] !== 'boolean') continue;
    if (n[flag] && typeof n[bound] === 'number') {
      n[flag] = n[bound];
      delete n[bound];
    } else delete n[flag];
  }
  // OpenAPI 3.0 file content: `format: binary` is raw bytes, `format: byte` base64 text; 3.1 says
  // `contentMediaType` and `contentEncoding` (OpenAPI 3.1, "Considerations for File Uploads").
  if (n.format === 'binary') {
    delete n.format;
    n.contentMediaType ??= 'application/octet-stream';
  } else if (n.format === 'byte') {
    delete n.format;
    n.contentEncoding ??= 'base64';
  }
  // Draft 4 tuples (`items: [...]`, `additionalItems`) are 2020-12 `prefixItems`/`items`.
  if (Array.isArray(n.items)) {
    n.prefixItems = n.items;
    n.items = n.additionalItems;
    if (n.items === undefined) delete n.items;
    delete n.additionalItems;
  }
  if (Array.isArray(n.allOf)) {
    const branches = n.allOf as unknown[];
    delete n.allOf;
    for (const branch of branches) mergeInto(n, normalize(branch));
  }
  // OpenAPI 3.0: `nullable: true` adds null to the type, after `allOf`: `{allOf: [$ref], nullable: true}`
  // is how 3.0 makes a reference nullable, and clients read it so. Without a type, a `oneOf`/`anyOf`
  // gains a null alternative; a schema with neither already admits null.
  if (nullable) {
    const types = typeList(n);
    if (types && !types.includes('null')) n.type = [...types, 'null'];
    else if (!types)
      for (const key of ['oneOf', 'anyOf'])
        if (Array.isArray(n[key]) && !n[key].some((b: unknown) => isObj(b) && b.type === 'null')) n[key] = [...n[key], { type: 'null' }];
  }
  return n;
}

export interface Alternative {
  schema: Obj;
  /** Pointer tokens from the schema to this alternative: `['oneOf', 1]`, or none. */
  tokens: Array<string | number>;
  /** The branch as written (before normalizing): what a discriminator's `$ref` names. */
  raw: unknown;
}

/** Branch lists being expanded: a branch that leads back to one (`Cat: allOf: [Pet, ...]`) is itself, not Pet's choice again. */
const expanding = new Set<unknown[]>();
const withoutKey = new WeakMap<Obj, Obj>();

/** `schema` without its `oneOf`/`anyOf`: the shape a branch inherits from its parent in the discriminator pattern. */
function without(schema: Obj, key: string): Obj {
  let copy = withoutKey.get(schema);
  if (!copy) {
    copy = { ...schema };
    delete copy[key];
    withoutKey.set(schema, copy);
    const built = generation.get(schema);
    if (built !== undefined) generation.set(copy, built);
  }
  return copy;
}

/** The alternatives a (normalized) schema allows: its `oneOf`/`anyOf` branches, or itself. */
export function alternatives(schema: Obj): Alternative[] {
  const key = Array.isArray(schema.oneOf) ? 'oneOf' : Array.isArray(schema.anyOf) ? 'anyOf' : undefined;
  if (!key) return [{ schema, tokens: [], raw: schema }];
  const branches = schema[key] as unknown[];
  if (expanding.has(branches)) return [{ schema: without(schema, key), tokens: [], raw: schema }];
  let list = alternativesOf.get(schema);
  if (list) return list;
  // While expanding, a branch that leads back here stands for itself.
  alternativesOf.set(schema, [{ schema, tokens: [], raw: schema }]);
  expanding.add(branches);
  try {
    const siblings = without(schema, key);
    const plain = Object.keys(siblings).every(
      (k) => ['description', 'title', 'example', 'examples', 'discriminator', 'externalDocs'].includes(k) || k.startsWith('x-'),
    );
    // Nested alternatives (`anyOf: [{oneOf: [a, b]}, c]`) flatten into one list.
    list = branches.flatMap((branch, i) => {
      const merged = plain ? normalize(branch) : intersect(siblings, branch);
      return alternatives(merged).map((alt) => ({ schema: alt.schema, tokens: [key, i, ...alt.tokens], raw: alt.tokens.length ? alt.raw : branch }));
    });
  } finally {
    expanding.delete(branches);
  }
  alternativesOf.set(schema, list);
  return list;
}
