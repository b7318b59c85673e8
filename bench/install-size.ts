// `npm run bench:install`: what a backend or browser team pays to install the
// clients. Packs this repo (or takes --tarball), installs it with plain
// `npm install` into a fresh project, and prints every installed package and
// its size. Exits 1 over budget (5 packages, 2 MB) or when anything only the
// mock / verify / validation need (Prism, faker, Ajv, ...) got installed.
//   --tarball <path>       measure this tarball instead of packing the repo
//   --max-packages <n>     package budget (default 5)
//   --max-mb <n>           size budget in MB of 1,000,000 bytes (default 2)
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';

const USAGE = `usage: npm run bench:install -- [--tarball <path>] [--max-packages <n>] [--max-mb <n>]`;
const FORBIDDEN = /^(@stoplight\/|@faker-js\/|ajv|postman-collection$|json-schema-faker$)/;

function parse(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        tarball: { type: 'string' },
        'max-packages': { type: 'string', default: '5' },
        'max-mb': { type: 'string', default: '2' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const maxPackages = Number(values['max-packages']);
    const maxMb = Number(values['max-mb']);
    if (!Number.isInteger(maxPackages) || maxPackages < 1) throw new Error(`--max-packages must be a positive integer; got "${values['max-packages']}"`);
    if (!(maxMb > 0)) throw new Error(`--max-mb must be a positive number; got "${values['max-mb']}"`);
    return { help: values.help ?? false, tarball: values.tarball, maxPackages, maxMb };
  } catch (error) {
    console.error(`bench:install: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const run = promisify(execFile);
const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, maxBuffer: 16 * 1024 * 1024 });

/** Bytes of every file under `dir`: `size` as npm's "unpacked size" counts it (the budget), `disk` in allocated blocks (what `du` shows; depends on the filesystem). */
function bytes(dir: string, which: 'size' | 'disk'): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sum + bytes(path, which);
    if (!e.isFile()) return sum;
    const st = statSync(path);
    return sum + (which === 'size' ? st.size : st.blocks * 512);
  }, 0);
}

/** Every installed package directory (scoped and nested included), by name. */
function packages(nodeModules: string): { name: string; dir: string }[] {
  const found: { name: string; dir: string }[] = [];
  const visit = (dir: string, prefix = '') => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name.startsWith('.')) continue;
      if (!prefix && e.name.startsWith('@')) {
        visit(join(dir, e.name), `${e.name}/`);
        continue;
      }
      const pkgDir = join(dir, e.name);
      found.push({ name: prefix + e.name, dir: pkgDir });
      try {
        if (statSync(join(pkgDir, 'node_modules')).isDirectory()) visit(join(pkgDir, 'node_modules'));
      } catch {
        // no nested node_modules
      }
    }
  };
  visit(nodeModules);
  return found;
}

const options = parse(process.argv.slice(2));
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'rtc-install-size-'));
try {
  let tarball = options.tarball;
  if (!tarball) {
    const { stdout } = await npm(['pack', '--pack-destination', work], join(import.meta.dirname, '..'));
    tarball = join(work, stdout.trim().split('\n').pop()!);
  }
  const project = join(work, 'consumer');
  rmSync(project, { recursive: true, force: true });
  await run('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'client-consumer', private: true, type: 'module' }));
  // A plain install, as a user types it: npm 7+ installs peer dependencies unless they are optional.
  await npm(['install', '--prefer-offline', tarball], project);
  const installed = packages(join(project, 'node_modules')).map((p) => ({ ...p, bytes: bytes(p.dir, 'size'), disk: bytes(p.dir, 'disk') }));
  const total = installed.reduce((s, p) => s + p.bytes, 0);
  const disk = installed.reduce((s, p) => s + p.disk, 0);
  const mb = (n: number) => (n / 1e6).toFixed(2);
  const forbidden = installed.filter((p) => FORBIDDEN.test(p.name));
  for (const p of installed.sort((a, b) => b.bytes - a.bytes)) {
    const version = (JSON.parse(readFileSync(join(p.dir, 'package.json'), 'utf8')) as { version: string }).version;
    console.log(`  ${`${p.name}@${version}`.padEnd(40)} ${mb(p.bytes).padStart(6)} MB`);
  }
  const over = installed.length > options.maxPackages || total > options.maxMb * 1e6;
  console.log(`  (allocated on this filesystem, as du counts it: ${mb(disk)} MB)`);
  console.log(
    `client install: ${installed.length} packages, ${mb(total)} MB (budget ${options.maxPackages} packages, ${options.maxMb} MB): ${over || forbidden.length ? 'OVER BUDGET' : 'ok'}`,
  );
  if (forbidden.length) console.log(`installed but only the mock / verify / validation need them: ${forbidden.map((p) => p.name).join(', ')}`);
  process.exitCode = over || forbidden.length ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}
