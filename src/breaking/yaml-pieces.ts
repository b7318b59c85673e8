// A large YAML spec read mapping entry by mapping entry. The `yaml` package
// builds a syntax tree for the whole text before the data, and the objects it
// builds take about five times what JSON.parse's do (a `responses` object
// keyed `"200"`, `"404"` takes 5 KB, JSON.parse's 200 bytes): a 50 MB spec took
// gigabytes. Real specs are block mappings (`paths:`, then one entry per path),
// so each entry is parsed on its own and kept in JSON.parse's compact form;
// only one entry's tree exists at a time. Anchors carry over from entry to
// entry (`Anchors`), so an alias in a later entry gives the very object its
// anchor gave, counted against the alias limit as a whole-text parse counts
// it. Anything this cannot split safely (directives, several documents, an
// entry that does not parse alone, a key that is a collection, a tag that
// builds something other than a plain object, array or scalar) answers
// `undefined`, and the caller parses the whole text.
import { type Alias, isAlias, isCollection, isPair, parseDocument, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';

type Obj = Record<string, unknown>;

/** Below this many characters an entry is parsed in one piece. */
export const PIECE = 64 * 1024;
/** Split no deeper than `components` → `schemas` → each schema. */
const MAX_DEPTH = 3;
/** What parse.ts gives `yaml` as `maxAliasCount`: the same bound, counted the same way, across entries. */
export const MAX_ALIASES = 1000;

/** Directives, or a second document: the whole text must be parsed as one. */
const WHOLE_ONLY = /^%|^(?:---|\.\.\.)(?:\s|$)/m;

class Unsplittable extends Error {}

const isPlainObject = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * An anchor's value and `yaml`'s alias accounting for it (`Alias.resolve` in the package): `count`
 * starts at 1 and grows with each alias; `aliasCount` is what one copy weighs, the largest weight
 * among its leaves (a scalar weighs 1, an alias what its own anchor weighs), taken at its first
 * alias; more than `MAX_ALIASES` in their product is a resource-exhaustion attack. `leaf` and
 * `inner` keep that weight computable after the entry's syntax tree is gone.
 */
interface Anchor {
  res: unknown;
  count: number;
  aliasCount: number;
  leaf: boolean;
  inner: Anchor[];
}

/** What a try at splitting changed, to undo it: an anchor's counts, or which anchor a name meant. Data, not closures, so no entry's syntax tree is kept. */
type Undo = { anchor: Anchor; count: number; aliasCount: number } | { name: string; previous: Anchor | undefined };

/** Each anchor name's latest anchor, in document order: what an alias in a later entry means. */
class Anchors {
  readonly names = new Map<string, Anchor>();
  /** While entry() tries to split an entry: what the try changed. */
  journal: Undo[] | undefined;

  set(name: string, anchor: Anchor): void {
    this.journal?.push({ name, previous: this.names.get(name) });
    this.names.set(name, anchor);
  }

  count(anchor: Anchor): void {
    this.journal?.push({ anchor, count: anchor.count, aliasCount: anchor.aliasCount });
    anchor.count += 1;
  }

  /** Undoes what was done since the journal held `mark` steps. */
  rollback(mark: number): void {
    for (const undo of this.journal!.splice(mark).reverse()) {
      if ('name' in undo) {
        if (undo.previous) this.names.set(undo.name, undo.previous);
        else this.names.delete(undo.name);
      } else {
        undo.anchor.count = undo.count;
        undo.anchor.aliasCount = undo.aliasCount;
      }
    }
  }
}

/** A syntax node with an anchor, or an alias; `yaml`'s node types, loosely. */
type YamlNode = { anchor?: string } & object;

const weight = (anchor: Anchor | undefined): number => (anchor ? anchor.count * anchor.aliasCount : 0);

/** JSON.parse's compact objects, or the value as built when JSON cannot hold it (`.inf`, `.nan`). */
function compact(value: unknown): unknown {
  let finite = true;
  const text = JSON.stringify(value, (_key, v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) finite = false;
    return v;
  });
  return finite ? JSON.parse(text) : value;
}

/**
 * The parser's strings are ropes and slices of the text around them; a flat copy (JSON.parse's)
 * keeps only the characters.
 */
const flat = (value: string): string => JSON.parse(JSON.stringify(value)) as string;

/** Keys that are array indices (`200`, `404`): V8 stores them in an array as long as the largest. */
const INDEX = /^(?:0|[1-9]\d{0,8})$/;

