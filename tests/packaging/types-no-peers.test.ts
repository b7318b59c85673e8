// Types for every entry compile in a project that installed the package and
// none of its optional peers (Prism, Swagger UI, Ajv, yaml, redis), under
// TypeScript's default settings: no skipLibCheck, so every declaration file an
// entry reaches is checked, and one import of a missing peer fails the build.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { packAndInstall } from '../support/pack.ts';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  peerDependencies: Record<string, string>;
};
const entries = Object.keys(manifest.exports)
  .filter((key) => key !== './package.json')
  .map((key) => `rtc-token-apis${key.slice(1)}`);
const work = mkdtempSync(join(tmpdir(), 'rtc-no-peers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  const { tarball } = await packAndInstall();
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'no-peers-consumer', private: true }));
  // A plain install: npm never installs an optional peer on its own.
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: work });
}, 300_000);

/** Compiles `source` as a project of `type`, with only `compilerOptions` set beyond the defaults; returns tsc's error lines. */
async function compile(name: string, type: 'module' | 'commonjs', source: string, compilerOptions: Record<string, unknown>): Promise<string[]> {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type }));
  writeFileSync(join(dir, 'index.ts'), source);
  // @types/node from the repo: a Node project has it; it is no peer of this package.
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...compilerOptions, noEmit: true, types: ['node'], typeRoots: [join(repo, 'node_modules', '@types')] },
      files: ['index.ts'],
    }),
  );
  const output = await run(process.execPath, [tsc, '-p', '.'], { cwd: dir }).then(
    (r) => r.stdout,
    (e: { stdout: string }) => e.stdout,
  );
  return output.split('\n').filter((line) => /error TS/.test(line));
}

const source = entries.map((e, i) => `import * as entry${i} from '${e}';\nexport const used${i} = Object.keys(entry${i});`).join('\n');

it('the consumer really has none of the optional peers', () => {
  expect(entries.length).toBeGreaterThanOrEqual(8);
  const peers = Object.keys(manifest.peerDependencies);
  expect(peers.filter((name) => existsSync(join(work, 'node_modules', name)))).toEqual([]);
  // Nor anything they bring (@stoplight/types comes with Prism).
  expect(readdirSync(join(work, 'node_modules')).filter((n) => n === '@stoplight' || n === '@redis')).toEqual([]);
});

for (const [name, type, options] of [
  ['nodenext ESM', 'module', { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext' }],
  ['nodenext CommonJS', 'commonjs', { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext' }],
  // No `target`: TypeScript's default (ES5 before 6.0), where a `#private` field in a declaration is an error (TS18028).
  ['bundler', 'module', { strict: true, module: 'ESNext', moduleResolution: 'Bundler' }],
] as const) {
  it(`every entry's types compile without the optional peers (${name}, no skipLibCheck)`, async () => {
    expect(await compile(name.replace(/\W+/g, '-'), type, source, options)).toEqual([]);
  }, 120_000);
}

it('the check fails on a declaration that imports a missing peer', async () => {
  // What the mock entry's declarations did before: one import of @stoplight/types breaks the consumer's build.
  const errors = await compile('probe', 'module', `import type { IHttpOperation } from '@stoplight/types';\nexport type T = IHttpOperation;\n`, {
    strict: true,
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
  });
  expect(errors).toEqual([expect.stringMatching(/error TS2307: Cannot find module '@stoplight\/types'/)]);
}, 120_000);
