// The package as the registry serves it: a fresh clone published (its
// `prepare` builds it) to a real local registry (Verdaccio), then installed by
// name into a fresh consumer, every entry loaded with import and require, the
// bin run, and the frontend one-liner (`npx rtc-token-apis-tools mock`, the
// tools package's bundle built by its `prepack`) run from that registry with an
// empty npm cache until the mock answers 200 and serves /docs; `verify` and
// `breaking` then run through npx from that same cache.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRegistry, type LocalRegistry } from '../support/local-registry.ts';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
const work = mkdtempSync(join(tmpdir(), 'rtc-registry-test-'));
const clone = join(work, 'clone');
const consumer = join(work, 'consumer');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  version: string;
  exports: Record<string, unknown>;
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
};
/** The repository's web address, as package.json's `repository` names it. */
const repositoryWeb = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

let registry: LocalRegistry;
const npm = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  run('npm', [...args, ...quiet, '--userconfig', registry.npmrc], { cwd, env: { ...process.env, ...env }, maxBuffer: 32 * 1024 * 1024 });

beforeAll(async () => {
  registry = await startLocalRegistry();
  await run('git', ['clone', '--quiet', '--no-hardlinks', repo, clone]);
  // The repo's own dev dependencies, as `npm ci` would install them (shared, to save minutes).
  symlinkSync(join(repo, 'node_modules'), join(clone, 'node_modules'), 'dir');
  await npm(['publish'], clone);
  await npm(['publish'], join(clone, 'packages', 'tools'));
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'registry-consumer', private: true }));
  await npm(['install', 'rtc-token-apis'], consumer);
}, 600_000);
afterAll(async () => {
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Every markdown link target and bare URL in `text`. */
function links(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)|(https?:\/\/[^\s)`'"]+)/g)].map((m) => (m[1] ?? m[2])!.replace(/[.,;:]$/, ''));
}

/** A link works on the registry page and in node_modules: a file the package ships, or a file of the repository at its web address. */
function brokenLinks(text: string, installed: string, tracked: Set<string>): string[] {
  return links(text).filter((link) => {
    const [path] = link.split('#');
    if (link.startsWith(`${repositoryWeb}/blob/main/`)) return !tracked.has(link.slice(`${repositoryWeb}/blob/main/`.length).split('#')[0]!);
    if (link.startsWith(repositoryWeb)) return !/^(#readme|\/issues)?$/.test(link.slice(repositoryWeb.length));
    if (/^https?:/.test(link)) return /127\.0\.0\.1|localhost/.test(link) ? false : link.includes('rtc-token-apis');
    if (link.startsWith('#')) return false;
    return !existsSync(join(installed, path!));
  });
}

describe('published to a real registry and installed by name', () => {
  const installed = () => join(consumer, 'node_modules', 'rtc-token-apis');

  it('the registry holds both packages with repository, homepage and bugs; every README link works there and in node_modules', async () => {
    for (const name of ['rtc-token-apis', 'rtc-token-apis-tools']) {
      const { stdout } = await npm(['view', name, '--json'], consumer);
      const view = JSON.parse(stdout) as { version: string; repository: { url: string }; homepage: string; bugs: { url: string } };
      expect(view.version).toBe(manifest.version);
      expect(view.repository.url).toBe(manifest.repository.url);
      expect(view.homepage).toMatch(new RegExp(`^${repositoryWeb}`));
      expect(view.bugs.url).toBe(manifest.bugs.url);
    }
    const tracked = new Set((await run('git', ['ls-files'], { cwd: clone })).stdout.split('\n'));
    const readme = readFileSync(join(installed(), 'README.md'), 'utf8');
    expect(links(readme).length).toBeGreaterThan(10);
    expect(brokenLinks(readme, installed(), tracked)).toEqual([]);
    // The check itself fails on a link into docs/, which the package does not ship.
    expect(brokenLinks('[x](docs/mock.md)', installed(), tracked)).toEqual(['docs/mock.md']);
    expect(brokenLinks(`[x](${repositoryWeb}/blob/main/docs/nope.md)`, installed(), tracked)).toHaveLength(1);
    const help = (await run(join(consumer, 'node_modules', '.bin', 'rtc-token-apis'), ['--help'])).stdout;
    expect(links(help).length).toBeGreaterThanOrEqual(3);
    expect(brokenLinks(help, installed(), tracked)).toEqual([]);
  }, 120_000);

  it('a client install is the lean one: no Prism, Ajv, yaml or redis, at most 5 packages', () => {
    const names = readdirSync(join(consumer, 'node_modules')).flatMap((n) =>
      n.startsWith('@') ? readdirSync(join(consumer, 'node_modules', n)).map((s) => `${n}/${s}`) : n.startsWith('.') ? [] : [n],
    );
    expect(names).toContain('rtc-token-apis');
    expect(names).toContain('openapi-fetch');
    expect(names.filter((n) => /^(@stoplight\/|ajv|yaml$|redis$|@redis\/|swagger-ui)/.test(n))).toEqual([]);
    expect(names.length).toBeLessThanOrEqual(5);
    const bytes = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? bytes(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
    console.log(`client install by name: ${names.length} packages, ${(bytes(join(consumer, 'node_modules')) / 1e6).toFixed(2)} MB (${names.join(', ')})`);
  });

  it('every entry of the exports map loads with import and with require', async () => {
    const entries = Object.keys(manifest.exports)
      .filter((key) => key !== './package.json')
      .map((key) => `rtc-token-apis${key.slice(1)}`);
    expect(entries).toContain('rtc-token-apis/mock');
    const script = `const entries = ${JSON.stringify(entries)};
(async () => {
  const out = {};
  for (const e of entries) {
    const esm = await import(e);
    const cjs = require(e);
    out[e] = [Object.keys(esm).length > 0, Object.keys(esm).every((k) => esm[k] === cjs[k])];
  }
  console.log(JSON.stringify(out));
})();`;
    writeFileSync(join(consumer, 'entries.cjs'), script);
    const { stdout, stderr } = await run(process.execPath, ['entries.cjs'], { cwd: consumer });
    expect(JSON.parse(stdout) as Record<string, boolean[]>).toEqual(Object.fromEntries(entries.map((e) => [e, [true, true]])));
    // require() of the ES modules is quiet on every Node line this runs on (no ExperimentalWarning).
    expect(stderr).toBe('');
  }, 60_000);

  it('the bin runs: --version, -V, and the gate on the shipped specs', async () => {
    const bin = join(consumer, 'node_modules', '.bin', 'rtc-token-apis');
    expect((await run(bin, ['--version'])).stdout.trim()).toBe(manifest.version);
    expect((await run(bin, ['-V'])).stdout.trim()).toBe(manifest.version);
    // The gate needs yaml, which a client install does not have: one line naming the fix, its prefix once.
    const gate = await run(bin, ['breaking', join(installed(), 'openapi'), join(installed(), 'openapi')]).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(gate?.code).toBe(1);
    expect(gate!.stderr.trim()).toMatch(/^rtc-token-apis breaking needs a package that is not installed: yaml@[\d.]+\. .*npx rtc-token-apis-tools breaking/);
  }, 60_000);

  it('the frontend one-liner `npx rtc-token-apis-tools mock` from an empty npm cache serves a 200 and /docs; verify and breaking run through npx too', async () => {
    const cache = join(work, 'npx-cache');
    // PROCONF_BEARER: verify's credential for /proconfToken (the mock accepts any bearer).
    const env = {
      ...process.env,
      npm_config_userconfig: registry.npmrc,
      npm_config_cache: cache,
      npm_config_update_notifier: 'false',
      PROCONF_BEARER: 'any-session',
    };
    // Its own process group, so stopping it stops the mock npx started too.
    const child = spawn('npx', ['-y', 'rtc-token-apis-tools', 'mock', '--port', '0'], { cwd: work, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk;
          const listening = /mock listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (listening) resolve(listening[1]!);
        });
        child.once('exit', (code) => reject(new Error(`npx exited (${code}) before the mock listened: ${out.slice(-500)} ${stderr.slice(-1500)}`)));
      });
      expect(stderr).toMatch(/^rtc-token-apis-tools: starting mock…$/m);
      const response = await fetch(`${url}/proconfToken`, {
        method: 'POST',
        headers: { authorization: 'Bearer any-session', 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'member', room: 'standup', participantName: 'Priya' }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: string }).data.split('.')).toHaveLength(3);
      const docs = await fetch(`${url}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('signalwire-fabric');
      expect((await fetch(`${url}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
      // It came from this registry: npx installed the tools package, and nothing else (it bundles its dependencies), into the empty cache.
      const [npxDir, ...more] = readdirSync(join(cache, '_npx'));
      expect(more).toEqual([]);
      expect(readdirSync(join(cache, '_npx', npxDir!, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['rtc-token-apis-tools']);
      const npx = (args: string[]) => run('npx', ['-y', 'rtc-token-apis-tools', ...args], { cwd: work, env, maxBuffer: 16 * 1024 * 1024 });
      const verified = await npx(['verify', '--api', 'proconf-app', '--target', url]);
      expect(verified.stdout).toMatch(/: \d+ passed, 0 failed/);
      expect(verified.stderr).toMatch(/^rtc-token-apis-tools: starting verify…$/m);
      const openapi = join(clone, 'openapi');
      expect((await npx(['breaking', openapi, openapi])).stdout).toMatch(/^0 breaking/m);
      expect((await npx(['--version'])).stdout.trim()).toBe(manifest.version);
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        process.kill(-child.pid!, 'SIGTERM');
        await exited;
      }
    }
  }, 600_000);
});
