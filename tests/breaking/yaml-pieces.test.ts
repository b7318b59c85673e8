// A large YAML spec read entry by entry gives exactly what parsing the whole
// text gives (the same data, the same objects shared by aliases, the same
// errors for unresolved aliases and alias bombs), or declines (`undefined`)
// where splitting could change the meaning: explicit keys, several documents.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../scripts/lib/apis.ts';
import { parseSpecText } from '../../src/breaking/parse.ts';
import { MAX_ALIASES, parseYamlPieces } from '../../src/breaking/yaml-pieces.ts';
import { writeBigSpec } from './big-spec.ts';

const whole = (text: string) => parse(text, { maxAliasCount: MAX_ALIASES });

/** Whether `a` and `b` share objects alike: walked side by side, an object seen before in one is the partner's in the other. */
function sharedAlike(a: unknown, b: unknown): boolean {
  const partner = new Map<object, object>();
  const seen = new Set<object>();
  const work: Array<[unknown, unknown]> = [[a, b]];
  while (work.length) {
    const [x, y] = work.pop()!;
    if (x === null || typeof x !== 'object' || y === null || typeof y !== 'object') continue;
    if (partner.has(x) || seen.has(y)) {
      if (partner.get(x) !== y) return false;
      continue;
    }
    partner.set(x, y);
    seen.add(y);
    for (const key of Object.keys(x)) work.push([(x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key]]);
  }
  return true;
}

/** Split at every entry it can: the whole text's data, with aliases sharing the same objects. */
function expectSame(text: string): unknown {
  const pieces = parseYamlPieces(text, 0);
  const expected = whole(text);
  expect(pieces).toBeDefined();
  expect(pieces).toEqual(expected);
  expect(sharedAlike(pieces, expected)).toBe(true);
  return pieces;
}

/** Parsed whole, `text` fails with `message`; split, it fails the same way. */
function expectSameError(text: string, message: RegExp): void {
  expect(() => whole(text)).toThrow(message);
  expect(() => parseYamlPieces(text, 0)).toThrow(message);
}

const list = (n: number, item: string) => `[${Array.from({ length: n }, () => item).join(', ')}]`;

