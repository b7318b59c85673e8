// The tools package (packages/tools) as npx gets it: its bundle built by
// scripts/lib/tools-bundle.ts (what its `prepack` runs) into a staging copy,
// packed by a real `npm pack` and installed from the tarball into a fresh
// project. It depends on nothing, ships only its bin, the bundle and the
// licence notices, and its bin runs every command from that one package:
// mock (a 200 and /docs), verify against it, breaking, --version.
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildToolsBundle, lazyModules, NOTICES } from '../../scripts/lib/tools-bundle.ts';
import { ASSETS } from '../../src/mock/docs/assets.ts';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
const work = mkdtempSync(join(tmpdir(), 'rtc-tools-package-'));
const stage = join(work, 'stage');
const project = join(work, 'project');
const installed = join(project, 'node_modules', 'rtc-token-apis-tools');
const bin = join(project, 'node_modules', '.bin', 'rtc-token-apis-tools');
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };

let metafile: Metafile;
let packed: { filename: string; size: number; unpackedSize: number; files: { path: string }[] };

beforeAll(async () => {
  for (const file of ['package.json', 'bin.js', 'README.md', 'LICENSE']) cpSync(join(repo, 'packages', 'tools', file), join(stage, file));
  ({ metafile } = await buildToolsBundle(join(stage, 'dist')));
  // The bundle is built above, as `prepack` would build it in packages/tools.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work, ...quiet], { cwd: stage });
  packed = (JSON.parse(stdout) as (typeof packed)[])[0]!;
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'tools-consumer', private: true }));
  await run('npm', ['install', '--offline', '--ignore-scripts', join(work, packed.filename), ...quiet], { cwd: project });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The package folder of every bundled input, read independently of the notice writer. */
function bundledPackageDirs(): Set<string> {
  const dirs = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, use] of Object.entries(output.inputs)) {
      const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m && use.bytesInOutput > 0) dirs.add(join(repo, m[1]!));
    }
  }
  return dirs;
}

