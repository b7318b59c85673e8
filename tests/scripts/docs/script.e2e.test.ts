// `npm run docs` says where it wrote: its last line names the folder and the
// file:// address of the index to open, and that file is there.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..', '..');

it('ends with the folder it wrote and the index to open (--out respected)', async () => {
  const out = mkdtempSync(join(tmpdir(), 'rtc-docs-out-'));
  try {
    const { stdout } = await promisify(execFile)(join(repo, 'node_modules', '.bin', 'tsx'), ['scripts/docs.ts', '--out', out], { cwd: repo, timeout: 120_000 });
    const last = stdout.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^docs: \d+ pages in \S+\/; open file:\/\/\S+index\.html$/);
    expect(last).toContain(`${out}/`);
    const url = /open (file:\S+)$/.exec(last)![1]!;
    expect(fileURLToPath(url)).toBe(join(out, 'index.html'));
    expect(existsSync(fileURLToPath(url))).toBe(true);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 150_000);
