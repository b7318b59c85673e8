// Every entry point of the installed tarball, the way each kind of consumer
// loads it: `import` and `require()` on Node, TypeScript under nodenext (ESM
// and CommonJS packages), node16 and bundler, a minified esbuild bundle, and
// stack traces through the shipped source maps. Plus the package linters.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, type PackedPackage } from '../support/pack.ts';
import { scenarioJson } from '../../src/mock/scenario-table.ts';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string; exports: Record<string, unknown> };
const ENTRIES = Object.keys(manifest.exports)
  .filter((k) => k !== './package.json')
  .map((k) => `rtc-token-apis${k.slice(1)}`);

let pkg: PackedPackage;
beforeAll(async () => {
  pkg = await packAndInstall();
}, 180_000);

const node = (cwd: string, args: string[]) => run(process.execPath, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
function dir(name: string, packageJson: object): string {
  const path = join(pkg.project, name);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'package.json'), JSON.stringify(packageJson));
  return path;
}

describe('every entry point on Node', () => {
  it('loads with import and with require(), with the same exports', async () => {
    const script = `
      const out = {};
      for (const id of ${JSON.stringify(ENTRIES)}) {
        const esm = Object.keys(await import(id)).filter((k) => k !== 'default' && k !== 'module.exports').sort();
        const cjs = Object.keys(require(id)).sort();
        out[id] = { esm, cjs };
      }
      console.log(JSON.stringify(out));`;
    const cwd = dir('load-both', { type: 'commonjs' });
    writeFileSync(join(cwd, 'load.cjs'), `(async () => {${script}})().catch((e) => { console.error(e); process.exit(1); });`);
    const { stdout } = await node(cwd, ['load.cjs']);
    const result = JSON.parse(stdout) as Record<string, { esm: string[]; cjs: string[] }>;
    expect(Object.keys(result)).toEqual(ENTRIES);
    for (const [id, { esm, cjs }] of Object.entries(result)) {
      expect(cjs.length, id).toBeGreaterThan(0);
      expect(cjs, id).toEqual(esm);
    }
    expect(result['rtc-token-apis/signalwire']!.cjs).toContain('createSignalWireClient');
  }, 60_000);

  it('require() loads the ES modules themselves (require(esm)): no warning, one HttpError class either way', async () => {
    const cwd = dir('require-esm', { type: 'commonjs' });
    // Every entry is required before anything imports it: a top-level await in any graph throws ERR_REQUIRE_ASYNC_MODULE.
    writeFileSync(
      join(cwd, 'same.cjs'),
      `for (const id of ${JSON.stringify(ENTRIES)}) require(id);
      const required = require('rtc-token-apis/signalwire');
      import('rtc-token-apis/signalwire').then((imported) => console.log(JSON.stringify({
        httpError: required.HttpError === imported.HttpError,
        client: required.createSignalWireClient === imported.createSignalWireClient,
      })));`,
    );
    const { stdout, stderr } = await node(cwd, ['same.cjs']);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({ httpError: true, client: true });
  }, 60_000);

  it('stack traces resolve, through the shipped source maps, to TypeScript files that ship', async () => {
    const cwd = dir('stacks', { type: 'module' });
    const code = (load: string) =>
      `${load}; try { createSignalWireClient({ space: 'not a space!', projectId: 'p', apiToken: 't' }) } catch (e) { console.log(e.stack) }`;
    for (const [flavour, load] of [
      ['esm', `import { createSignalWireClient } from 'rtc-token-apis/signalwire'`],
      ['cjs', `const { createSignalWireClient } = require('rtc-token-apis/signalwire')`],
    ] as const) {
      const file = join(cwd, flavour === 'esm' ? 'throw.mjs' : 'throw.cjs');
      writeFileSync(file, code(load));
      const { stdout } = await node(cwd, ['--enable-source-maps', file]);
      const frames = [...stdout.matchAll(/\((\/[^():]+\.ts):(\d+):\d+\)/g)].map((m) => ({ path: m[1]!, line: Number(m[2]) }));
      expect(frames.length, `${flavour}: ${stdout}`).toBeGreaterThan(0);
      const top = frames[0]!;
      expect(top.path).toContain(join('node_modules', 'rtc-token-apis', 'src', 'signalwire'));
      expect(existsSync(top.path)).toBe(true);
      // The frame's line holds the throw it names.
      expect(readFileSync(top.path, 'utf8').split('\n')[top.line - 1]).toMatch(/ConfigError/);
    }
  }, 60_000);

  it('an uncaught error without source maps shows one short line of the package, not a whole minified module', async () => {
    // The README's own case: a client created without credentials throws ConfigError at start-up.
    const cwd = dir('uncaught', { type: 'module' });
    writeFileSync(
      join(cwd, 'start.mjs'),
      `import { createSignalWireClient } from 'rtc-token-apis/signalwire';\ncreateSignalWireClient({ space: 'example', projectId: '', apiToken: '' });\n`,
    );
    const failed = await node(cwd, ['start.mjs']).then(
      () => undefined,
      (e: { stderr: string }) => e,
    );
    const lines = failed!.stderr.split('\n');
    const at = lines.findIndex((l) => l.startsWith('ConfigError: projectId is required'));
    expect(at, failed!.stderr).toBeGreaterThan(0);
    // Above the message: the file, the source line Node quotes, its caret.
    expect(lines[0]).toMatch(/node_modules\/rtc-token-apis\/dist\/.+\.js:\d+$/);
    expect(Math.max(...lines.slice(0, at).map((l) => l.length)), failed!.stderr.slice(0, 600)).toBeLessThanOrEqual(300);
  }, 60_000);
});

