// Every TypeScript block in README.md, docs/*.md (any file added there is
// picked up) and openapi/README.md compiles, against the packed tarball, under
// strict consumer settings. A block may declare its placeholders
// (`declare const session: { accessToken: string };`).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { packAndInstall, type PackedPackage } from '../support/pack.ts';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const docs = [
  'README.md',
  'openapi/README.md',
  ...readdirSync(join(repo, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
].filter((f) => existsSync(join(repo, f)));

interface Block {
  doc: string;
  line: number;
  code: string;
}
function blocks(doc: string): Block[] {
  const lines = readFileSync(join(repo, doc), 'utf8').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    while (++i < lines.length && !lines[i]!.startsWith('```'));
    out.push({ doc, line: start + 1, code: lines.slice(start, i).join('\n') });
  }
  return out;
}

let pkg: PackedPackage;
beforeAll(async () => {
  pkg = await packAndInstall();
}, 180_000);

it('finds the TypeScript blocks of every doc, including docs/*.md', () => {
  expect(docs).toContain('README.md');
  expect(docs.filter((d) => d.startsWith('docs/')).length).toBeGreaterThanOrEqual(6);
  expect(docs.flatMap(blocks).length).toBeGreaterThan(10);
});

it('every TypeScript block compiles (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess, nodenext)', async () => {
  const dir = join(pkg.project, 'doc-blocks');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const all = docs.flatMap(blocks);
  const files = all.map((b, i) => {
    const name = `block-${i}.ts`;
    // Each block is its own module (top-level await, no name clashes between blocks).
    writeFileSync(join(dir, name), `${b.code}\nexport {};\n`);
    return name;
  });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  // A recipe may import a framework (vitest, fastify, hono, @signalwire/js): those
  // come from this repository's devDependencies; rtc-token-apis from the tarball.
  const thirdParty = new Set(all.flatMap((b) => [...b.code.matchAll(/from '((?:@[^/']+\/)?[^/'.][^/']*)[^']*'/g)].map((m) => m[1]!)));
  for (const name of thirdParty) {
    if (name === 'rtc-token-apis' || name.startsWith('node:') || !existsSync(join(repo, 'node_modules', name))) continue;
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(join(repo, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  }
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022', 'DOM'],
        types: ['node'],
        typeRoots: [join(repo, 'node_modules', '@types')],
        // @signalwire/js ships declarations that need jest's types; third-party .d.ts
        // files are not ours to check (the package's own are, in entries.test.ts).
        skipLibCheck: true,
      },
      files,
    }),
  );
  const output = await run(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    () => '',
    (e: { stdout: string }) => e.stdout,
  );
  // Report each error at its place in the doc, not in the temporary file.
  const errors = output
    .split('\n')
    .filter((l) => /error TS/.test(l))
    .map((l) =>
      l.replace(/^block-(\d+)\.ts\((\d+),(\d+)\)/, (_m, i: string, line: string) => {
        const b = all[Number(i)]!;
        return `${b.doc}:${b.line + Number(line) - 1}`;
      }),
    );
  expect(errors).toEqual([]);
}, 120_000);
