// The test setup's mock never outlives the run: not after a failed test, not
// when the run is interrupted. It runs in-process, so there is no child
// process to orphan; these runs prove the port is released either way.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'rtc-lifecycle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function runFixture(mode: 'fail' | 'hang', urlFile: string) {
  const child = spawn(
    process.execPath,
    [join(repo, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'tests/support/interrupt-fixture/vitest.config.ts'],
    {
      cwd: repo,
      env: { ...process.env, FIXTURE_MODE: mode, MOCK_URL_FILE: urlFile },
      stdio: 'ignore',
    },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited };
}

async function refused(url: string): Promise<boolean> {
  return fetch(`${url}/proconfToken`, { method: 'POST' }).then(
    () => false,
    () => true,
  );
}

it('releases the mock after a failed test', async () => {
  const urlFile = join(dir, 'fail-url');
  const { exited } = runFixture('fail', urlFile);
  expect(await exited).toBe(1);
  const url = readFileSync(urlFile, 'utf8');
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(await refused(url)).toBe(true);
}, 60_000);

it('releases the mock when the run is interrupted with SIGINT', async () => {
  const urlFile = join(dir, 'hang-url');
  const { child, exited } = runFixture('hang', urlFile);
  await until(() => existsSync(urlFile), 30_000);
  const url = readFileSync(urlFile, 'utf8');
  expect(await refused(url)).toBe(false);
  child.kill('SIGINT');
  await Promise.race([exited, new Promise((_, reject) => setTimeout(() => reject(new Error('vitest did not exit within 10 s of SIGINT')), 10_000))]);
  expect(await refused(url)).toBe(true);
}, 60_000);