describe('the bin', () => {
  it('--version prints the package version; --help and every subcommand --help print usage and exit 0', async () => {
    expect((await run(pkg.bin, ['--version'])).stdout.trim()).toBe(manifest.version);
    const help = await run(pkg.bin, ['--help']);
    expect(help.stdout).toMatch(/^usage: rtc-token-apis <command>/);
    // The client's bin names the optional peers and the package that carries them (the tools bundle's help does not).
    expect(help.stdout).toMatch(/^ {2}mock .*\(needs Prism: /m);
    expect(help.stdout).toContain('With nothing installed: npx rtc-token-apis-tools <command>');
    // --watch needs a checkout's redocly.yaml: an install does not offer it (bin.e2e.test.ts runs it).
    expect((await run(pkg.bin, ['mock', '--help'])).stdout).not.toContain('--watch');
    for (const command of ['mock', 'verify']) {
      expect(help.stdout).toContain(`  ${command} `);
      expect((await run(pkg.bin, [command, '--help'])).stdout).toMatch(new RegExp(`usage: rtc-token-apis ${command}`));
    }
  }, 60_000);

  it('mock --scenarios --json prints the scenario table as plain JSON objects, for CI', async () => {
    const { stdout } = await run(pkg.bin, ['mock', '--scenarios', '--json'], { maxBuffer: 16 * 1024 * 1024 });
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    expect(rows).toEqual(scenarioJson());
    expect(rows.find((r) => r.operationId === 'get_proconf_token' && r.status === 401)).toMatchObject({ api: 'proconf-app', scenario: 'missing credential' });
  }, 60_000);

  it('bad usage: one line naming the problem, the usage, exit 2, no stack trace', async () => {
    for (const args of [['--bogus'], ['nope'], ['mock', '--bogus'], ['mock', '--port', 'abc'], ['mock', '--json'], ['verify', '--bogus'], []]) {
      const failure = await run(pkg.bin, args).then(
        () => undefined,
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect(failure?.code, args.join(' ')).toBe(2);
      const [first, ...rest] = failure!.stderr.split('\n');
      expect(first, args.join(' ')).toMatch(/^rtc-token-apis( \w+)?: |^verify: /);
      expect(rest.join('\n')).toMatch(/usage: /);
      expect(failure!.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);
});

const consumerSource = `import { createSignalWireClient, HttpError } from 'rtc-token-apis/signalwire';
import { createProconfAppClient, type TokenRequest } from 'rtc-token-apis/proconf';
import { createProconfTokenHandler } from 'rtc-token-apis/server';
const body: TokenRequest = { role: 'member', room: 'r', participantName: 'p' };
const client = createSignalWireClient({ space: 'example', projectId: 'p', apiToken: 't' });
const app = createProconfAppClient({ baseUrl: 'http://127.0.0.1:9', credentials: () => 's' });
const handler = createProconfTokenHandler({ adminBaseUrl: 'http://127.0.0.1:9', authorize: () => ({ user: 'u' }), logger: false });
console.log([typeof client.createSubscriberToken, typeof app.getProconfToken, typeof handler, HttpError.name, body.role].join(' '));
`;
const strict = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  target: 'ES2022',
  outDir: 'out',
  types: ['node'],
  typeRoots: [join(repo, 'node_modules', '@types')],
};

describe('TypeScript consumers compile and run', () => {
  const cases = [
    { name: 'nodenext, ESM package', type: 'module', options: { module: 'NodeNext', moduleResolution: 'NodeNext' } },
    { name: 'nodenext, CommonJS package', type: 'commonjs', options: { module: 'NodeNext', moduleResolution: 'NodeNext' } },
    { name: 'node16, CommonJS package', type: 'commonjs', options: { module: 'Node16', moduleResolution: 'Node16' } },
    { name: 'node16, ESM package', type: 'module', options: { module: 'Node16', moduleResolution: 'Node16' } },
    { name: 'bundler', type: 'module', options: { module: 'ESNext', moduleResolution: 'Bundler' } },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const cwd = dir(`ts-${c.name.replace(/\W+/g, '-')}`, { type: c.type });
      writeFileSync(join(cwd, 'index.ts'), consumerSource);
      writeFileSync(join(cwd, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...strict, ...c.options }, files: ['index.ts'] }));
      const compiled = await node(cwd, [tsc, '-p', '.']).then(
        () => '',
        (e: { stdout: string }) => e.stdout,
      );
      expect(compiled).toBe('');
      const emitted = readFileSync(join(cwd, 'out', 'index.js'), 'utf8');
      // A CommonJS package really compiles to require() calls, an ESM one to imports.
      expect(emitted).toMatch(c.type === 'commonjs' ? /require\("rtc-token-apis\/signalwire"\)/ : /from 'rtc-token-apis\/signalwire'/);
      const { stdout } = await node(cwd, [join(cwd, 'out', 'index.js')]);
      expect(stdout.trim()).toBe('function function function HttpError member');
    }, 60_000);
  }
});

