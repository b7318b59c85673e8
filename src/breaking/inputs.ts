// Turns what the user named (two files, two directories, or a git ref and a
// path in the working tree) into the APIs to compare, each resolved and
// validated. APIs are matched by name: the redocly.yaml entry when a
// directory declares its APIs there, else the file's path inside the directory.
import { realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { GateError } from './errors.js';
import { loadResolved } from './load-resolved.js';
import { fileSource, gitSource, repositoryRoot, type Source } from './source.js';
import type { Obj } from './rules/schema-context.js';
import { validateDocument } from './validate.js';

export interface Api {
  /** How errors and reports name the root file. */
  file: string;
  document: Obj;
}

export type Side = Map<string, Api>;

const SPEC_FILE = /\.(ya?ml|json)$/i;
/** A top-level `openapi:` key, in YAML or JSON: cheap, and avoids parsing every data file. */
const OPENAPI_ROOT = /^(?:\{\s*)?["']?openapi["']?\s*:/m;

function load(source: Source, file: string): Api {
  const document = loadResolved(source, file);
  validateDocument(document, source.name(file));
  return { file: source.name(file), document };
}

function tryRead(source: Source, file: string): string | undefined {
  try {
    return source.read(file);
  } catch {
    return undefined;
  }
}

function loadDirectory(source: Source, dir: string): Side {
  const side: Side = new Map();
  const config = tryRead(source, source.join(dir, 'redocly.yaml'));
  if (config !== undefined) {
    let apis: unknown;
    try {
      apis = (parse(config) as { apis?: unknown } | null)?.apis;
    } catch (error) {
      throw new GateError(`${source.name(source.join(dir, 'redocly.yaml'))}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
    if (apis && typeof apis === 'object') {
      for (const [name, api] of Object.entries(apis as Record<string, { root?: unknown }>)) {
        if (typeof api?.root !== 'string') throw new GateError(`${source.name(source.join(dir, 'redocly.yaml'))}: api ${name} has no root`);
        side.set(name, load(source, source.join(dir, api.root)));
      }
      return side;
    }
  }
  for (const file of source.list(dir)) {
    if (!SPEC_FILE.test(file) || !OPENAPI_ROOT.test(tryRead(source, file) ?? '')) continue;
    side.set(relative(source.join(dir, '.'), file).split(sep).join('/') || file, load(source, file));
  }
  return side;
}

function loadPath(source: Source, path: string, name: string): Side {
  if (source.isDirectory(path)) return loadDirectory(source, path);
  return new Map([[name, load(source, path)]]);
}

/** `<base> <head>`: two files or two directories on disk. */
export function loadPaths(base: string, head: string, cwd: string): [Side, Side] {
  const source = fileSource(cwd);
  const [basePath, headPath] = [resolve(cwd, base), resolve(cwd, head)];
  if (source.isDirectory(basePath) !== source.isDirectory(headPath)) {
    throw new GateError(`${base} and ${head}: compare two files or two directories, not one of each`);
  }
  const name = source.name(headPath);
  return [loadPath(source, basePath, name), loadPath(source, headPath, name)];
}

/** `--base <ref> [path]`: the path as committed at ref, against the working tree. */
export function loadAtRef(ref: string, path: string, cwd: string): [Side, Side] {
  const repo = realpathSync(repositoryRoot(cwd));
  const headPath = resolve(realpathSync(cwd), path);
  const inRepo = relative(repo, headPath).split(sep).join('/');
  if (inRepo.startsWith('..')) throw new GateError(`${path}: outside the git repository ${repo}`);
  const head = fileSource(cwd);
  const base = gitSource(repo, ref);
  const name = head.name(headPath);
  return [loadPath(base, inRepo, name), loadPath(head, headPath, name)];
}
