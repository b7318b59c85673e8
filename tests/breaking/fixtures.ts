// Loads a fixture pair: one YAML file holding the base document, `---`, then
// the head document (then, optionally, the files they `$ref`, each after a
// `--- # base/<path>` line). Both go through the gate's own loader (resolving
// $refs, validating) from an in-memory source, like the gate's real input.
import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { Change } from '../../src/breaking/change.ts';
import { diffApiSets } from '../../src/breaking/diff.ts';
import type { Side } from '../../src/breaking/inputs.ts';
import { loadResolved } from '../../src/breaking/load-resolved.ts';
import type { Source } from '../../src/breaking/source.ts';
import type { Obj } from '../../src/breaking/rules/schema-context.ts';
import { validateDocument } from '../../src/breaking/validate.ts';

const root = new URL('./fixtures/', import.meta.url);

export type FixtureKind = 'breaking' | 'non-breaking' | 'policy';

export function fixtureNames(kind: FixtureKind): string[] {
  return readdirSync(new URL(`${kind}/`, root))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

/**
 * Base and head of a fixture as in-memory files `base/openapi.yaml` and `head/openapi.yaml`. More
 * documents after them are more files, each named by a comment (`--- # head/schemas/pet.yaml`), for
 * `$ref`s into another file.
 */
function fixtureSource(kind: FixtureKind, name: string): Source {
  const parts = readFileSync(new URL(`${kind}/${name}.yaml`, root), 'utf8').split(/^---(?: # (\S+))?$/m);
  const [base, , head, ...more] = parts;
  if (head === undefined || parts[1] !== undefined) throw new Error(`${name}: a fixture pair holds a base and a head document`);
  const files: Record<string, string> = { 'base/openapi.yaml': base!, 'head/openapi.yaml': head };
  for (let i = 0; i < more.length; i += 2) {
    if (more[i] === undefined) throw new Error(`${name}: a document after the head needs a \`--- # <file>\` line`);
    files[more[i]!] = more[i + 1]!;
  }
  return {
    name: (path) => `${name}/${path}`,
    join: (from, path) => posix.join(from, path),
    read: (path) => files[path] ?? '',
    size: (path) => (files[path] ?? '').length,
    inside: (_root, path) => path in files,
    isDirectory: () => false,
    list: () => Object.keys(files),
  };
}

function loadDocument(source: Source, file: string): Obj {
  const document = loadResolved(source, file);
  validateDocument(document, source.name(file));
  return document;
}

export function diffFixture(kind: FixtureKind, name: string): Change[] {
  const source = fixtureSource(kind, name);
  const side = (file: string): Side => new Map([['fixture', { file: source.name(file), document: loadDocument(source, file) }]]);
  return diffApiSets(side('base/openapi.yaml'), side('head/openapi.yaml'));
}
