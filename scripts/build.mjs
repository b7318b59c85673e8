// Builds dist/ from a clean slate (so a deleted source never lingers in the package):
//   dist/**/*.js, *.js.map      ESM, esbuild file for file     (the `import` condition)
//   dist/cjs/**/*.d.cts         the declarations, emitted by tsc: the one set
//                               (those an entry's types reach)
//   dist/**/index.d.ts          per entry, one line re-exporting its .d.cts
//   dist/cjs/**/*.cjs           `require()`: one shim per entry that loads the ES
//                               module itself (Node 20.19+ require(esm))
// One copy of the code, so `require` and `import` share every class; one copy of
// the declarations, so the types do too. The declarations are CommonJS because
// an ES module's types may re-export CommonJS ones under every TypeScript
// setting, while the reverse fails under module node16/node18 (TS1479). The
// code is minified (whitespace and syntax; names stay) with separate maps
// pointing at src/*.ts, which the package ships, so stack traces show the
// TypeScript line that threw (the bin-only code excepted: see NO_MAP).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const cjs = join(dist, 'cjs');
// The bin is ESM only (top-level await) and no entry: no declarations for it.
const ESM_ONLY = /^src\/cli\//;
// No maps for: the validators (generated, minified code: a map back to the
// equally minified generated source helps no one and is a quarter of the
// package), and the code only the bin runs (the command line and the gate,
// which no entry imports): its sources do not ship (package.json `files`), so
// the package's bytes go to what a consumer's own stack traces pass through.
const NO_MAP = /^(generated\/validators|src\/cli|src\/breaking)\//;

rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const posix = (path) => path.split('\\').join('/');
const sources = ['src', 'generated']
  .flatMap((d) => walk(join(root, d)))
  .map((f) => posix(relative(root, f)))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));

// Not bundled: each module compiles on its own (tsconfig's isolatedModules
// guarantees that is safe), imports stay as written. Comments and whitespace
// go (a third of the code's bytes); the maps lead back to them. Identifiers
// keep their names: error names are literals anyway, and a stack trace read
// without the maps still names its functions.
const { build } = await import('esbuild');
// The package version is compiled in from package.json (src/core/version.ts).
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = { __RTC_TOKEN_APIS_VERSION__: JSON.stringify(version) };
const common = {
  absWorkingDir: root,
  outdir: dist,
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  define,
  minifyWhitespace: true,
  minifySyntax: true,
  // Short lines: Node prints the source line above an uncaught error's stack, and
  // a module on one line is a screenful of code (the README's ConfigError shows it).
  lineLimit: 120,
};
await build({ ...common, entryPoints: sources.filter((f) => !NO_MAP.test(f)), sourcemap: 'linked', sourcesContent: false });
await build({ ...common, entryPoints: sources.filter((f) => NO_MAP.test(f)) });

// Type-only modules (generated/types, src/core/types.ts, ...) compile to an
// empty module that nothing loads at run time: ship only their declarations.
const empty = (file) =>
  readFileSync(file, 'utf8')
    .replace(/\/\/# sourceMappingURL=.*$/m, '')
    .trim() === '';
for (const file of walk(dist).filter((f) => f.endsWith('.js') && empty(f))) {
  rmSync(file);
  rmSync(`${file}.map`, { force: true });
}

// The declarations, once: tsc's, renamed to .d.cts and pointing at each other.
// Each entry's import-condition .d.ts re-exports its .d.cts; the rest go.
const { exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const entryTypes = new Set(Object.values(exports).flatMap((c) => (typeof c === 'string' ? [] : [join(root, c.import.types)])));
for (const file of walk(dist).filter((f) => f.endsWith('.d.ts') && !f.startsWith(cjs))) {
  const rel = relative(dist, file);
  if (!ESM_ONLY.test(posix(rel))) {
    const target = join(cjs, rel.replace(/\.d\.ts$/, '.d.cts'));
    mkdirSync(dirname(target), { recursive: true });
    const text = readFileSync(file, 'utf8').replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*)\.js(['"])/g, '$1$2.cjs$3');
    writeFileSync(target, text);
  }
  if (entryTypes.has(file)) writeFileSync(file, `export * from '${posix(relative(dirname(file), join(cjs, rel.replace(/\.d\.ts$/, '.cjs'))))}';\n`);
  else rmSync(file);
}

// Only the declarations an entry's types reach ship: the package's exports
// allow no deep import, so the rest (the tools' internals, the checks behind
// the clients) would be bytes no consumer can name.
const specifier = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]*)\.cjs['"]/g;
const reached = new Set();
const pending = [...entryTypes].map((file) => join(cjs, relative(dist, file).replace(/\.d\.ts$/, '.d.cts')));
for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
  if (reached.has(file)) continue;
  reached.add(file);
  for (const [, path] of readFileSync(file, 'utf8').matchAll(specifier)) pending.push(join(dirname(file), `${path}.d.cts`));
}
for (const file of walk(cjs).filter((f) => f.endsWith('.d.cts') && !reached.has(f))) rmSync(file);

// One `require` shim per entry in package.json's exports, next to its .d.cts.
for (const conditions of Object.values(exports)) {
  if (typeof conditions === 'string') continue;
  const shim = join(root, conditions.require.default);
  const esm = posix(relative(dirname(shim), join(root, conditions.import.default)));
  writeFileSync(shim, `// require() of this entry loads its ES module (Node 20.19+): one copy of every class.\nmodule.exports = require('${esm}');\n`);
}
