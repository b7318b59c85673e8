// One public API shape, by name: every entry point's exports spell SignalWire
// one way (as `createSignalWireClient` does) and every options type is
// `…Options`. Read from the entry points' declarations with the compiler, so a
// new export is checked the day it is added.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
// ./dist/src/x/index.js → src/x/index.ts
const entries = Object.values(manifest.exports)
  .map((e) => e.import?.default)
  .filter((p): p is string => typeof p === 'string')
  .map((p) => join(repo, p.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts')));

function exportedNames(): Map<string, string[]> {
  const program = ts.createProgram(entries, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true });
  const checker = program.getTypeChecker();
  const names = new Map<string, string[]>();
  for (const file of entries) {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    names.set(file.slice(repo.length + 1), symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : []);
  }
  return names;
}

describe('public names', () => {
  const names = exportedNames();
  const all = [...names.values()].flat();

  it('are read from every entry point', () => {
    expect([...names.keys()].length).toBeGreaterThanOrEqual(7);
    for (const [entry, list] of names) expect(list.length, entry).toBeGreaterThan(0);
    expect(all).toContain('createSignalWireClient');
  });

  it('spell SignalWire one way', () => {
    expect(all.filter((n) => /signalwire[A-Z]|Signalwire|SIGNALWIRE_?[a-z]/.test(n))).toEqual([]);
    expect(all).toContain('signalWireValidation');
  });

  it('call every options type …Options', () => {
    expect(all.filter((n) => /[a-z](Config|Settings|Opts|Params)$/.test(n))).toEqual([]);
  });
});
