// Canary credentials through every failure mode: none may appear in anything
// a process writes to stdout or stderr while it logs every error. Its own file
// in the e2e project, as it spawns a process (tests/README.md).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORBIDDEN } from './support/canary-scenarios.ts';

const leaks = (text: string) => FORBIDDEN.filter((s) => text.includes(s));

describe('secrets never leak', () => {
  it('no canary in anything the process writes to stdout or stderr while logging every error', async () => {
    const script = join(import.meta.dirname, 'support', 'canary-script.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/scenarios: \d+/);
    // The output is full of errors (so the check is not vacuous) but free of secrets.
    expect(out).toContain('HttpError');
    expect(out).toContain('[REDACTED]');
    expect(leaks(out)).toEqual([]);
  });
});
