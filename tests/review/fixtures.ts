// Loads a fixture pair: one YAML file holding the base document, `---`, then
// the head document. Both are dereferenced like the gate's real input.
import { readdirSync, readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { dereference } from '../../scripts/lib/docs/dereference.ts';
import { diffApi } from '../../scripts/lib/breaking/diff.ts';
import type { Change } from '../../scripts/lib/breaking/change.ts';

const root = new URL('./fixtures/', import.meta.url);

export function fixtureNames(kind: 'breaking' | 'non-breaking'): string[] {
  return readdirSync(new URL(`${kind}/`, root)).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
}

export function diffFixture(kind: 'breaking' | 'non-breaking', name: string): Change[] {
  const documents = parseAllDocuments(readFileSync(new URL(`${kind}/${name}.yaml`, root), 'utf8'));
  if (documents.length !== 2) throw new Error(`${name}: a fixture pair holds exactly two documents`);
  const [base, head] = documents.map((d) => dereference(d.toJS()));
  return diffApi('fixture', base, head);
}
