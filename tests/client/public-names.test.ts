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

// Names, not types: the entry points' exports are declared in src/ and
// generated/, so the packages they import are read as empty modules (no lib,
// no @types). That cuts ~3 s of parsing a dozen packages' declarations; the
// one thing it would hide, an `export *` from a package, is checked below.
function exportedNames(): { names: Map<string, string[]>; packageStarExports: string[] } {
  const options = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, noLib: true, types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) => (file.includes('/node_modules/') ? ts.createSourceFile(file, '', language) : read(file, language, ...rest));
  const program = ts.createProgram(entries, options, host);
  const checker = program.getTypeChecker();
  const names = new Map<string, string[]>();
  for (const file of entries) {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    names.set(file.slice(repo.length + 1), symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : []);
  }
  const packageStarExports = program
    .getSourceFiles()
    .filter((source) => !source.fileName.includes('/node_modules/'))
    .flatMap((source) =>
      source.statements
        .filter(ts.isExportDeclaration)
        .filter(
          (e) =>
            (!e.exportClause || ts.isNamespaceExport(e.exportClause)) &&
            e.moduleSpecifier &&
            ts.isStringLiteral(e.moduleSpecifier) &&
            !e.moduleSpecifier.text.startsWith('.'),
        )
        .map((e) => `${source.fileName.slice(repo.length + 1)}: ${e.getText(source)}`),
    );
  return { names, packageStarExports };
}

describe('public names', () => {
  const { names, packageStarExports } = exportedNames();
  const all = [...names.values()].flat();

  it('are read from every entry point', () => {
    expect([...names.keys()].length).toBeGreaterThanOrEqual(7);
    for (const [entry, list] of names) expect(list.length, entry).toBeGreaterThan(0);
    expect(all).toContain('createSignalWireClient');
  });

  it('are all declared in this package (none re-exported wholesale from a dependency, which is read as empty here)', () => {
    expect(packageStarExports).toEqual([]);
  });

  it('spell SignalWire one way', () => {
    expect(all.filter((n) => /signalwire[A-Z]|Signalwire|SIGNALWIRE_?[a-z]/.test(n))).toEqual([]);
    expect(all).toContain('signalWireValidation');
  });

  it('call every options type …Options', () => {
    expect(all.filter((n) => /[a-z](Config|Settings|Opts|Params)$/.test(n))).toEqual([]);
  });
});
