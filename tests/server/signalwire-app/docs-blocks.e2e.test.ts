// docs/signalwire-app-server.md is part of the product: every TypeScript
// block in it compiles (strict, exactOptionalPropertyTypes,
// noUncheckedIndexedAccess, nodenext) against this package's sources, the
// real hono and @signalwire/js types.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..', '..');
const DOC = 'docs/signalwire-app-server.md';

it(`${DOC}: every ts block type-checks`, async () => {
  const text = readFileSync(join(repo, DOC), 'utf8');
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(3);
  // Inside the repository, so the package's "type": "module" and node_modules apply.
  const dir = join(repo, 'test-output', 'docs-signalwire-app');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  blocks.forEach((code, i) => writeFileSync(join(dir, `block-${i + 1}.ts`), code));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        allowImportingTsExtensions: true,
        resolveJsonModule: true,
        paths: {
          'rtc-token-apis/server': ['../../src/server/index.ts'],
          'rtc-token-apis/signalwire-app': ['../../src/signalwire-app/index.ts'],
        },
      },
      include: ['block-*.ts'],
    }),
  );
  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir }).then(
    () => '',
    (e: { stdout?: string }) => e.stdout ?? String(e),
  );
  // Only the blocks are judged here: the package's own sources are compiled with
  // the repository's settings (and its .d.ts under these by the packaging test).
  const inBlocks = result.split('\n').filter((line) => line.startsWith('block-'));
  expect(inBlocks).toEqual([]);
}, 120_000);
