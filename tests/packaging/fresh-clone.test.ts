// A new user's first minutes: a fresh clone (no dist/), packed with a plain
// `npm pack`, installed with a plain `npm install` (no peers) into a fresh
// project; and the same repo installed from a git+file:// URL. Both must give
// working clients, a working bin, and, for the mock and verify, one clear
// error naming what to install.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const quiet = ['--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'];
const npm = (args: string[], cwd: string) => run('npm', [...args, ...quiet], { cwd, maxBuffer: 32 * 1024 * 1024 });
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };

const work = mkdtempSync(join(tmpdir(), 'rtc-fresh-'));
const clone = join(work, 'clone');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function consumer(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true }));
  return dir;
}

/** What every install must give: clients by import and require, the bin, and a typed error for the missing peers. */
async function expectWorkingInstall(project: string): Promise<void> {
  const check = `
    const out = {};
    const esm = await import('rtc-token-apis/signalwire');
    const cjs = require('rtc-token-apis/proconf');
    require('rtc-token-apis/server'); require('rtc-token-apis/validation'); require('rtc-token-apis');
    out.clients = typeof esm.createSignalWireClient + ' ' + typeof cjs.createProconfAppClient;
    const { startMockServer } = await import('rtc-token-apis/mock');
    out.mock = await startMockServer({ port: 0 }).then(() => 'started', (e) => e.name + ': ' + e.message);
    const { verifyApi } = require('rtc-token-apis/verify');
    // The bundled specs' validators are precompiled; a document of the user's own needs Ajv.
    const fs = require('node:fs'), path = require('node:path');
    const document = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('rtc-token-apis/package.json')), 'generated/bundled/proconf-admin.json'), 'utf8'));
    out.verify = await verifyApi({ api: 'proconf-admin', document, target: 'http://127.0.0.1:9' }).then(() => 'ran', (e) => e.name + ': ' + e.message);
    console.log(JSON.stringify(out));`;
  writeFileSync(join(project, 'check.cjs'), `(async () => {${check}})().catch((e) => { console.error(e); process.exit(1); });`);
  const out = JSON.parse((await run(process.execPath, ['check.cjs'], { cwd: project })).stdout) as Record<string, string>;
  // The versions the tests ran with: the repo's exact dev dependencies, the lower bound of each `^` peer range.
  const peers = (names: string[]) => names.map((n) => `${n}@${manifest.devDependencies[n]}`).join(' ');
  expect(out).toEqual({
    clients: 'function function',
    mock: expect.stringContaining(`MissingDependencyError: rtc-token-apis mock needs packages that are not installed`),
    verify: expect.stringContaining(`MissingDependencyError: rtc-token-apis verify needs packages that are not installed`),
  });
  expect(out.mock).toContain(`npm install --save-exact ${peers(['@stoplight/prism-core', '@stoplight/prism-http'])}`);
  expect(out.verify).toContain(`npm install --save-exact ${peers(['ajv', 'ajv-formats'])}`);
  const bin = join(project, 'node_modules', '.bin', 'rtc-token-apis');
  expect((await run(bin, ['--version'])).stdout.trim()).toBe(manifest.version);
  // Without Prism the mock fails with one line (exit 1), not a stack trace.
  const mock = await run(bin, ['mock', '--port', '0']).then(
    () => undefined,
    (e: { code: number; stderr: string }) => e,
  );
  expect(mock?.code).toBe(1);
  // One line, the command's name once, the install command and the one that needs nothing installed.
  expect(mock!.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(
      /^rtc-token-apis mock needs packages .*npm install --save-exact @stoplight\/prism-core@.*\(or, with nothing installed: npx rtc-token-apis-tools mock\)$/,
    ),
  ]);
}

beforeAll(async () => {
  // The committed state, as `git clone` gives it: no dist/, no node_modules.
  await run('git', ['clone', '--quiet', '--no-hardlinks', repo, clone]);
  expect(existsSync(join(clone, 'dist'))).toBe(false);
}, 120_000);

describe('a fresh clone', () => {
  it('packs without a prior build (prepare builds), installs with no peers, and works', async () => {
    // The repo's own dev dependencies, as `npm ci` would install them (shared, to save minutes).
    symlinkSync(join(repo, 'node_modules'), join(clone, 'node_modules'), 'dir');
    const { stdout } = await npm(['pack', '--pack-destination', work], clone);
    const tarball = join(work, stdout.trim().split('\n').pop()!);
    const { stdout: listing } = await run('tar', ['-tzf', tarball]);
    expect(listing.split('\n')).toEqual(
      expect.arrayContaining(['package/dist/src/index.js', 'package/dist/cjs/src/index.cjs', 'package/dist/src/cli/main.js']),
    );
    rmSync(join(clone, 'node_modules'));
    const project = consumer('from-tarball');
    await npm(['install', tarball], project);
    await expectWorkingInstall(project);
  }, 300_000);

  it('installs from a git+file:// URL (npm builds it in prepare) and works', async () => {
    const project = consumer('from-git');
    await npm(['install', `git+file://${clone}`], project);
    await expectWorkingInstall(project);
  }, 900_000);
});
