// Turns what the user named (two files, two directories, or a git ref and a
// path in the working tree) into the APIs to compare, each resolved and
// validated. APIs are matched by name: the redocly.yaml entry when a
// directory declares its APIs there, else the file's path inside the directory.
import { realpathSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { GateError } from './errors.js';
import { confine, DEFAULT_MAX_BYTES, loadResolved } from './load-resolved.js';
import { parseSpecText } from './parse.js';
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

/** How inputs are read: see the `--strict`, `--allow-outside-root` and `--max-size` options. */
export interface ReadOptions {
  /** Refuse a slightly invalid document instead of comparing what can be read. */
  strict: boolean;
  /** Let `$ref`s and redocly.yaml roots leave the input's root. */
  allowOutsideRoot: boolean;
  /** The size limit for the files of one API. */
  maxBytes: number;
  /** Where lenient reading reports what it skipped. */
  warn(message: string): void;
}

export const DEFAULT_READ_OPTIONS: ReadOptions = { strict: false, allowOutsideRoot: false, maxBytes: DEFAULT_MAX_BYTES, warn: () => {} };

interface Reader {
  source: Source;
  /** The input's root: the folder given, the file's folder, or the git tree. */
  root: string;
  options: ReadOptions;
}

const confinedRoot = ({ root, options }: Reader) => (options.allowOutsideRoot ? undefined : root);

function load(reader: Reader, file: string): Api {
  const { source, options } = reader;
  const document = loadResolved(source, file, { root: confinedRoot(reader), maxBytes: options.maxBytes, home: reader.root });
  const name = source.name(file);
  validateDocument(document, name, { strict: options.strict, warn: (message) => options.warn(`${name}: ${message}`) });
  return { file: name, document };
}

function tryRead(source: Source, file: string): string | undefined {
  try {
    return source.read(file);
  } catch {
    return undefined;
  }
}

function loadDirectory(reader: Reader, dir: string): Side {
  const { source } = reader;
  const side: Side = new Map();
  const configFile = source.join(dir, 'redocly.yaml');
  const config = tryRead(source, configFile);
  if (config !== undefined) {
    const apis = (parseSpecText(config, source.name(configFile)) as { apis?: unknown } | null)?.apis;
    if (apis && typeof apis === 'object') {
      for (const [name, api] of Object.entries(apis as Record<string, { root?: unknown }>)) {
        if (typeof api?.root !== 'string') throw new GateError(`${source.name(configFile)}: api ${name} has no root`);
        const file = source.join(dir, api.root);
        confine(source, confinedRoot(reader), file, `${source.name(configFile)}: api ${name} root ${api.root}`);
        side.set(name, load(reader, file));
      }
      return side;
    }
  }
  for (const file of source.list(dir)) {
    if (!SPEC_FILE.test(file)) continue;
    // A spec-named file over the size limit goes to `load`, which refuses it with the size error.
    if (source.size(file) <= reader.options.maxBytes && !OPENAPI_ROOT.test(tryRead(source, file) ?? '')) continue;
    side.set(relative(source.join(dir, '.'), file).split(sep).join('/') || file, load(reader, file));
  }
  return side;
}

function loadPath(source: Source, path: string, name: string, options: ReadOptions, root?: string): Side {
  if (source.isDirectory(path)) return loadDirectory({ source, root: root ?? path, options }, path);
  return new Map([[name, load({ source, root: root ?? dirname(path), options }, path)]]);
}

/** `<base> <head>`: two files or two directories on disk. */
export function loadPaths(base: string, head: string, cwd: string, options: ReadOptions = DEFAULT_READ_OPTIONS): [Side, Side] {
  const source = fileSource(cwd);
  const [basePath, headPath] = [resolve(cwd, base), resolve(cwd, head)];
  if (source.isDirectory(basePath) !== source.isDirectory(headPath)) {
    throw new GateError(`${base} and ${head}: compare two files or two directories, not one of each`);
  }
  const name = source.name(headPath);
  return [loadPath(source, basePath, name, options), loadPath(source, headPath, name, options)];
}

/** `--base <ref> [path]`: the path as committed at ref, against the working tree. */
export function loadAtRef(ref: string, path: string, cwd: string, options: ReadOptions = DEFAULT_READ_OPTIONS): [Side, Side] {
  const repo = realpathSync(repositoryRoot(cwd));
  const headPath = resolve(realpathSync(cwd), path);
  const inRepo = relative(repo, headPath).split(sep).join('/');
  if (inRepo.startsWith('..')) throw new GateError(`${path}: outside the git repository ${repo}`);
  const head = fileSource(cwd);
  const base = gitSource(repo, ref);
  const name = head.name(headPath);
  // The root is the repository (as committed, and as in the working tree).
  return [loadPath(base, inRepo, name, options, ''), loadPath(head, headPath, name, options, repo)];
}