/**
 * An empty object for a mapping's entries. Assigned one by one, `{"200": …, "404": …}` takes 5 KB
 * (an element array 600 long); made by JSON.parse, under 300 bytes. So the index keys a mapping has
 * (plain scalar keys) are made by JSON.parse first, and every value is then assigned in order.
 */
function newObject(items: ReadonlyArray<{ key: unknown }>): Obj {
  const indices = items.flatMap(({ key }) => (key instanceof Scalar && INDEX.test(String(key.value)) ? [`"${key.value}":null`] : []));
  return indices.length ? (JSON.parse(`{${indices.join(',')}}`) as Obj) : {};
}

/** As `yaml` sets an entry: `__proto__` and other inherited names become own properties. */
function setEntry(out: Obj, name: string, value: unknown): void {
  if (name in out) Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
  else out[name] = value;
}

/**
 * One entry's text as data, as `parse(text, { maxAliasCount })` would give it if the text before
 * it (whose anchors are in `anchors`) came first; `anchors` then also holds this entry's anchors.
 * Aliases, anchors and the resource-exhaustion check follow `yaml`'s own `toJS`; an unresolved
 * alias or too many aliases throw `yaml`'s ReferenceError.
 */
function parsePiece(text: string, anchors: Anchors): Obj {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Unsplittable();
  for (const warning of doc.warnings) process.emitWarning(warning);
  // Where each alias points: the last anchor of its name before it (this entry's node, or an earlier entry's anchor).
  const local = new Map<string, YamlNode>();
  const targets = new Map<Alias, YamlNode | Anchor>();
  // Collections holding an anchor or an alias: built here, object by object. The rest is JSON.parse's (compact()).
  const shared = new Set<unknown>();
  visit(doc, {
    Node(_key, node, path) {
      if (isAlias(node) || node.anchor) for (let i = path.length - 1; i >= 0 && !shared.has(path[i]); i--) shared.add(path[i]);
      if (isAlias(node)) {
        const target = local.get(node.source) ?? anchors.names.get(node.source);
        if (!target) throw new ReferenceError(`Unresolved alias (the anchor must be set before the alias): ${node.source}`);
        targets.set(node, target);
      } else if (node.anchor) local.set(node.anchor, node);
    },
  });
  const made = new Map<YamlNode, Anchor>();
  const anchorOf = (target: YamlNode | Anchor | undefined) => (target && 'res' in target ? (target as Anchor) : made.get(target as YamlNode));
  /** `yaml`'s getAliasCount: the weight of a node's heaviest leaf. */
  const aliasCount = (node: unknown): number => {
    if (isAlias(node)) return weight(anchorOf(targets.get(node)));
    if (isCollection(node)) return node.items.reduce<number>((max, item) => Math.max(max, aliasCount(item)), 0);
    if (isPair(node)) return Math.max(aliasCount(node.key), aliasCount(node.value));
    return 1;
  };
  const resolve = (node: Alias) => {
    const target = targets.get(node)!;
    const anchor = anchorOf(target);
    if (anchor?.res === undefined) throw new Unsplittable();
    anchors.count(anchor);
    if (anchor.aliasCount === 0)
      anchor.aliasCount = 'res' in target ? anchor.inner.reduce((max, inner) => Math.max(max, weight(inner)), anchor.leaf ? 1 : 0) : aliasCount(target);
    if (anchor.count * anchor.aliasCount > MAX_ALIASES) throw new ReferenceError('Excessive alias count indicates a resource exhaustion attack');
    return anchor.res;
  };
  /** The data for `node`. `kept`: what is built here is kept, not copied by compact() afterwards. */
  const toData = (node: unknown, kept = true): unknown => {
    if (isAlias(node)) return resolve(node);
    if (node === null || node === undefined) return node;
    const anchored = (node as YamlNode).anchor;
    if (kept && !anchored && isCollection(node) && !shared.has(node)) return compact(toData(node, false));
    const anchor: Anchor | undefined = anchored ? { res: undefined, count: 1, aliasCount: 0, leaf: false, inner: [] } : undefined;
    if (anchor) made.set(node as YamlNode, anchor);
    const type = node.constructor;
    if (type === Scalar) {
      const { value } = node as Scalar;
      if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw new Unsplittable();
      const data = typeof value === 'string' && kept ? flat(value) : value;
      if (anchor) anchor.res = data;
      return data;
    }
    if (type === YAMLSeq) {
      const out: unknown[] = [];
      if (anchor) anchor.res = out;
      for (const item of (node as YAMLSeq).items) out.push(toData(item, kept));
      return out;
    }
    if (type !== YAMLMap) throw new Unsplittable();
    const { items } = node as YAMLMap;
    const out = kept ? newObject(items) : {};
    if (anchor) anchor.res = out;
    for (const { key, value } of items) {
      const data = toData(key, kept);
      if (data !== null && typeof data === 'object') throw new Unsplittable();
      const name = data === null ? '' : String(data);
      setEntry(out, name, toData(value, kept));
    }
    return out;
  };
  const value = toData(doc.contents);
  if (!isPlainObject(value) || Object.keys(value).length !== 1) throw new Unsplittable();
  // This entry's anchors that later entries can still reach, with what their weight depends on.
  for (const [name, node] of local) {
    const anchor = made.get(node)!;
    const inner = new Set<Anchor>();
    visit(node as Parameters<typeof visit>[0], {
      Node(_key, child) {
        if (isAlias(child)) inner.add(anchorOf(targets.get(child))!);
        else if (!isCollection(child)) anchor.leaf = true;
      },
      Pair(_key, pair) {
        if (pair.key === null || pair.value === null) anchor.leaf = true;
      },
    });
    anchor.inner = [...inner];
    anchors.set(name, anchor);
  }
  return value;
}

