// Packs the package from a staging copy with no dist/ (a real `npm pack`, whose
// `prepare` script builds it, so the working tree's dist/ is never touched) and
// installs the tarball into a fresh temporary project, with the optional peers
// the mock and verify need: what a user gets from the registry.
// The result is cached by a hash of everything that goes into the package, so
// test files (and reruns with unchanged sources) share one tarball and install.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
/** What the build reads and the tarball ships. */
const INPUTS = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'scripts/build.mjs',
  'src',
  'generated',
  'openapi',
];
const CACHE = join(tmpdir(), 'rtc-token-apis-pack');
const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];

export interface PackedPackage {
  /** The `npm pack` tarball. */
  tarball: string;
  /** A temporary project with the tarball installed (node_modules/rtc-token-apis, node_modules/.bin). */
  project: string;
  /** The installed bin, node_modules/.bin/rtc-token-apis. */
  bin: string;
}

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function inputsHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((p) => files(join(repo, p)))) hash.update(relative(repo, file)).update('\0').update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

const npm = (args: string[], cwd: string) => run('npm', [...args, ...quiet], { cwd, maxBuffer: 16 * 1024 * 1024 });

async function buildAndPack(dir: string): Promise<string> {
  const stage = join(dir, 'stage');
  for (const p of INPUTS) if (existsSync(join(repo, p))) cpSync(join(repo, p), join(stage, p), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(stage, 'node_modules'), 'dir');
  const { stdout } = await npm(['pack', '--pack-destination', dir], stage);
  return join(dir, stdout.trim().split('\n').pop()!);
}

/** Installs the package's dependencies and optional peers first, in parallel with the build, so the tarball install only adds itself. */
async function prepareProject(project: string): Promise<void> {
  const { dependencies, peerDependencies, devDependencies } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  // `redis` stays out: the consumer checks the typed error for a missing optional peer. Each
  // peer at the version the tests run with (the repo's exact dev dependency), not the newest in its range.
  const peers = Object.fromEntries(
    Object.keys(peerDependencies)
      .filter((name) => name !== 'redis')
      .map((name) => [name, devDependencies[name]]),
  );
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'pack-consumer', private: true, type: 'module', dependencies: { ...dependencies, ...peers } }, null, 2),
  );
  await npm(['install', '--prefer-offline', '--ignore-scripts'], project);
}

async function create(dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const project = join(dir, 'project');
  const [tarball] = await Promise.all([buildAndPack(dir), prepareProject(project)]);
  await npm(['install', '--prefer-offline', '--ignore-scripts', tarball], project);
  writeFileSync(join(dir, 'done'), tarball);
}

/** Keeps /tmp from filling up: installs of older sources (about 90 MB each) go once they are 10 minutes old. */
function pruneOlder(keep: string): void {
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    // Other test runs share the cache and prune it too: an entry may vanish between readdir and stat.
    const mtime = (() => {
      try {
        return statSync(path).mtimeMs;
      } catch {
        return Date.now();
      }
    })();
    if (path !== keep && !name.endsWith('.lock') && !existsSync(`${path}.lock`) && Date.now() - mtime > 600_000) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

async function waitFor(marker: string, lock: string): Promise<void> {
  while (!existsSync(marker)) {
    if (!existsSync(lock)) throw new Error(`another test run failed to build the package (see ${lock})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let cached: Promise<PackedPackage> | undefined;

/** Builds, packs and installs once per content hash; later callers (any worker) reuse it. */
export function packAndInstall(): Promise<PackedPackage> {
  return (cached ??= (async () => {
    const dir = join(CACHE, inputsHash());
    const marker = join(dir, 'done');
    const lock = `${dir}.lock`;
    if (!existsSync(marker)) {
      mkdirSync(CACHE, { recursive: true });
      let owner = false;
      try {
        mkdirSync(lock);
        owner = true;
      } catch {
        // Another worker is building it; a lock older than 5 minutes is from a crashed run.
        const lockAge = (() => {
          try {
            return Date.now() - statSync(lock).mtimeMs;
          } catch {
            return 0;
          }
        })();
        if (lockAge > 300_000) rmSync(lock, { recursive: true, force: true });
      }
      if (owner) {
        try {
          await create(dir);
          pruneOlder(dir);
        } finally {
          rmSync(lock, { recursive: true, force: true });
        }
      } else await waitFor(marker, lock);
    }
    // Mark it in use, so a run pruning the shared cache meanwhile keeps it.
    utimesSync(dir, new Date(), new Date());
    const project = join(dir, 'project');
    return { tarball: readFileSync(marker, 'utf8'), project, bin: join(project, 'node_modules', '.bin', 'rtc-token-apis') };
  })());
}
