// docs/mock.md is part of the product: its TypeScript blocks compile against
// the package (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess,
// nodenext), and its vitest example runs as written and passes.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(repo, 'docs', 'mock.md'), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

it('has TypeScript blocks that compile against the package', () => {
  const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(3);
  const dir = join(repo, '.scratch', 'docs-mock-snippets');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = blocks.map((code, i) => {
    const file = join(dir, `block-${i}.ts`);
    // Each block is its own module (top-level await is allowed in modules).
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
}, 60_000);

it('runs its vitest example (config, globalSetup, test file) as written, and it passes', async () => {
  const dir = join(repo, '.scratch', 'docs-mock-vitest');
  rmSync(dir, { recursive: true, force: true });
  const named = blocks.map((code) => ({ code, path: /^\/\/ (\S+\.ts)\n/.exec(code)?.[1] })).filter((b) => b.path);
  expect(named.map((b) => b.path)).toEqual(['vitest.config.ts', 'test/mock-setup.ts', 'test/join-meeting.test.ts']);
  for (const { code, path } of named) {
    mkdirSync(dirname(join(dir, path!)), { recursive: true });
    writeFileSync(join(dir, path!), code);
  }
  // The documented config, plus what an install provides: the package name resolving to this source tree.
  writeFileSync(
    join(dir, 'with-package.config.ts'),
    `import { mergeConfig } from 'vitest/config';
import documented from './vitest.config.ts';
export default mergeConfig(documented, { resolve: { alias: [
  { find: /^rtc-token-apis\\/(\\w+)$/, replacement: ${JSON.stringify(repo)} + '/src/$1/index.ts' },
] } });
`,
  );
  const { stdout } = await run(
    process.execPath,
    [join(repo, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir, '--config', join(dir, 'with-package.config.ts'), '--reporter', 'json'],
    { cwd: dir, maxBuffer: 8 * 1024 * 1024 },
  );
  const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
  expect({ passed: report.numPassedTests, failed: report.numFailedTests }).toEqual({ passed: 2, failed: 0 });
}, 120_000);
