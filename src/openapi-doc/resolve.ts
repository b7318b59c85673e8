// `$ref` resolution, safe against reference cycles and deep documents:
// one-step following (a node and the pointer it lives at), and a full
// dereference where shared targets stay shared and recursion becomes a cycle.
// The dereference is iterative (an explicit work list, never the call stack)
// and memoised by identity, so a 10,000-deep document, a recursive YAML alias
// and a `$ref` cycle all finish. `dereferenceFrom` is the multi-document form
// the breaking-change gate builds on; `dereference` is its one-document case.
import { escapeToken, tokensOf, valueAt } from './pointer.js';

export type Json = Record<string, any>;

export class SpecRefError extends Error {
  override name = 'SpecRefError';
  /** The document holding the `$ref` that failed, and where in it (when known). */
  constructor(
    message: string,
    readonly document = '',
    readonly at = '',
  ) {
    super(message);
  }
}

/** Only `#/...` refs exist after bundling; a `#/a%20b` fragment is URI-encoded. */
function targetPointer(ref: string): string {
  if (!ref.startsWith('#/')) throw new SpecRefError(`only local $refs can be resolved after bundling: ${ref}`);
  return decodeURIComponent(ref.slice(1));
}

/** Follows `$ref` chains until a non-ref node; returns it with the pointer it lives at. */
export function resolveRef(doc: unknown, node: unknown, at: string): { node: Json | undefined; pointer: string } {
  const seen = new Set<string>();
  let current = node as Json | undefined;
  let ptr = at;
  while (current && typeof current.$ref === 'string') {
    ptr = targetPointer(current.$ref);
    if (seen.has(ptr)) throw new SpecRefError(`$ref cycle at ${at} (through ${ptr})`);
    seen.add(ptr);
    current = valueAt(doc, ptr) as Json | undefined;
  }
  return { node: current, pointer: ptr };
}

/** A node with its own `$ref` chain followed (its children keep theirs); `{}` when absent. */
export function deref(doc: unknown, node: unknown): Json {
  return resolveRef(doc, node ?? {}, '').node ?? {};
}

/** Where a `$ref` points: a document id (whatever `load` understands) and an RFC 6901 pointer in it. */
interface RefTarget {
  document: string;
  pointer: string;
}

export interface DereferenceOptions {
  /** The parsed document `document`; called once per document. `via` is the reference that led to it. */
  load(document: string, via?: { ref: string; from: string; at: string }): unknown;
  /** Where `ref`, found in `from` at pointer `at`, points. Throw to refuse it (before anything is read). */
  locate(ref: string, from: string, at: string): RefTarget;
  /** Keys whose values are data (`example`, `x-...`): a `$ref` inside them is kept as written. */
  literal?(key: string): boolean;
  /** Replace refs inside the loaded documents themselves instead of building a copy (half the memory; the caller owns the documents). */
  inPlace?: boolean;
  /** Whether keys beside a `$ref` count (OpenAPI 3.1, JSON Schema 2020-12), or are ignored (OpenAPI 3.0: "SHALL be ignored"); asked after the root is loaded. Default: they count. */
  siblings?(): boolean;
  /** How reports name `pointer` in `document`, another document than the root (`schemas/pet.yaml#/Pet`); without it, no place. */
  place?(document: string, pointer: string): string;
}

/** The reference (`document#pointer`) each dereferenced object was reached through first, and its place for reports. */
const origins = new WeakMap<object, { id: string; place?: string }>();

/** `#/components/schemas/Pet` (or `pets.yaml#/Pet`): the `$ref` target an object of a dereferenced document came from. */
export function refOrigin(node: unknown): string | undefined {
  return node !== null && typeof node === 'object' ? origins.get(node)?.id : undefined;
}

/**
 * Where an object reached through a `$ref` is written: `/components/schemas/Pet` in the root document, or
 * `schemas/pet.yaml#/Pet` in another one as `DereferenceOptions.place` names it (undefined when not a ref target).
 */
export function refLocation(node: unknown): string | undefined {
  return node !== null && typeof node === 'object' ? origins.get(node)?.place : undefined;
}

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object';
const hasRef = (value: unknown): value is Json => isObject(value) && !Array.isArray(value) && typeof value.$ref === 'string';

/**
 * Every `$ref` reachable from document `root` inlined, across documents.
 * Shared targets stay shared objects; recursive schemas and recursive YAML
 * aliases become cyclic graphs (walkers must guard against revisiting).
 * Errors are SpecRefErrors naming the referencing document and pointer.
 */
