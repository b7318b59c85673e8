// A large YAML spec read entry by entry gives exactly what parsing the whole
// text gives, or declines (`undefined`) where splitting could change the
// meaning: aliases across entries, explicit keys, several documents.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../scripts/lib/apis.ts';
import { parseYamlPieces } from '../../src/breaking/yaml-pieces.ts';
import { writeBigSpec } from './big-spec.ts';

const whole = (text: string) => parse(text, { maxAliasCount: 1000 });

describe('parseYamlPieces', () => {
  it('reads our own specs and a generated large one as the whole-text parse does, split at every entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yaml-pieces-'));
    try {
      writeBigSpec(join(dir, 'big.yaml'), 0.5, true, 'yaml');
      const files = [
        ...readdirSync(join(repoRoot, 'openapi'))
          .filter((f) => f.endsWith('.yaml'))
          .map((f) => join(repoRoot, 'openapi', f)),
        join(dir, 'big.yaml'),
      ];
      let split = 0;
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        // A piece size of 0 splits every mapping it can, three levels deep.
        const pieces = parseYamlPieces(text, 0);
        if (pieces === undefined) continue;
        split++;
        expect(pieces, file).toEqual(whole(text));
      }
      expect(split).toBeGreaterThanOrEqual(2);
      expect(parseYamlPieces(readFileSync(join(dir, 'big.yaml'), 'utf8'), 0)).toBeDefined();
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
    ['an alias inside one entry', 'components:\n  schemas:\n    A:\n      properties:\n        x: &a {type: string}\n        y: *a\n'],
  ])('%s: the same data', (_name, text) => {
    expect(parseYamlPieces(text, 0)).toEqual(whole(text));
  });

  it.each([
    ['an alias to an anchor in another entry', 'a: &x {type: string}\nb: *x\n'],
    ['an explicit key', '? a\n: 1\nb: 2\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a top-level sequence', '- a\n- b\n'],
    ['a non-finite number, which JSON cannot hold', 'a: .inf\nb: 1\n'],
    ['a duplicate key across entries', 'a: 1\nb: 2\na: 3\n'],
  ])('%s: declines, so the whole text is parsed', (_name, text) => {
    expect(parseYamlPieces(text, 0)).toBeUndefined();
  });
});
