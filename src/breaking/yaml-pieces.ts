// A large YAML spec read mapping entry by mapping entry. The `yaml` package
// builds a syntax tree for the whole text before the data, and the objects it
// builds take about five times what JSON.parse's do: a 50 MB spec took
// gigabytes. Real specs are block mappings (`paths:`, then one entry per path),
// so each entry is parsed on its own and kept in JSON.parse's compact form;
// only one entry's tree exists at a time. Anything this cannot split safely
// (directives, several documents, an alias to an anchor in another entry, an
// entry that does not parse alone) answers `undefined`, and the caller parses
// the whole text.
import { parse } from 'yaml';

type Obj = Record<string, unknown>;

/** Below this many characters an entry is parsed in one piece. */
export const PIECE = 64 * 1024;
/** Split no deeper than `components` → `schemas` → each schema. */
const MAX_DEPTH = 3;

/** Directives, or a second document: the whole text must be parsed as one. */
const WHOLE_ONLY = /^%|^(?:---|\.\.\.)(?:\s|$)/m;
/** What may be an alias (or markdown emphasis): such an entry keeps the parser's objects, shared as the aliases share them. */
const ALIAS = /(?:^|[\s[{,])\*[^\s,\]}]/;

class Unsplittable extends Error {}

const isPlainObject = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);

/** JSON.parse's compact objects; non-finite numbers (`.inf`, `.nan`) have no JSON form. */
function compact(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v) => {
      if (typeof v === 'number' && !Number.isFinite(v)) throw new Unsplittable();
      return v;
    }),
  );
}

function parseOne(text: string): Obj {
  // An alias to an anchor in another entry fails here, and the whole text is parsed instead.
  const value = parse(text, { maxAliasCount: 1000 }) as unknown;
  if (!isPlainObject(value) || Object.keys(value).length !== 1) throw new Unsplittable();
  return value;
}

/** The entries of the block mapping in `text[from, to)`: split at the lines indented like its first key. */
function mapping(text: string, from: number, to: number, depth: number, piece: number): Obj {
  const out: Obj = {};
  let indent = -1;
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    const [key, value] = entry(text, start, end, depth, piece);
    if (Object.hasOwn(out, key)) throw new Unsplittable();
    out[key] = value;
  };
  for (let at = from; at < to; ) {
    const next = text.indexOf('\n', at);
    const end = next < 0 || next >= to ? to : next + 1;
    let i = at;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const c = text[i];
    // Blank and comment lines belong to whatever surrounds them.
    if (i < end && c !== '\n' && c !== '\r' && c !== '#') {
      const column = i - at;
      if (indent < 0) indent = column;
      if (column < indent || c === '\t') throw new Unsplittable();
      if (column === indent) {
        // A sequence at the key's own indentation continues the entry; explicit keys are not split.
        const dash = c === '-' && /[\s]/.test(text[i + 1] ?? ' ');
        if (c === '?' || (c === ':' && /[\s]/.test(text[i + 1] ?? ' '))) throw new Unsplittable();
        if (!dash) {
          flush(at);
          start = at;
        } else if (start < 0) throw new Unsplittable();
      }
    }
    at = end;
  }
  if (indent < 0) throw new Unsplittable();
  flush(to);
  return out;
}

/** One entry `key: ...` in `text[from, to)`: split further when large and a mapping, else parsed alone. */
function entry(text: string, from: number, to: number, depth: number, piece: number): [string, unknown] {
  if (to - from > piece && depth < MAX_DEPTH) {
    const lineEnd = text.indexOf('\n', from);
    if (lineEnd > 0 && lineEnd < to) {
      let header: Obj | undefined;
      try {
        header = parseOne(text.slice(from, lineEnd));
      } catch {
        header = undefined;
      }
      const key = header && Object.keys(header)[0]!;
      if (header && key !== undefined && header[key] === null) {
        // `key:` alone on its line: its value is the block below, a mapping unless it is a sequence.
        try {
          return [key, mapping(text, lineEnd + 1, to, depth + 1, piece)];
        } catch (error) {
          if (!(error instanceof Unsplittable)) throw error;
        }
      }
    }
  }
  const source = text.slice(from, to);
  const one = parseOne(source);
  const key = Object.keys(one)[0]!;
  return [key, ALIAS.test(source) ? one[key] : compact(one[key])];
}

/** Blank and comment lines, then a `---` line: where the one document's content starts. */
const DOCUMENT_START = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*---[ \t]*\r?\n/;

/** The document, or `undefined` when the text must be parsed whole (which also gives the right error). `piece`: for tests. */
export function parseYamlPieces(text: string, piece = PIECE): unknown {
  const start = DOCUMENT_START.exec(text)?.[0].length ?? 0;
  if (WHOLE_ONLY.test(start ? text.slice(start) : text)) return undefined;
  try {
    return mapping(text, start, text.length, 0, piece);
  } catch {
    return undefined;
  }
}
