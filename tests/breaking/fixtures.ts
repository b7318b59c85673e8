// Loads a fixture pair: one YAML file holding the base document, `---`, then
// the head document. Both go through the gate's own loader (resolving $refs,
// validating) from an in-memory source, like the gate's real input.
import { readdirSync, readFileSync } from 'node:fs';
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

/** Base and head of a fixture as in-memory files `base.yaml` and `head.yaml`. */
function fixtureSource(kind: FixtureKind, name: string): Source {
  const parts = readFileSync(new URL(`${kind}/${name}.yaml`, root), 'utf8').split(/^---$/m);
  if (parts.length !== 2) throw new Error(`${name}: a fixture pair holds exactly two documents`);
  const files: Record<string, string> = { 'base.yaml': parts[0]!, 'head.yaml': parts[1]! };
  return {
    name: (path) => `${name}/${path}`,
    join: (_from, path) => path,
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
  return diffApiSets(side('base.yaml'), side('head.yaml'));
}