describe('parseYamlPieces', () => {
  it('reads our own specs and generated large ones (one with anchors aliased across entries) as the whole-text parse does, split at every entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yaml-pieces-'));
    try {
      writeBigSpec(join(dir, 'big.yaml'), 0.08, true, 'yaml');
      writeBigSpec(join(dir, 'anchored.yaml'), 0.08, true, 'yaml', true);
      const files = [
        ...readdirSync(join(repoRoot, 'openapi'))
          .filter((f) => f.endsWith('.yaml'))
          .map((f) => join(repoRoot, 'openapi', f)),
        join(dir, 'big.yaml'),
        join(dir, 'anchored.yaml'),
      ];
      let split = 0;
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        // A piece size of 0 splits every mapping it can, three levels deep.
        const pieces = parseYamlPieces(text, 0);
        if (pieces === undefined) continue;
        split++;
        const expected = whole(text);
        expect(pieces, file).toEqual(expected);
        expect(sharedAlike(pieces, expected), file).toBe(true);
      }
      expect(split).toBeGreaterThanOrEqual(3);
      for (const name of ['big.yaml', 'anchored.yaml']) expect(parseYamlPieces(readFileSync(join(dir, name), 'utf8'), 0)).toBeDefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a leading --- and comments at column 0', '# spec\n---\nopenapi: 3.1.0\n# between\ninfo:\n  title: x\n# inside\n  version: "1"\n'],
    ["a sequence at its key's indentation", 'openapi: 3.1.0\ntags:\n- name: a\n- name: b\npaths:\n  /x:\n    get:\n      tags:\n      - a\n'],
    [
      'block scalars holding key-like and comment-like lines',
      'info:\n  description: |\n    key: not a key\n    # not a comment\n\n    end\n  title: >-\n    folded\n    text\nx: 1\n',
    ],
    ['flow collections over several lines', 'info: {title: x,\n  version: "1"}\npaths: {}\n'],
    ['`__proto__` as a split entry', '__proto__:\n  a: 1\nb: 2\n'],
    ['an alias inside one entry', 'components:\n  schemas:\n    A:\n      properties:\n        x: &a {type: string}\n        y: *a\n'],
    ['a non-finite number, which JSON cannot hold', 'a: .inf\nb: 1\n'],
  ])('%s: the same data', (_name, text) => {
    expectSame(text);
  });

  describe('anchors in one entry, aliases in others', () => {
    it.each([
      ['a mapping', 'a: &x {type: string}\nb: *x\n'],
      ['a scalar, a sequence, a mapping, deeper down', 'a: &s 42\nb: &l [1, {c: 2}]\nc:\n  d:\n    e: *s\n    f: *l\n    g: &m {h: *s}\nz: [*m, *l]\n'],
      ['nested anchors, each aliased alone', 'a: &outer\n  inner: &in {x: 1}\n  other: *in\nb: *outer\nc:\n  d: *in\n'],
      ['a redefined anchor: a later `&x` shadows the earlier', 'a: &x 1\nb: *x\nc: &x {y: 2}\nd: *x\ne:\n  f: &x [3]\n  g: *x\nh: *x\n'],
      ['a recursive alias', 's: &s {properties: {again: *s}}\nt:\n  u: *s\n'],
      ["a merge key, a plain key in the core schema (the whole parse's `merge: false`)", 'base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n'],
      ['an anchored key, and an alias as a key', 'a: &k name\nb:\n  *k : 1\n'],
      ['an anchor on a block mapping (`key: &x` on its own line)', 'a: &m\n  x: 1\n  y: 2\nb: *m\n'],
      ['`__proto__` keys, in an anchored mapping', 'a: &p {__proto__: {x: 1}, toString: 2}\nb: *p\n'],
    ])('%s: the same data, the same objects', (_name, text) => {
      expectSame(text);
    });

    it('shares the very object across entries, as a whole-text parse does', () => {
      const data = expectSame(
        'paths:\n  /a:\n    get: &op {responses: {"200": &ok {description: ok}}}\n  /b:\n    get: *op\ncomponents:\n  responses:\n    Ok: *ok\n',
      ) as {
        paths: Record<string, { get: { responses: Record<string, unknown> } }>;
        components: { responses: { Ok: unknown } };
      };
      expect(data.paths['/b']!.get).toBe(data.paths['/a']!.get);
      expect(data.components.responses.Ok).toBe(data.paths['/a']!.get.responses['200']);
    });

    it('a recursive alias in a later entry is the cycle itself', () => {
      const data = expectSame('s: &s {properties: {again: *s}}\nt: *s\n') as { s: { properties: { again: unknown } }; t: unknown };
      expect(data.t).toBe(data.s);
      expect(data.s.properties.again).toBe(data.s);
    });

    it('a failed try at splitting an entry leaves the alias counts as they were', () => {
      // `a` is split until its explicit key, then parsed in one piece: counted once, 600 aliases of `p` are allowed.
      const text = `p: &p 1\na:\n  y: ${list(600, '*p')}\n  w: &w 2\n  ? z\n  : *w\nb: *w\n`;
      expectSame(text);
    });
  });

  it('random entries with anchors (reused names) and aliases, some before their anchor: the same data, objects and errors', () => {
    const anchor = fc.option(fc.constantFrom('&a', '&b', '&c'), { nil: undefined });
    const { value } = fc.letrec<{ value: string; flow: string }>((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constantFrom('1', 'x', 'null', '"a long string, longer than twelve"', '*a', '*b', '*c'), tie('flow')),
      flow: fc
        .tuple(
          anchor,
          fc.oneof(
            fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
            fc.array(tie('value'), { maxLength: 3 }).map((items) => `{${items.map((v, i) => `k${i}: ${v}`).join(', ')}}`),
          ),
        )
        .map(([a, body]) => (a ? `${a} ${body}` : body)),
    }));
    // Top-level entries, some a block mapping of entries (split one level deeper).
    const entry = fc.oneof(
      value.map((v) => ` ${v}`),
      fc.array(value, { minLength: 1, maxLength: 3 }).map((vs) => `\n${vs.map((v, i) => `  s${i}: ${v}`).join('\n')}`),
    );
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 5 }), (entries) => {
        const text = entries.map((e, i) => `e${i}:${e}\n`).join('');
        let expected: unknown;
        let error: string | undefined;
        try {
          expected = whole(text);
        } catch (e) {
          error = (e as Error).message;
        }
        if (error !== undefined) {
          expect(() => parseYamlPieces(text, 0)).toThrow(error);
          return;
        }
        const pieces = parseYamlPieces(text, 0);
        expect(pieces).toEqual(expected);
        expect(sharedAlike(pieces, expected)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  describe('alias limits, counted across entries as the whole text counts them', () => {
    const aliases = (n: number) => `x: &x {a: 1}\n${Array.from({ length: n }, (_, i) => `b${i}: *x\n`).join('')}`;

    it(`${MAX_ALIASES - 1} aliases of one anchor are read, one more is an attack`, () => {
      expectSame(aliases(MAX_ALIASES - 1));
      expectSameError(aliases(MAX_ALIASES), /^Excessive alias count indicates a resource exhaustion attack$/);
    });

    it('a billion laughs across entries is refused at once, as the whole text is', () => {
      let bomb = `l0: &l0 ${list(10, 'lol')}\n`;
      for (let i = 1; i < 9; i++) bomb += `l${i}: &l${i} ${list(10, `*l${i - 1}`)}\n`;
      expectSameError(bomb, /^Excessive alias count indicates a resource exhaustion attack$/);
      // The weight of an alias inside an anchor counts, as in the whole text: 3 aliases of `b` weigh 2 each.
      expectSame(`a: &a [1]\nb: &b [*a, *a]\n${Array.from({ length: 300 }, (_, i) => `c${i}: *b\n`).join('')}`);
      expectSameError(`a: &a [1]\nb: &b [*a, *a]\n${Array.from({ length: 400 }, (_, i) => `c${i}: *b\n`).join('')}`, /^Excessive alias count/);
    });

    it('an alias before its anchor fails as in the whole text', () => {
      expectSameError('a: *x\nb: &x 1\n', /^Unresolved alias \(the anchor must be set before the alias\): x$/);
    });

    it('a large spec with an alias bomb is one line naming the file, not a hang or gigabytes', () => {
      let bomb = `l0: &l0 ${list(10, 'lol')}\n`;
      for (let i = 1; i < 9; i++) bomb += `l${i}: &l${i} ${list(10, `*l${i - 1}`)}\n`;
      const text = `openapi: 3.1.0\ninfo:\n  title: ${'x'.repeat(80_000)}\n${bomb}`;
      expect(() => parseSpecText(text, 'big.yaml')).toThrow(/^big\.yaml: not valid YAML: Excessive alias count indicates a resource exhaustion attack$/);
    });
  });

  it.each([
    ['an explicit key', '? a\n: 1\nb: 2\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a top-level sequence', '- a\n- b\n'],
    ['a collection as a key', '[a, b]: 1\nc: 2\n'],
    ['a duplicate key across entries', 'a: 1\nb: 2\na: 3\n'],
  ])('%s: declines, so the whole text is parsed', (_name, text) => {
    expect(parseYamlPieces(text, 0)).toBeUndefined();
  });
});
