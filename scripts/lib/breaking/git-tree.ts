// Reads files as they were at a git ref into a temporary directory, without
// touching the index, HEAD or the working tree.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GateError } from './errors.ts';

function git(repo: string, args: string[], input?: Buffer): Buffer {
  try {
    return execFileSync('git', args, { cwd: repo, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim().split('\n')[0];
    throw new GateError(`git ${args[0]} failed${stderr ? `: ${stderr}` : ''}`);
  }
}

export function repositoryRoot(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).toString().trim();
}

/** The commit a ref names; a clear error when it names none. */
export function resolveCommit(repo: string, ref: string): string {
  if (ref.startsWith('-')) throw new GateError(`not a git ref: ${ref}`);
  try {
    return git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).toString().trim();
  } catch {
    throw new GateError(`unknown git ref: ${ref}`);
  }
}

/** Extracts `paths` (files or directories) as they are at `commit` into `dir`. */
export function extractAt(repo: string, commit: string, paths: string[], dir: string): void {
  const archive = git(repo, ['archive', '--format=tar', commit, '--', ...paths]);
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'check-breaking-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
