// The tools package (packages/tools) as npx fetches it: one tarball with no
// dependencies, so `npx rtc-token-apis-tools mock` installs one package instead
// of Prism's tree of some 150 (bench:npx). It holds the bin (src/cli/main.ts)
// bundled by esbuild with everything it loads (Prism, Ajv, yaml, content-type…;
// one chunk per lazily loaded command, so --help and breaking never parse
// Prism), the bundled API documents, the Swagger UI files /docs serves
// (src/mock/docs/assets.ts's list, and the licence file its bundle names;
// nothing else of swagger-ui-dist), and
// THIRD-PARTY-NOTICES.md: name, version, licence and licence text of every
// package inside, read from the bundle's own metafile.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { ASSETS, BUNDLED_ASSETS_DIR } from '../../src/mock/docs/assets.ts';
import { LAZY_MODULE_SPECS } from '../../src/mock/lazy-exports.ts';
import { repoRoot } from './apis.ts';

export const TOOLS_DIR = join(repoRoot, 'packages', 'tools');
/** The notice file's name, at the package root. */
export const NOTICES = 'THIRD-PARTY-NOTICES.md';
/** Left out of the bundle: --watch bundles the specs of a repository checkout, and says how to get it when missing. */
const EXTERNAL = ['@redocly/openapi-core'];

interface BundledPackage {
  name: string;
  version: string;
  license: string;
  /** The package's own folder (for its licence files). */
  dir: string;
}

/** The package folder a bundled file belongs to: the innermost node_modules/<name> (or @scope/name) of its path. */
function packageDir(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  return parts.slice(0, at + (parts[at + 1]?.startsWith('@') ? 3 : 2)).join(sep);
}

function licenseOf(manifest: { license?: string | { type: string }; licenses?: { type: string }[] }): string {
  const { license, licenses } = manifest;
  if (typeof license === 'string') return license;
  if (license?.type) return license.type;
  return licenses?.map((l) => l.type).join(' OR ') || 'UNKNOWN';
}