/** The entries of the block mapping in `text[from, to)`: split at the lines indented like its first key. */
function mapping(text: string, from: number, to: number, depth: number, piece: number, anchors: Anchors): Obj {
  const out: Obj = {};
  let indent = -1;
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    const [key, value] = entry(text, start, end, depth, piece, anchors);
    if (Object.hasOwn(out, key)) throw new Unsplittable();
    setEntry(out, key, value);
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

/** `key:` alone on its line, no anchor, tag or value: the key. */
function headerKey(line: string): string | undefined {
  const doc = parseDocument(line);
  const pair = doc.contents instanceof YAMLMap && doc.contents.items.length === 1 ? doc.contents.items[0]! : undefined;
  if (doc.errors.length || !pair) return undefined;
  const { key, value } = pair as { key: unknown; value: unknown };
  if (!(key instanceof Scalar) || key.anchor || !(value instanceof Scalar)) return undefined;
  if (value.value !== null || value.anchor || value.tag || value.source !== '') return undefined;
  return key.value === null || typeof key.value === 'object' ? undefined : String(key.value);
}

/** One entry `key: ...` in `text[from, to)`: split further when large and a mapping, else parsed alone. */
function entry(text: string, from: number, to: number, depth: number, piece: number, anchors: Anchors): [string, unknown] {
  if (to - from > piece && depth < MAX_DEPTH) {
    const lineEnd = text.indexOf('\n', from);
    const key = lineEnd > 0 && lineEnd < to ? headerKey(text.slice(from, lineEnd)) : undefined;
    if (key !== undefined) {
      // Its value is the block below, a mapping unless it is a sequence: a failed try leaves the anchors as they were.
      const outer = !anchors.journal;
      const journal = (anchors.journal ??= []);
      const mark = journal.length;
      try {
        return [key, mapping(text, lineEnd + 1, to, depth + 1, piece, anchors)];
      } catch (error) {
        if (!(error instanceof Unsplittable)) throw error;
        anchors.rollback(mark);
      } finally {
        if (outer) anchors.journal = undefined;
      }
    }
  }
  const one = parsePiece(text.slice(from, to), anchors);
  const key = Object.keys(one)[0]!;
  return [key, one[key]];
}

/** Blank and comment lines, then a `---` line: where the one document's content starts. */
const DOCUMENT_START = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*---[ \t]*\r?\n/;

/** The document, or `undefined` when the text must be parsed whole (which also gives the right error). `piece`: for tests. */
export function parseYamlPieces(text: string, piece = PIECE): unknown {
  const start = DOCUMENT_START.exec(text)?.[0].length ?? 0;
  if (WHOLE_ONLY.test(start ? text.slice(start) : text)) return undefined;
  try {
    return mapping(text, start, text.length, 0, piece, new Anchors());
  } catch (error) {
    // An alias without an anchor, or too many aliases: the whole text would fail the same way, only later.
    if (error instanceof ReferenceError) throw error;
    return undefined;
  }
}
