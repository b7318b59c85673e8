// Every npm script a user runs answers --help with its usage (stdout, exit 0)
// and a bad flag with one line naming it plus the usage (stderr, exit 2),
// never a stack trace. The list is read from package.json.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const { scripts } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const TOOLS = ['lint', 'generate', 'docs', 'check:breaking', 'verify', 'fuzz', 'bench', 'bench:mock', 'bench:install', 'bench:npx', 'build:tools'];
const tsx = join(repo, 'node_modules', '.bin', 'tsx');

const invoke = (name: string, args: string[]) => {
  const file = /^tsx (\S+)$/.exec(scripts[name] ?? '')?.[1];
  if (!file) throw new Error(`${name}: not a \`tsx <file>\` script: ${scripts[name]}`);
  return run(tsx, [file, ...args], { cwd: repo, timeout: 120_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
};

it('every tool script: --help prints usage and exits 0; an unknown flag exits 2 with one line and the usage', async () => {
  const results = await Promise.all(TOOLS.map(async (name) => ({ name, help: await invoke(name, ['--help']), bad: await invoke(name, ['--no-such-flag']) })));
  for (const { name, help, bad } of results) {
    expect(help.code, name).toBe(0);
    expect(help.stdout, name).toMatch(/^usage: /);
    expect(bad.code, `${name}: ${bad.stderr}`).toBe(2);
    const [first, ...rest] = bad.stderr.split('\n');
    expect(first, name).toMatch(new RegExp(`^${name.split(':')[0]}[\\w:]*: .*--no-such-flag`));
    expect(rest.join('\n'), name).toMatch(/usage: /);
    expect(bad.stderr, name).not.toMatch(/\n\s+at /);
  }
}, 180_000);