describe('a minified bundle', () => {
  it('keeps error names and messages (esbuild --minify)', async () => {
    const cwd = dir('minified', { type: 'module' });
    writeFileSync(
      join(cwd, 'app.ts'),
      `import { createProconfAppClient } from 'rtc-token-apis/proconf';
import { createSignalWireClient } from 'rtc-token-apis/signalwire';
const out: string[] = [];
// Port 9 on loopback: nothing listens, so the call fails with a network error.
const app = createProconfAppClient({ baseUrl: 'http://127.0.0.1:9', credentials: () => 's' });
await app.getProconfToken({ role: 'member', room: 'r', participantName: 'p' }).catch((e: Error) => out.push(\`\${e.name}|\${e.message}\`));
try { createSignalWireClient({ space: 'not a space!', projectId: 'p', apiToken: 't' }); } catch (e) { out.push(\`\${(e as Error).name}|\${(e as Error).message}\`); }
console.log(JSON.stringify(out));
`,
    );
    await run(join(repo, 'node_modules', '.bin', 'esbuild'), ['app.ts', '--bundle', '--minify', '--platform=node', '--format=esm', '--outfile=bundle.mjs'], {
      cwd,
    });
    const bundle = readFileSync(join(cwd, 'bundle.mjs'), 'utf8');
    expect(bundle).not.toMatch(/class NetworkError/);
    const [network, config] = JSON.parse((await node(cwd, ['bundle.mjs'])).stdout) as string[];
    expect(network).toMatch(/^NetworkError\|get_proconf_token: network error/);
    expect(config).toMatch(/^ConfigError\|/);
  }, 60_000);
});

describe('package linters', () => {
  it('@arethetypeswrong/cli is clean under its default profile; publint --strict is clean', async () => {
    const attw = await run(join(repo, 'node_modules', '.bin', 'attw'), [pkg.tarball, '--format', 'json'], { maxBuffer: 16 * 1024 * 1024 }).then(
      (r) => r.stdout,
      (e: { stdout: string }) => e.stdout,
    );
    const report = JSON.parse(attw) as { analysis: { problems: unknown[] } };
    expect(report.analysis.problems).toEqual([]);
    const publint = await run(join(repo, 'node_modules', '.bin', 'publint'), ['run', pkg.tarball, '--strict']);
    expect(publint.stdout).toMatch(/All good!/);
  }, 120_000);
});