/** Every package with code in the bundle (from esbuild's metafile), plus swagger-ui-dist whose files ship beside it; sorted by name. */
function bundledPackages(metafile: Metafile): BundledPackage[] {
  const dirs = new Set(
    Object.values(metafile.outputs)
      .flatMap((output) => Object.entries(output.inputs).filter(([, use]) => use.bytesInOutput > 0))
      .map(([input]) => packageDir(join(repoRoot, input)))
      .filter((dir): dir is string => dir !== undefined),
  );
  dirs.add(dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json')));
  const byName = new Map<string, BundledPackage>();
  for (const dir of dirs) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const key = `${manifest.name}@${manifest.version}`;
    if (!byName.has(key)) byName.set(key, { name: manifest.name, version: manifest.version, license: licenseOf(manifest), dir });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/**
 * The licence file webpack writes beside a bundle (`x.js.LICENSE.txt`, named
 * in the bundle's first line) for each Swagger UI file the package ships:
 * the notices of the packages inside Swagger UI's bundle (React, DOMPurify…).
 */
const assetLicenseFiles = (dir: string) => Object.keys(ASSETS).flatMap((name) => (existsSync(join(dir, `${name}.LICENSE.txt`)) ? [`${name}.LICENSE.txt`] : []));

/** A package's licence and notice files, as it ships them (for swagger-ui-dist, also its shipped bundle's). */
function licenseFiles(dir: string, swaggerUi: boolean): string[] {
  return [
    ...readdirSync(dir)
      .filter((f) => /^(licen[cs]e|copying|notice)([.-].*)?$/i.test(f))
      .sort(),
    ...(swaggerUi ? assetLicenseFiles(dir) : []),
  ];
}

/**
 * For a package that ships no licence file: the licence section of its README
 * (a heading or underlined title naming the licence, up to the next one), which
 * is where such packages keep their copyright line.
 */
function readmeLicense(dir: string): string | undefined {
  const readme = readdirSync(dir).find((f) => /^readme(\.md|\.markdown|\.txt)?$/i.test(f));
  if (!readme) return undefined;
  const lines = readFileSync(join(dir, readme), 'utf8').split(/\r?\n/);
  const title = (i: number) => /^#{1,6}\s/.test(lines[i]!) || (lines[i]!.trim() !== '' && /^(-{3,}|={3,})\s*$/.test(lines[i + 1] ?? ''));
  const start = lines.findIndex((line, i) => title(i) && /licen[cs]e/i.test(line));
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && !(title(end) && end > start + 1)) end++;
  return lines.slice(start, end).join('\n').trim();
}

function noticesText(packages: BundledPackage[]): string {
  const sections = packages.map((p) => {
    const files = licenseFiles(p.dir, p.name === 'swagger-ui-dist').map((f) => `${f}:\n\n\`\`\`text\n${readFileSync(join(p.dir, f), 'utf8').trim()}\n\`\`\``);
    const fromReadme = files.length ? undefined : readmeLicense(p.dir);
    const { author } = JSON.parse(readFileSync(join(p.dir, 'package.json'), 'utf8')) as { author?: string | { name: string } };
    const text =
      files.join('\n\n') ||
      (fromReadme
        ? `The package ships no licence file; its README says:\n\n\`\`\`text\n${fromReadme}\n\`\`\``
        : `The package ships no licence file or licence section; its package.json states the licence above${author ? ` and its author, ${typeof author === 'string' ? author : author.name}` : ''}.`);
    return [`## ${p.name}@${p.version}`, '', `License: ${p.license}`, '', text].join('\n');
  });
  return `# Third-party notices

rtc-token-apis-tools bundles the following packages: dist/ holds their code,
minified, and dist/${BUNDLED_ASSETS_DIR}/ files of swagger-ui-dist. Each is listed with its
version, its licence, and the licence and notice files it ships.

${sections.join('\n\n')}
`;
}

/** Bundled instead of the full entry: faker with its English locale only (an eighth of the size), shaped as the full entry's exports. */
const SMALLER_ENTRY: Record<string, string> = {
  '@faker-js/faker': "((faker) => ({ __esModule: true, default: faker, faker }))(require('@faker-js/faker/locale/en'))",
};

/**
 * The modules Prism requires at load time that the mock never runs
 * (src/mock/lazy-exports.ts; in a node_modules install lazy-modules.ts defers
 * them through the require cache, which a bundle does not have): here each
 * import of one becomes the same stand-in over the real module, bundled too.
 */
export function lazyModules(): Plugin {
  const stand = join(repoRoot, 'src', 'mock', 'lazy-exports.ts');
  const byId = new Map(LAZY_MODULE_SPECS.map((spec) => [spec.id, spec]));
  return {
    name: 'lazy-modules',
    setup(b) {
      const filter = new RegExp(`^(${LAZY_MODULE_SPECS.map((s) => s.id.replace(/[/.-]/g, '\\$&')).join('|')})$`);
      b.onResolve({ filter }, (args) => (args.pluginData === 'real' ? undefined : { path: args.path, namespace: 'lazy', pluginData: args.resolveDir }));
      b.onLoad({ filter: /.*/, namespace: 'lazy' }, async (args) => {
        const spec = byId.get(args.path)!;
        // The real module, resolved as its requirer would (the plugin steps aside for this one).
        const real = await b.resolve(spec.id, { kind: 'require-call', resolveDir: args.pluginData as string, pluginData: 'real' });
        const load = SMALLER_ENTRY[spec.id] ?? `require(${JSON.stringify(real.path)})`;
        return {
          resolveDir: dirname(real.path),
          loader: 'js',
          contents: `module.exports = require(${JSON.stringify(stand)}).lazyExports(() => ${load}, ${JSON.stringify({ objectExports: spec.objectExports, statics: spec.statics })});`,
        };
      });
    },
  };
}

export interface ToolsBundle {
  metafile: Metafile;
  packages: BundledPackage[];
}

/** Writes `outDir` (default packages/tools/dist) and the notices file beside it, from a clean slate. */
export async function buildToolsBundle(outDir = join(TOOLS_DIR, 'dist')): Promise<ToolsBundle> {
  rmSync(outDir, { recursive: true, force: true });
  const client = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const manifest = { name: client.name, version: client.version, peerDependencies: client.peerDependencies, repository: client.repository };
  const { metafile } = await build({
    absWorkingDir: repoRoot,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    external: EXTERNAL,
    plugins: [lazyModules()],
    // Its `main` is a UMD build whose require()s of its own files esbuild cannot follow; its `module` is the same code as ES modules.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    define: {
      __RTC_TOKEN_APIS_VERSION__: JSON.stringify(client.version),
      __RTC_TOKEN_APIS_TOOLS_BUNDLE__: JSON.stringify({ manifest }),
    },
    // The bundled CommonJS packages (Prism, Ajv…) call require() for Node's own modules.
    banner: { js: "import{createRequire as __rtcCreateRequire}from'node:module';const require=__rtcCreateRequire(import.meta.url);" },
  });
  const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  mkdirSync(join(outDir, BUNDLED_ASSETS_DIR), { recursive: true });
  for (const name of [...Object.keys(ASSETS), ...assetLicenseFiles(swaggerUi)]) copyFileSync(join(swaggerUi, name), join(outDir, BUNDLED_ASSETS_DIR, name));
  // src/openapi-doc/bundled.ts finds generated/bundled/ beside the code.
  const specs = join(repoRoot, 'generated', 'bundled');
  mkdirSync(join(outDir, 'generated', 'bundled'), { recursive: true });
  for (const name of readdirSync(specs).filter((f) => f.endsWith('.json'))) copyFileSync(join(specs, name), join(outDir, 'generated', 'bundled', name));
  const packages = bundledPackages(metafile);
  writeFileSync(join(dirname(outDir), NOTICES), noticesText(packages));
  return { metafile, packages };
}
