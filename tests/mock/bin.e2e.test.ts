// The package bin from a real `npm pack` tarball installed in a temp project:
// startup banner with a working curl per operation, clean exit on SIGTERM and
// SIGINT, and a one-line error for a busy port (also for `npm start`).
import { rawServer, type Served } from '../support/local-server.ts';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../generated/operations.ts';
import { packAndInstall, type PackedPackage } from '../support/pack.ts';
import { scenarioTable } from '../../src/mock/scenario-table.ts';

const exec = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
let pkg: PackedPackage;
let busy: Served;
let busyPort: number;

beforeAll(async () => {
  busy = await rawServer(() => {});
  busyPort = busy.port;
  pkg = await packAndInstall();
}, 120_000);
afterAll(() => busy.close());

interface Running {
  child: ChildProcess;
  url: string;
  output: () => { stdout: string; stderr: string };
}

/** Starts `rtc-token-apis mock --port 0` (plus `args`) and waits for its banner. */
async function startBin(args: string[] = []): Promise<Running> {
  const child = spawn(pkg.bin, ['mock', '--port', '0', ...args], { cwd: pkg.project });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(stdout);
      if (m && stdout.includes('Pick a documented response')) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bin exited ${code}: ${stderr}`)));
  });
  return { child, url, output: () => ({ stdout, stderr }) };
}

/** Signals the bin and waits for 'close' (not 'exit'): only then has every line it wrote reached us. */
async function stop(running: Running, signal: NodeJS.Signals) {
  const exited = once(running.child, 'close');
  running.child.kill(signal);
  const [code, bySignal] = await exited;
  return { code, bySignal, ...running.output() };
}

// Generous: each test starts a process that loads Prism, concurrently, on a possibly loaded machine.
describe.concurrent('rtc-token-apis bin (from the npm pack tarball)', { timeout: 90_000 }, () => {
  it('logs every base path and a working curl per operation, then exits cleanly on SIGTERM', async () => {
    const running = await startBin();
    const { stdout } = running.output();
    for (const base of ['/api/video', '/api/fabric', '/proconfToken', '/api/proconf-token']) expect(stdout).toContain(`${running.url}${base}`);
    const curls = stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('curl '));
    expect(curls).toHaveLength(Object.keys(operations).length);
    const statuses = await Promise.all(curls.map(async (curl) => (await exec('sh', ['-c', `${curl} -o /dev/null -w '%{http_code}'`])).stdout));
    expect(
      statuses.every((s) => /^20[01]$/.test(s)),
      statuses.join(' '),
    ).toBe(true);
    // The reference's assets come from the installed package's own dependency.
    const css = await fetch(`${running.url}/docs/assets/swagger-ui.css`);
    expect([css.status, (await css.text()).length]).toEqual([200, expect.any(Number)]);
    expect((await fetch(`${running.url}/docs/proconf-app.html`)).status).toBe(200);
    const result = await stop(running, 'SIGTERM');
    expect(result).toMatchObject({ code: 0, bySignal: null, stderr: '' });
    expect(result.stdout).toContain('stopped on SIGTERM');
    // Checked once the bin has exited: a log line is written after its answer is sent.
    expect(result.stdout).toMatch(/POST \/proconfToken -> 200 get_proconf_token/);
  });

  it('exits cleanly on SIGINT', async () => {
    const running = await startBin();
    const result = await stop(running, 'SIGINT');
    expect(result).toMatchObject({ code: 0, bySignal: null, stderr: '' });
  });

  it('reports a busy port in one line that names it and says how to choose another', async () => {
    const result = await exec(pkg.bin, ['mock', '--port', String(busyPort)], { cwd: pkg.project }).then(
      () => ({ code: 0, stderr: '' }),
      (e) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `rtc-token-apis mock: port ${busyPort} on 127.0.0.1 is already in use; choose another with --port <n> (0 picks a free port)`,
    ]);
  });

  it('prints the scenario table with --scenarios', async () => {
    const { stdout } = await exec(pkg.bin, ['mock', '--scenarios'], { cwd: pkg.project });
    expect(stdout.trim()).toBe(await scenarioTable());
  });

  it('prints the scenario table without any optional peer installed (no Prism), where serving says what to install', async () => {
    // The tarball alone in a fresh project: npm installs no optional peer.
    const bare = mkdtempSync(join(tmpdir(), 'rtc-mock-no-peers-'));
    try {
      writeFileSync(join(bare, 'package.json'), JSON.stringify({ name: 'no-peers', private: true, type: 'module' }));
      await exec('npm', ['install', pkg.tarball, '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: bare });
      const resolves = (name: string) =>
        exec(process.execPath, ['-e', `require.resolve(${JSON.stringify(name)})`], { cwd: bare }).then(
          () => true,
          () => false,
        );
      expect(await Promise.all(['@stoplight/prism-http', '@stoplight/prism-core', 'swagger-ui-dist'].map(resolves))).toEqual([false, false, false]);
      const bin = join(bare, 'node_modules', '.bin', 'rtc-token-apis');
      const { stdout } = await exec(bin, ['mock', '--scenarios'], { cwd: bare });
      expect(stdout.trim()).toBe(await scenarioTable());
      const json = await exec(bin, ['mock', '--scenarios', '--json'], { cwd: bare });
      expect(JSON.parse(json.stdout).length).toBeGreaterThan(50);
      const serve = await exec(bin, ['mock', '--port', '0'], { cwd: bare }).then(
        () => ({ code: 0, stderr: '' }),
        (e) => e,
      );
      expect(serve.code).toBe(1);
      expect(serve.stderr).toContain('@stoplight/prism-http');
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('--allow-host adds a name the mock answers to; any other name is refused (DNS rebinding)', async () => {
    const running = await startBin(['--allow-host', 'mock.internal']);
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const { port } = new URL(running.url);
        request({ host: '127.0.0.1', port, path: '/__mock/requests', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        })
          .on('error', reject)
          .end();
      });
    expect([await status('mock.internal:4010'), await status('localhost'), await status('rebind.evil.test')]).toEqual([200, 200, 403]);
    // The bin writes its log lines once per event-loop turn: after the reply.
    await expect.poll(() => running.output().stdout, { timeout: 30_000 }).toMatch(/GET \/__mock\/requests -> 403 .*Host not allowed/);
    await stop(running, 'SIGTERM');
  });

  it('refuses an unknown --log-format in one line', async () => {
    const format = await exec(pkg.bin, ['mock', '--log-format', 'yaml'], { cwd: pkg.project }).then(
      () => ({ code: 0, stderr: '' }),
      (e) => e,
    );
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('rtc-token-apis mock: --log-format must be text or json; got "yaml"');
  });

  it('npx rtc-token-apis mock --watch from an install is a usage error before anything listens, even with the bundler installed', async () => {
    // An install has no redocly.yaml to bundle openapi/ with: --watch used to listen, then fail every reload.
    const consumer = mkdtempSync(join(tmpdir(), 'rtc-mock-watch-'));
    try {
      const { dependencies, peerDependencies, devDependencies } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
      const peers = Object.keys(peerDependencies).map((name) => `${name}@${devDependencies[name]}`);
      writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'watch-consumer', private: true, type: 'module', dependencies }));
      const install = [pkg.tarball, ...peers, `@redocly/openapi-core@${devDependencies['@redocly/openapi-core']}`];
      await exec('npm', ['install', ...install, '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: consumer });
      const child = spawn('npx', ['--no', 'rtc-token-apis', 'mock', '--port', '0', '--watch'], { cwd: consumer });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      // Either it exits, or it listens (the bug): then stop it and let the expectations below fail.
      const code = await new Promise<number | null>((resolve) => {
        child.once('exit', (c) => resolve(c));
        child.stdout.on('data', () => stdout.includes('listening on') && child.kill('SIGTERM'));
      });
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr.split('\n')[0]).toBe(
        'rtc-token-apis mock: --watch reloads the specs of a repository checkout, and this package ships only the built ones: run npm start -- --watch in a checkout',
      );
      // The usage that follows does not offer it.
      expect(stderr).toMatch(/^usage: rtc-token-apis mock /m);
      expect(stderr).not.toContain('[--watch]');
    } finally {
      rmSync(consumer, { recursive: true, force: true });
    }
  });

  it('npm start -- --watch --log-format json watches openapi/ and logs JSON lines', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/mock.ts', '--watch', '--log-format', 'json'], {
      cwd: repo,
      env: { ...process.env, PORT: '0' },
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => stdout.includes('watching openapi/ for changes (x- extensions') && resolve());
      child.once('exit', (code) => reject(new Error(`npm start exited ${code}`)));
    });
    const url = /listening on (http:\/\/\S+)/.exec(stdout)![1]!;
    await fetch(`${url}/api/proconf-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"role":"owner","room":"a","participantName":"b"}',
    });
    await new Promise<void>((resolve) => {
      const check = () => stdout.split('\n').some((l) => l.startsWith('{')) && resolve();
      check();
      child.stdout.on('data', check);
    });
    expect(JSON.parse(stdout.split('\n').find((l) => l.startsWith('{'))!)).toMatchObject({
      method: 'POST',
      path: '/api/proconf-token',
      status: 200,
      operationId: 'create_proconf_token',
    });
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  });

  it('npm start reports a busy PORT the same way, naming PORT', async () => {
    const result = await exec(process.execPath, ['--import', 'tsx', 'scripts/mock.ts'], { cwd: repo, env: { ...process.env, PORT: String(busyPort) } }).then(
      () => ({ code: 0, stderr: '' }),
      (e) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `rtc-token-apis mock: port ${busyPort} on 127.0.0.1 is already in use; choose another with PORT=<n> npm start (0 picks a free port)`,
    ]);
  });
});
