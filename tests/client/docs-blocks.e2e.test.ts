// docs/clients-and-errors.md is part of the product: every TypeScript block
// compiles against the package (strict, exactOptionalPropertyTypes,
// noUncheckedIndexedAccess, nodenext), so an option renamed in code cannot
// stay in the docs.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');

it('docs/clients-and-errors.md: every TypeScript block compiles against the package', () => {
  const doc = readFileSync(join(repo, 'docs', 'clients-and-errors.md'), 'utf8');
  const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(7);
  const dir = join(repo, '.scratch', 'docs-clients-snippets');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = blocks.map((code, i) => {
    const file = join(dir, `block-${i}.ts`);
    writeFileSync(file, `${code}\nexport {};\n`);
    return file;
  });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  const program = ts.createProgram(files, {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    skipLibCheck: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    baseUrl: repo,
    paths: { 'rtc-token-apis': ['src/index.ts'], 'rtc-token-apis/*': ['src/*/index.ts'] },
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file && files.includes(d.file.fileName));
  const messages = diagnostics.map((d) => `${d.file!.fileName.slice(dir.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  expect(messages).toEqual([]);
}, 120_000);
