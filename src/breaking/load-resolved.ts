// Loads a root spec file and resolves every `$ref` in it, local (`#/...`) or
// relative to the file (`common.yaml#/Error`), into one object graph, through
// the document model's iterative dereferencer (openapi-doc/resolve.ts).
// Two guards sit in front of every read: a reference must stay inside the
// input's root (unless the user allowed otherwise), and the files of one API
// must fit the size limit. Both are checked before the file is opened.
import { relative, sep } from 'node:path';
import { dereferenceFrom, SpecRefError } from '../openapi-doc/resolve.js';
import { GateError } from './errors.js';
import { parseSpecText } from './parse.js';
import { BREAKING_DEFAULTS } from './defaults.js';
import type { Source } from './source.js';

/** Values that are data, not OpenAPI structure: a `$ref` key inside them is a literal. */
const LITERAL_KEYS = new Set(['example', 'default', 'const', 'enum', 'examples']);

/** `--max-size` in bytes (BREAKING_DEFAULTS). */
export const DEFAULT_MAX_BYTES = BREAKING_DEFAULTS.maxSizeMegabytes * 1024 * 1024;

export interface LoadLimits {
  /** References (and redocly.yaml roots) must resolve inside this path; `undefined`: anywhere. */
  root?: string;
  /** Total bytes of the files one API reads. */
  maxBytes: number;
  /** The input's root, which reports name other files from (`schemas/pet.yaml#/Pet`); default: the root file's folder. */
  home?: string;
}

const at = (pointer: string) => pointer || '(document)';
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Refuses a path outside `root` with a message naming who referenced it. */
export function confine(source: Source, root: string | undefined, path: string, what: string): void {
  if (root !== undefined && !source.inside(root, path))
    throw new GateError(`${what} points outside ${source.name(root)} (${source.name(path)}); pass --allow-outside-root to read it`);
}

export function loadResolved(source: Source, rootFile: string, limits: LoadLimits = { maxBytes: DEFAULT_MAX_BYTES }): unknown {
  let total = 0;
  /** The root document's `openapi` version, which decides how every file's `$ref`s read. */
  let version: unknown;
  try {
    return dereferenceFrom(rootFile, {
      load(file, via) {
        const prefix = via ? `${source.name(via.from)}: $ref ${via.ref} at ${at(via.at)}: ` : '';
        let size: number;
        try {
          size = source.size(file);
        } catch (error) {
          throw new GateError(`${prefix}${(error as Error).message}`);
        }
        total += size;
        if (total > limits.maxBytes)
          throw new GateError(
            `${source.name(file)}: input is over the ${megabytes(limits.maxBytes)} limit (${megabytes(total)} read for this API); raise it with --max-size <MB>`,
          );
        const parsed = parseSpecText(source.read(file), source.name(file));
        if (!via) version = (parsed as { openapi?: unknown } | null)?.openapi;
        return parsed;
      },
      // OpenAPI 3.0 ignores whatever sits beside a `$ref` (`nullable: true` included); 3.1 applies it.
      siblings: () => !(typeof version === 'string' && /^3\.0\./.test(version)),
      locate(ref, from, pointer) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(ref))
          throw new GateError(`${source.name(from)}: remote $ref ${ref} at ${at(pointer)} is not supported; bundle the spec first`);
        const hash = ref.indexOf('#');
        const target = hash < 0 ? ref : ref.slice(0, hash);
        const fragment = hash < 0 ? '' : ref.slice(hash + 1);
        if (fragment && !fragment.startsWith('/')) throw new GateError(`${source.name(from)}: unsupported $ref ${ref} at ${at(pointer)} (only JSON pointers)`);
        const file = target ? source.join(dirOf(from), decodeURI(target)) : from;
        if (file !== from) confine(source, limits.root, file, `${source.name(from)}: $ref ${ref} at ${at(pointer)}`);
        return { document: file, pointer: decodeURIComponent(fragment) };
      },
      literal: (key) => LITERAL_KEYS.has(key) || key.startsWith('x-'),
      place: (file, pointer) =>
        `${relative(limits.home ?? dirOf(rootFile), file)
          .split(sep)
          .join('/')}#${pointer}`,
      // The parsed files are the gate's own: resolve inside them rather than beside a copy.
      inPlace: true,
    });
  } catch (error) {
    if (error instanceof SpecRefError) throw new GateError(`${source.name(error.document)}: ${error.message} at ${at(error.at)}`);
    throw error;
  }
}

function dirOf(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i < 0 ? '' : file.slice(0, i);
}