describe('the packed tools package', () => {
  it('depends on nothing and ships only its bin, the bundle, the Swagger UI files /docs serves and the notices', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
      expect(manifest[field], field).toBeUndefined();
    }
    const paths = packed.files.map((f) => f.path);
    expect(
      paths.filter(
        (p) =>
          !/^(package\.json|README\.md|LICENSE|THIRD-PARTY-NOTICES\.md|bin\.js|dist\/[^/]+\.js|dist\/generated\/bundled\/[\w-]+\.json|dist\/swagger-ui\/.+)$/.test(
            p,
          ),
      ),
    ).toEqual([]);
    // The files /docs serves, and the licence file a served one points at.
    expect(paths.filter((p) => p.startsWith('dist/swagger-ui/')).sort()).toEqual(
      [...Object.keys(ASSETS), 'swagger-ui-bundle.js.LICENSE.txt'].map((name) => `dist/swagger-ui/${name}`).sort(),
    );
    expect(paths).toContain('dist/main.js');
    expect(paths).toContain(NOTICES);
    // npx installs this one package and nothing else.
    expect(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['rtc-token-apis-tools']);
    console.log(
      `tools tarball: ${(packed.size / 1e6).toFixed(2)} MB packed, ${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked, ${paths.length} files; installs 1 package`,
    );
  });

  it('bundles faker with its English locale only (Prism would otherwise carry every locale)', () => {
    const fakerLocales = new Set(
      Object.keys(metafile.inputs)
        .map((input) => /node_modules\/@faker-js\/faker\/(?:dist\/cjs|lib)\/locales\/([^/]+)\//.exec(input)?.[1])
        .filter((locale) => locale !== undefined),
    );
    expect([...fakerLocales]).toEqual(['en']);
  });

  it("Prism's faker stand-in in the bundle works on first use, through both exports Prism reads", async () => {
    // Bundled as Prism's JSON Schema generator requires it, with the bundle's plugin.
    const prismHttp = dirname(createRequire(import.meta.url).resolve('@stoplight/prism-http'));
    const { outputFiles } = await build({
      stdin: {
        contents: "const f = require('@faker-js/faker'); module.exports = [f.faker.lorem.word(), f.default.lorem.word(), f.default.locale];",
        resolveDir: join(prismHttp, 'mocker', 'generator'),
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      plugins: [lazyModules()],
    });
    const file = join(work, 'faker-stand-in.cjs');
    writeFileSync(file, outputFiles[0]!.text);
    const [word, other, locale] = createRequire(import.meta.url)(file) as string[];
    expect(typeof word).toBe('string');
    expect(typeof other).toBe('string');
    expect(locale).toBe('en');
  });

  it(`${NOTICES} names every bundled package with its version, licence and the licence files it ships`, () => {
    const notices = readFileSync(join(installed, NOTICES), 'utf8');
    const dirs = bundledPackageDirs();
    dirs.add(dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json')));
    expect(dirs.size).toBeGreaterThan(50);
    for (const dir of dirs) {
      const { name, version: v, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
      const section = notices.split(/^## /m).find((s) => s.startsWith(`${name}@${v}\n`));
      expect(section, `${name}@${v}`).toBeDefined();
      if (typeof license === 'string') expect(section).toContain(`License: ${license}`);
      for (const file of readdirSync(dir).filter((f) => /^(licen[cs]e|notice)/i.test(f))) {
        expect(section, `${name}@${v} ${file}`).toContain(readFileSync(join(dir, file), 'utf8').trim());
      }
    }
  });

  it('a shipped Swagger UI file that says where its licences are ships that file, and the notices hold it', () => {
    const notices = readFileSync(join(installed, NOTICES), 'utf8');
    const section = notices.split(/^## /m).find((s) => s.startsWith('swagger-ui-dist@'))!;
    const pointed = Object.keys(ASSETS).flatMap((name) => {
      const head = readFileSync(join(installed, 'dist', 'swagger-ui', name))
        .subarray(0, 200)
        .toString('latin1');
      const m = /For license information please see (\S+)/.exec(head);
      return m ? [m[1]!] : [];
    });
    // Swagger UI's bundle carries React, DOMPurify and dozens more: their notices are in that file.
    expect(pointed).toEqual(['swagger-ui-bundle.js.LICENSE.txt']);
    for (const file of pointed) {
      const text = readFileSync(join(installed, 'dist', 'swagger-ui', file), 'utf8');
      expect(text).toMatch(/Copyright/);
      expect(section, file).toContain(text.trim());
    }
  });
});

describe('its bin, from the installed tarball', () => {
  it('answers --version, -V and --help', async () => {
    expect((await run(bin, ['--version'])).stdout.trim()).toBe(version);
    expect((await run(bin, ['-V'])).stdout.trim()).toBe(version);
    const help = (await run(bin, ['--help'])).stdout;
    for (const command of ['mock', 'verify', 'breaking']) expect(help).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('names itself, never the client bin, in every usage, help and bad-usage error, with no peer-install hints', async () => {
    /** `rtc-token-apis` as a program name (not the `-tools` one, a URL's path or a package specifier). */
    const clientBin = /(?<![\w/.-])rtc-token-apis(?![\w/.-])/;
    const failed = (args: string[]) =>
      run(bin, args).then(
        () => ({ code: 0, stdout: '', stderr: '' }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const help = (await run(bin, ['--help'])).stdout;
    expect(help).toMatch(/^usage: rtc-token-apis-tools <command> \[options\]$/m);
    // Everything is inside: no "needs Prism", no "with nothing installed: npx …".
    expect(help).not.toMatch(/needs |installed|npm install/i);
    const texts = [help];
    for (const command of ['mock', 'verify', 'breaking']) {
      const { stdout, stderr } = await run(bin, [command, '--help']);
      expect(stdout, command).toMatch(new RegExp(`^usage: rtc-token-apis-tools ${command} `, 'm'));
      // Asking for help starts nothing, so the bin says it starts nothing.
      expect(stderr, command).toBe('');
      texts.push(stdout);
    }
    expect((await run(bin, ['breaking', '-h'])).stderr).toBe('');
    const badFlag = await failed(['--nope']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr.split('\n')[0]).toBe('rtc-token-apis-tools: unknown option "--nope"');
    texts.push(badFlag.stderr);
    for (const command of ['mock', 'breaking']) {
      const bad = await failed([command, '--nope']);
      expect(bad.code, command).toBe(2);
      expect(bad.stderr.split('\n')[1], command).toMatch(new RegExp(`^rtc-token-apis-tools ${command}: .*--nope`));
      texts.push(bad.stderr);
    }
    const badVerify = await failed(['verify', '--nope']);
    expect(badVerify.code).toBe(2);
    expect(badVerify.stderr).toMatch(/^usage: rtc-token-apis-tools verify /m);
    texts.push(badVerify.stderr);
    for (const text of texts) expect(text).not.toMatch(clientBin);
  });

  it('mock --watch is a usage error before anything listens: the bundle has no spec sources to watch', async () => {
    const watch = await run(bin, ['mock', '--port', '0', '--watch']).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(watch.code).toBe(2);
    expect(watch.stdout).toBe('');
    expect(watch.stderr.split('\n').slice(0, 2)).toEqual([
      'rtc-token-apis-tools: starting mock…',
      'rtc-token-apis-tools mock: --watch reloads the specs of a repository checkout, and this package ships only the built ones: run npm start -- --watch in a checkout',
    ]);
    // The usage that follows does not offer it.
    expect(watch.stderr).toMatch(/^usage: rtc-token-apis-tools mock /m);
    expect(watch.stderr).not.toContain('[--watch]');
  });

  it('says what it starts before it loads the bundle', async () => {
    // A copy without the bundle's entry: the line still comes, first, then the one-line failure.
    const copy = join(work, 'no-bundle');
    cpSync(installed, copy, { recursive: true });
    rmSync(join(copy, 'dist', 'main.js'));
    const failed = await run(process.execPath, [join(copy, 'bin.js'), 'mock']).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed!.stderr.split('\n').slice(0, 2)).toEqual([
      'rtc-token-apis-tools: starting mock…',
      'rtc-token-apis-tools: dist/ is missing: in the repository, build it with npm run build:tools',
    ]);
  });

  it('mock: the starting line first, a 200, /docs with its Swagger UI files; verify passes against it', async () => {
    const child = spawn(bin, ['mock', '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', (d) => {
          stdout += d;
          const m = /mock listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`bin exited ${code}: ${stderr}`)));
      });
      expect(stderr.split('\n')[0]).toBe('rtc-token-apis-tools: starting mock…');
      const token = await fetch(`${url}/proconfToken`, {
        method: 'POST',
        headers: { authorization: 'Bearer any-session', 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'member', room: 'standup', participantName: 'Priya' }),
      });
      expect(token.status).toBe(200);
      const index = await fetch(`${url}/docs/`);
      expect(index.status).toBe(200);
      expect(await index.text()).toContain('proconf-app');
      const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
      for (const name of Object.keys(ASSETS)) {
        const asset = await fetch(`${url}/docs/assets/${name}`);
        expect(asset.status, name).toBe(200);
        expect(Buffer.from(await asset.arrayBuffer()).equals(readFileSync(join(swaggerUi, name))), name).toBe(true);
      }
      const verified = await run(bin, ['verify', '--api', 'proconf-app', '--target', url], { env: { ...process.env, PROCONF_BEARER: 'any-session' } });
      expect(verified.stdout).toMatch(/\b0 failed\b/);
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });

  it('breaking: no change on the shipped specs, and a removed operation is breaking (exit 1)', async () => {
    const same = await run(bin, ['breaking', join(repo, 'openapi'), join(repo, 'openapi')]);
    expect(same.stdout).toMatch(/^0 breaking/m);
    const spec = (paths: string) => `openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: ${paths}\n`;
    writeFileSync(join(work, 'base.yaml'), spec("{/things: {post: {responses: {'200': {description: ok}}}}}"));
    writeFileSync(join(work, 'head.yaml'), spec('{}'));
    const removed = await run(bin, ['breaking', join(work, 'base.yaml'), join(work, 'head.yaml')]).then(
      () => undefined,
      (e: { code: number; stdout: string }) => e,
    );
    expect(removed?.code).toBe(1);
    expect(removed!.stdout).toMatch(/^1 breaking/m);
  });
});
