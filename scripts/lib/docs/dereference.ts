// Resolves the local `#/...` $refs a bundled document still holds, so readers
// (the docs renderer) see every schema inline.
// Shared targets stay shared objects and recursive schemas become cyclic
// graphs: walkers must guard against revisiting.

type Json = unknown;

function unescapeToken(token: string): string {
  return decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
}

function lookup(root: Json, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs can be dereferenced after bundling: ${ref}`);
  let node = root;
  for (const token of ref.slice(2).split('/').map(unescapeToken)) {
    if (node === null || typeof node !== 'object' || !(token in node)) {
      throw new Error(`unresolved $ref ${ref}`);
    }
    node = (node as Record<string, Json>)[token];
  }
  return node;
}

export function dereference<T>(document: T): T {
  const resolved = new Map<string, Record<string, Json>>();

  const visit = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const { $ref, ...siblings } = node as Record<string, Json>;
    if (typeof $ref === 'string') {
      let target = resolved.get($ref);
      if (!target) {
        // Register before filling so a recursive schema points at itself.
        target = {};
        resolved.set($ref, target);
        Object.assign(target, visit(lookup(document, $ref)));
      }
      // OpenAPI 3.1 allows siblings next to $ref (e.g. a local description).
      return Object.keys(siblings).length ? { ...target, ...(visit(siblings) as object) } : target;
    }
    return Object.fromEntries(Object.entries(siblings).map(([key, value]) => [key, visit(value)]));
  };

  return visit(document) as T;
}
