// Loads a root spec file and resolves every `$ref` in it, local (`#/...`) or
// relative to the file (`common.yaml#/Error`), into one object graph. Shared
// targets stay shared objects and recursive schemas become cycles, so the
// comparison can guard against revisiting by identity.
import { GateError } from './errors.js';
import { parseSpecText } from './parse.js';
import { unescapeToken } from '../openapi-doc/pointer.js';
import type { Source } from './source.js';

type Json = unknown;

/** Values that are data, not OpenAPI structure: a `$ref` key inside them is a literal. */
const LITERAL_KEYS = new Set(['example', 'default', 'const', 'enum', 'examples']);

export function loadResolved(source: Source, root: string): Json {
  const files = new Map<string, Json>();
  const resolved = new Map<string, Record<string, Json>>();

  const readFile = (file: string): Json => {
    if (!files.has(file)) files.set(file, parseSpecText(source.read(file), source.name(file)));
    return files.get(file);
  };

  const lookup = (file: string, fragment: string, ref: string, from: string): Json => {
    let node = readFile(file);
    if (!fragment || fragment === '/') return node;
    if (!fragment.startsWith('/')) throw new GateError(`${source.name(from)}: unsupported $ref ${ref} (only JSON pointers)`);
    for (const raw of fragment.slice(1).split('/')) {
      const token = unescapeToken(decodeURIComponent(raw));
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) {
        throw new GateError(`${source.name(from)}: unresolved $ref ${ref}`);
      }
      node = (node as Record<string, Json>)[token];
    }
    return node;
  };

  const visit = (node: Json, file: string, literal: boolean): Json => {
    if (Array.isArray(node)) return node.map((item) => visit(item, file, literal));
    if (node === null || typeof node !== 'object') return node;
    const { $ref, ...siblings } = node as Record<string, Json>;
    if (!literal && typeof $ref === 'string') {
      if (/^[a-z][a-z0-9+.-]*:/i.test($ref)) throw new GateError(`${source.name(file)}: remote $ref ${$ref} is not supported; bundle the spec first`);
      const hash = $ref.indexOf('#');
      const target = hash < 0 ? $ref : $ref.slice(0, hash);
      const fragment = hash < 0 ? '' : $ref.slice(hash + 1);
      const targetFile = target ? source.join(dirOf(file), decodeURI(target)) : file;
      const id = `${targetFile}#${fragment}`;
      let resolvedTarget = resolved.get(id);
      if (!resolvedTarget) {
        // Register before filling so a recursive schema points at itself.
        resolvedTarget = {};
        resolved.set(id, resolvedTarget);
        const value = visit(lookup(targetFile, fragment, $ref, file), targetFile, false);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          // A $ref to a boolean schema or a scalar: nothing to share, use it as is.
          resolved.delete(id);
          return value;
        }
        Object.assign(resolvedTarget, value);
      }
      // OpenAPI 3.1 allows siblings next to $ref (e.g. a local description).
      return Object.keys(siblings).length ? { ...resolvedTarget, ...(visit(siblings, file, false) as object) } : resolvedTarget;
    }
    return Object.fromEntries(
      Object.entries(node as Record<string, Json>).map(([key, value]) => [
        key,
        literal || LITERAL_KEYS.has(key) || key.startsWith('x-') ? value : visit(value, file, false),
      ]),
    );
  };

  return visit(readFile(root), root, false);
}

function dirOf(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i < 0 ? '' : file.slice(0, i);
}
