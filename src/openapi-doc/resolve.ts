// Local `$ref` resolution for bundled documents, safe against reference
// cycles: one-step following (a node and the pointer it lives at) and a full
// dereference where shared targets stay shared and recursion becomes a cycle.
import { valueAt } from './pointer.js';

export type Json = Record<string, any>;

export class SpecRefError extends Error {
  override name = 'SpecRefError';
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

/**
 * Every local `$ref` inlined. Shared targets stay shared objects and
 * recursive schemas become cyclic graphs: walkers must guard against revisiting.
 */
export function dereference<T>(document: T): T {
  const resolved = new Map<string, Json>();
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const { $ref, ...siblings } = node as Json;
    if (typeof $ref === 'string') {
      const ptr = targetPointer($ref);
      let target = resolved.get(ptr);
      if (!target) {
        // Register before filling so a recursive schema points at itself.
        target = {};
        resolved.set(ptr, target);
        const found = valueAt(document, ptr);
        if (found === undefined) throw new SpecRefError(`unresolved $ref ${$ref}`);
        Object.assign(target, visit(found));
      }
      // OpenAPI 3.1 allows siblings next to $ref (e.g. a local description).
      return Object.keys(siblings).length ? { ...target, ...(visit(siblings) as object) } : target;
    }
    return Object.fromEntries(Object.entries(siblings).map(([key, value]) => [key, visit(value)]));
  };
  return visit(document) as T;
}
