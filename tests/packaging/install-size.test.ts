// The lean client install (bench/install-size.ts): a plain `npm install` of the
// tarball stays within 5 packages and 2 MB and brings none of Prism, faker or
// Ajv; the script exits 1 when a budget is missed.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { packAndInstall, type PackedPackage } from '../support/pack.ts';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const script = (args: string[]) =>
  run(join(repo, 'node_modules', '.bin', 'tsx'), [join(repo, 'bench', 'install-size.ts'), ...args], { cwd: repo }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

let pkg: PackedPackage;
beforeAll(async () => {
  pkg = await packAndInstall();
}, 180_000);

it('a client install is within budget and holds no mock / verify dependency', async () => {
  const { code, stdout } = await script(['--tarball', pkg.tarball]);
  expect(code, stdout).toBe(0);
  const summary = /client install: (\d+) packages, ([\d.]+) MB .*: ok$/m.exec(stdout);
  expect(summary, stdout).not.toBeNull();
  expect(Number(summary![1])).toBeLessThanOrEqual(5);
  // The default budget (bench/install-size.ts).
  expect(Number(summary![2])).toBeLessThanOrEqual(2);
  expect(stdout).toMatch(/rtc-token-apis@/);
  expect(stdout).toMatch(/openapi-fetch@/);
  expect(stdout).not.toMatch(/@stoplight|faker|ajv|postman/);
}, 180_000);

it('exits 1 and says so when the install is over budget', async () => {
  const { code, stdout } = await script(['--tarball', pkg.tarball, '--max-packages', '2']);
  expect(code).toBe(1);
  expect(stdout).toMatch(/client install: \d+ packages, [\d.]+ MB \(budget 2 packages, 2 MB\): OVER BUDGET/);
}, 180_000);
