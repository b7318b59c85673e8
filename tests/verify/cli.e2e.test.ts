// The verify command line: exit codes, report lines, env credentials. One
// real `npm run verify` process proves the script's wiring and exit code; the
// rest runs the same entry point in-process.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runVerifyCli } from '../../src/verify/cli.ts';
import { apiNames } from '../../src/verify/spec-document.ts';
import { serve, type Served } from '../support/local-server.ts';
import { sampleCodeListener } from './sample-bug-server.ts';

const root = join(import.meta.dirname, '..', '..');
const SESSION = 'cli-user-session-8d2f';

function spawnVerify(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/verify.ts', ...args],
      { cwd: root, env: { PATH: process.env.PATH, ...env }, timeout: 10_000 },
      (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}

async function inProcess(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runVerifyCli(args, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('npm run verify', () => {
  let buggy: Served;
  beforeAll(async () => {
    buggy = await serve(sampleCodeListener(inject('mockUrl')));
  });
  afterAll(() => buggy.close());

  it('as a process: exits 1 with FAIL lines on a non-conforming server, never printing the credential', async () => {
    const fail = await spawnVerify(['--api', 'proconf-app', '--target', buggy.url], { PROCONF_BEARER: SESSION });
    expect(fail.code, fail.stderr).toBe(1);
    expect(fail.stdout).toContain('FAIL  get_proconf_token: no credentials -> 200\n      expected 401, got 200');
    expect(fail.stdout).toMatch(/: 0 passed, \d+ failed, 0 skipped\n$/);
    expect(fail.stdout + fail.stderr).not.toContain(SESSION);
  });

  it('exits 0 when every check passes, with credentials from the environment', async () => {
    const pass = await inProcess(['--api', 'proconf-app', '--target', inject('mockUrl')], { PROCONF_BEARER: SESSION });
    expect(pass.code, pass.stdout).toBe(0);
    expect(pass.stdout).toMatch(/^PASS {2}get_proconf_token: no credentials -> 401$/m);
    expect(pass.stdout).toMatch(/: \d+ passed, 0 failed, 0 skipped$/);
  });

  it('reads --allow, --skip and --param', async () => {
    const env = { SIGNALWIRE_PROJECT_ID: 'p1', SIGNALWIRE_API_TOKEN: 'PT-cli-token' };
    const id = '0b0db10d-1838-4dac-a732-677c5078c9eb';
    const run = await inProcess(
      [
        '--api',
        'signalwire-video',
        '--target',
        inject('mockUrl'),
        '--allow',
        'reset_conference_token',
        '--param',
        `id=${id}`,
        '--skip',
        'reset_conference_token: no credentials',
      ],
      env,
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('PASS  reset_conference_token: valid request -> 200');
    expect(run.stdout).toContain('SKIP  reset_conference_token: no credentials\n      skipped on request');
  });

  it('exits 2 with the usage for missing credentials or bad options', async () => {
    const noCredentials = await inProcess(['--api', 'proconf-app', '--target', buggy.url], {});
    expect(noCredentials.code).toBe(2);
    expect(noCredentials.stderr).toContain('proconf-app requires credentials: set PROCONF_BEARER');
    const unknown = await inProcess(['--api', 'proconf-app', '--target', buggy.url, '--frobnicate'], { PROCONF_BEARER: SESSION });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('usage: npm run verify -- --api <name> --target <url>');
    expect((await inProcess(['--target', buggy.url], {})).code).toBe(2);
  });
});

describe('verify --api <every bundled API> from the command line', () => {
  // The variables docs/verify.md documents, per API: the test reads the doc, so the doc stays true.
  const doc = readFileSync(join(root, 'docs', 'verify.md'), 'utf8');
  const documented = new Map<string, string[]>();
  const optionalInDoc = new Map<string, boolean>();
  for (const [, apis, env] of doc.matchAll(/^\| ((?:`[a-z-]+`(?:, )?)+) \| (.+) \|$/gm)) {
    for (const [, api] of apis!.matchAll(/`([a-z-]+)`/g)) {
      documented.set(
        api!,
        [...env!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!),
      );
      optionalInDoc.set(api!, /\boptional\b/.test(env!));
    }
  }

  for (const api of apiNames()) {
    it(`${api}: runs against the mock with the variables docs/verify.md names`, async () => {
      const variables = documented.get(api) ?? [];
      expect(variables.length, `docs/verify.md names no variable for ${api}`).toBeGreaterThan(0);
      const env = Object.fromEntries(variables.map((v, i) => [v, `cli-value-${i}-7f3a`]));
      const run = await inProcess(['--api', api, '--target', inject('mockUrl'), '--allow-mutations'], env);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/: \d+ passed, 0 failed, 0 skipped$/);
      // The credentials were sent: a check that needs them passed (not only the anonymous ones).
      expect(run.stdout).toMatch(/^PASS {2}\S+: valid /m);
      for (const value of Object.values(env)) expect(run.stdout + run.stderr).not.toContain(value);
    });

    it(`${api}: runs without its variables exactly when docs/verify.md calls them optional`, async () => {
      const optional = optionalInDoc.get(api);
      expect(optional, `docs/verify.md has no row for ${api}`).toBeDefined();
      const run = await inProcess(['--api', api, '--target', inject('mockUrl')], {});
      if (optional) expect(run.code, run.stdout + run.stderr).toBe(0);
      else expect(run.stderr).toContain(`verify: ${api} requires credentials: set`);
    });
  }
});
