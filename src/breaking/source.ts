// Where spec files are read from: the file system, or a git commit (read
// lazily with `git show`, so $refs anywhere in the repository resolve and
// neither the index nor the working tree is touched).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { GateError } from './errors.js';

export interface Source {
  /** How errors name a file of this source: `openapi/a.yaml` or `v1:openapi/a.yaml`. */
  name(path: string): string;
  /** Absolute path (file system) or repository-relative path (git) of `path` seen from `from`. */
  join(from: string, path: string): string;
  read(path: string): string;
  /** Bytes in the file, known without reading it (the size limit is checked first). */
  size(path: string): number;
  /** Whether `path` lies inside `root` (symbolic links followed), decided without opening `path`. */
  inside(root: string, path: string): boolean;
  isDirectory(path: string): boolean;
  /** Every file under a directory, as paths this source reads. */
  list(dir: string): string[];
}

const SKIP = new Set(['node_modules', '.git']);

const within = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};
const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

export function fileSource(cwd: string): Source {
  const name = (path: string) => relative(cwd, path).split(sep).join('/') || path;
  return {
    name,
    join: (from, path) => resolve(cwd, from, path),
    read(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        throw new GateError(`${name(path)}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
    },
    size(path) {
      try {
        return statSync(path).size;
      } catch (error) {
        throw new GateError(
          `${name(path)}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(error as Error).message})`}`,
        );
      }
    },
    // Lexically first (no file-system call at all), then with links followed (stat calls only).
    inside: (root, path) => within(root, path) && within(real(root), real(path)),
    isDirectory(path) {
      try {
        return statSync(path).isDirectory();
      } catch {
        throw new GateError(`${name(path)}: no such file or directory`);
      }
    },
    list(dir) {
      const out: string[] = [];
      const walk = (at: string) => {
        for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
          if (entry.isDirectory()) {
            if (!SKIP.has(entry.name)) walk(join(at, entry.name));
          } else out.push(join(at, entry.name));
        }
      };
      walk(dir);
      return out;
    },
  };
}

function git(repo: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 }).toString();
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '')
      .trim()
      .split('\n')[0];
    throw new GateError(`git ${args[0]} failed${stderr ? `: ${stderr}` : ''}`);
  }
}

export function repositoryRoot(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).trim();
}

/** The commit a ref names; a clear error when it names none. */
function resolveCommit(repo: string, ref: string): string {
  if (ref.startsWith('-')) throw new GateError(`not a git ref: ${ref}`);
  try {
    return git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim();
  } catch {
    throw new GateError(`unknown git ref: ${ref}`);
  }
}

/** Files as they are at `commit`; paths are relative to the repository root. */
export function gitSource(repo: string, ref: string): Source {
  const commit = resolveCommit(repo, ref);
  // `<mode> <type> <object> <size>\t<path>` per entry: sizes are known before any file is read.
  const sizes = new Map(
    git(repo, ['ls-tree', '-r', '-l', '-z', commit])
      .split('\0')
      .filter(Boolean)
      .map((entry) => {
        const tab = entry.indexOf('\t');
        return [entry.slice(tab + 1), Number(entry.slice(0, tab).trim().split(/\s+/)[3]) || 0] as const;
      }),
  );
  const files = [...sizes.keys()];
  const fileSet = new Set(files);
  const clean = (path: string) =>
    posix
      .normalize(path)
      .replace(/^\.\/?$/, '')
      .replace(/\/$/, '');
  return {
    // The tree itself (the root of a `--base` input) is the ref.
    name: (path) => (path ? `${ref}:${path}` : ref),
    // An absolute path stays absolute, so `inside` refuses it: nothing outside the tree is read.
    join: (from, path) => (posix.isAbsolute(path) ? path : clean(posix.join(from, path))),
    read(path) {
      if (!fileSet.has(path)) throw new GateError(`${ref}:${path}: no such file at ${ref}`);
      return git(repo, ['show', `${commit}:${path}`]);
    },
    size(path) {
      const size = sizes.get(path);
      if (size === undefined) throw new GateError(`${ref}:${path}: no such file at ${ref}`);
      return size;
    },
    inside: (root, path) =>
      !posix.isAbsolute(path) && !path.startsWith('../') && path !== '..' && (!clean(root) || path === clean(root) || path.startsWith(`${clean(root)}/`)),
    isDirectory(path) {
      const dir = clean(path);
      if (fileSet.has(dir)) return false;
      if (dir === '' || files.some((f) => f.startsWith(`${dir}/`))) return true;
      throw new GateError(`${ref}:${dir}: no such file or directory at ${ref}`);
    },
    list(dir) {
      const prefix = clean(dir) ? `${clean(dir)}/` : '';
      return files.filter((f) => f.startsWith(prefix) && !f.split('/').some((part) => SKIP.has(part)));
    },
  };
}