export function dereferenceFrom(root: string, options: DereferenceOptions): unknown {
  const literal = options.literal ?? (() => false);
  const documents = new Map<string, unknown>();
  const byTarget = new Map<string, unknown>();
  const bySource = new WeakMap<object, unknown>();
  const tasks: Array<{ source: Json; out: Json; document: string; at: string }> = [];
  const merges: Array<{ out: Json; target: unknown; siblings: unknown; done: boolean }> = [];
  const mergeOf = new WeakMap<object, (typeof merges)[number]>();

  const load = (document: string, via?: { ref: string; from: string; at: string }) => {
    if (!documents.has(document)) documents.set(document, options.load(document, via));
    return documents.get(document);
  };

  const lookup = ({ document, pointer }: RefTarget, ref: string, from: string, at: string): unknown => {
    let node = load(document, { ref, from, at });
    for (const token of tokensOf(pointer === '/' ? '' : pointer)) {
      if (!isObject(node) || !Object.hasOwn(node, token)) throw new SpecRefError(`unresolved $ref ${ref}`, from, at);
      node = node[token];
    }
    return node;
  };

  /** The output for one input value; objects are scheduled, never recursed into. */
  const value = (input: unknown, document: string, at: string): unknown => {
    if (!isObject(input)) return input;
    const known = bySource.get(input);
    if (known !== undefined) return known;
    if (hasRef(input)) return reference(input, document, at);
    const out: Json = options.inPlace ? input : Array.isArray(input) ? [] : {};
    bySource.set(input, out);
    tasks.push({ source: input, out, document, at });
    return out;
  };

  const reference = (node: Json, document: string, at: string): unknown => {
    // Follow a chain of refs to a node that is not one.
    const chain: string[] = [];
    let [ref, from, refAt] = [node.$ref as string, document, at];
    let result: unknown;
    for (;;) {
      const target = options.locate(ref, from, refAt);
      const id = `${target.document}#${target.pointer}`;
      if (byTarget.has(id)) {
        result = byTarget.get(id);
        break;
      }
      if (chain.includes(id)) throw new SpecRefError(`$ref cycle through ${ref}`, from, refAt);
      chain.push(id);
      const found = lookup(target, ref, from, refAt);
      if (hasRef(found)) {
        [ref, from, refAt] = [found.$ref as string, target.document, target.pointer];
        continue;
      }
      result = value(found, target.document, target.pointer);
      if (isObject(result) && !origins.has(result))
        origins.set(result, { id, place: target.document === root ? target.pointer : options.place?.(target.document, target.pointer) });
      break;
    }
    for (const id of chain) byTarget.set(id, result);
    const { $ref: _, ...rest } = node;
    if (!Object.keys(rest).length || options.siblings?.() === false) {
      bySource.set(node, result);
      return result;
    }
    // OpenAPI 3.1 allows siblings next to $ref (e.g. a local description): merged once everything is filled.
    const out: Json = {};
    bySource.set(node, out);
    const merge = { out, target: result, siblings: value(rest, document, at), done: false };
    merges.push(merge);
    mergeOf.set(out, merge);
    return out;
  };

  const top = value(load(root), root, '');
  while (tasks.length) {
    const { source, out, document, at } = tasks.pop()!;
    const data = !Array.isArray(source);
    for (const key of Object.keys(source)) {
      const item = source[key];
      const next = !isObject(item) || (data && literal(key)) ? item : value(item, document, `${at}/${escapeToken(key)}`);
      if (out[key] !== next) out[key] = next;
    }
  }
  const finish = (merge: (typeof merges)[number]) => {
    if (merge.done) return;
    merge.done = true;
    const inner = isObject(merge.target) ? mergeOf.get(merge.target) : undefined;
    if (inner) finish(inner);
    Object.assign(merge.out, isObject(merge.target) && !Array.isArray(merge.target) ? merge.target : {}, merge.siblings);
  };
  for (const merge of merges) finish(merge);
  return top;
}

/**
 * Every local `$ref` of one document inlined. Shared targets stay shared
 * objects and recursive schemas become cyclic graphs: walkers must guard
 * against revisiting.
 */
export function dereference<T>(document: T): T {
  return dereferenceFrom('', {
    load: () => document,
    locate: (ref) => ({ document: '', pointer: targetPointer(ref) }),
  }) as T;
}
