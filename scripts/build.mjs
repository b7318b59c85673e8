// Builds dist/ from a clean slate (so a deleted source never lingers in the package):
//   dist/**/*.js, *.d.ts       ESM, emitted by tsc            (the `import` condition)
//   dist/cjs/**/*.cjs, *.d.cts CommonJS, the same modules      (the `require` condition)
// The CommonJS copy is file-for-file, not bundled, so every entry shares one
// core (one HttpError class per format). Source maps are inline and point at
// src/*.ts, which the package ships.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const cjs = join(dist, 'cjs');
// The bin is ESM only (top-level await); everything else is an importable module.
const ESM_ONLY = /^src\/cli\//;

rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const sources = ['src', 'generated']
  .flatMap((d) => walk(join(root, d)))
  .map((f) => relative(root, f).split('\\').join('/'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !ESM_ONLY.test(f));

// Relative specifiers point at the CommonJS siblings; packages stay external.
const toCjs = (specifier) => (specifier.startsWith('.') ? specifier.replace(/\.js$/, '.cjs') : specifier);
const { build } = await import('esbuild');
await build({
  absWorkingDir: root,
  entryPoints: sources,
  outdir: cjs,
  outbase: '.',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  bundle: true,
  sourcemap: 'inline',
  // The maps point at src/, which ships: no second copy of every source inside them.
  sourcesContent: false,
  logLevel: 'warning',
  // import.meta.url is only read behind a `typeof __filename` guard (src/mock).
  logOverride: { 'empty-import-meta': 'silent' },
  plugins: [
    {
      name: 'file-for-file',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'entry-point' ? undefined : { path: toCjs(args.path), external: true }));
      },
    },
  ],
});

// esbuild loads a CommonJS dependency's default export the way Node's ESM
// does (module.exports), because our sources are ESM; in a CommonJS build the
// `__esModule` convention applies, as tsc's own CommonJS output would do it
// (openapi-fetch's default export is `exports.default`).
for (const file of walk(cjs).filter((f) => f.endsWith('.cjs'))) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(/__toESM\((require\("[^"]+"\)), 1\)/g, '__toESM($1)');
  if (fixed !== text) writeFileSync(file, fixed);
}

// CommonJS declarations: the tsc ones, renamed and pointing at each other.
for (const file of walk(dist).filter((f) => f.endsWith('.d.ts') && !f.startsWith(cjs))) {
  const rel = relative(dist, file);
  if (ESM_ONLY.test(rel.split('\\').join('/'))) continue;
  const target = join(cjs, rel.replace(/\.d\.ts$/, '.d.cts'));
  mkdirSync(dirname(target), { recursive: true });
  const text = readFileSync(file, 'utf8').replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*)\.js(['"])/g, '$1$2.cjs$3');
  writeFileSync(target, text);
}

// The validators are generated, minified code: a map back to the equally
// minified generated source helps no one and is a quarter of the package.
for (const file of walk(dist).filter((f) => /[\\/]generated[\\/]validators[\\/][^\\/]+\.c?js$/.test(f))) {
  rmSync(`${file}.map`, { force: true });
  writeFileSync(file, readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n'));
}

// Type-only modules (generated/types, src/core/types.ts, ...) compile to an
// empty module that nothing loads at run time: ship only their declarations.
const code = (file) =>
  readFileSync(file, 'utf8')
    .replace(/\/\/# sourceMappingURL=.*$/m, '')
    .trim();
for (const file of walk(dist).filter((f) => f.endsWith('.js') && !f.startsWith(cjs))) {
  if (code(file) !== 'export {};') continue;
  rmSync(file);
  rmSync(join(cjs, relative(dist, file)).replace(/\.js$/, '.cjs'), { force: true });
}
