// Every default a doc comment names (`default: DEFAULTS.timeoutMs`,
// `Default: \`MOCK_DEFAULTS.port\``) is exported by an entry point, with the
// property the comment names: a user can read the value the docs point at.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as mock from '../../src/mock/index.ts';
import * as proconf from '../../src/proconf/index.ts';
import * as server from '../../src/server/index.ts';
import * as signalwire from '../../src/signalwire/index.ts';
import * as signalwireApp from '../../src/signalwire-app/index.ts';
import * as verify from '../../src/verify/index.ts';

const src = join(import.meta.dirname, '..', '..', 'src');
const exported: Record<string, unknown> = { ...mock, ...proconf, ...server, ...signalwire, ...signalwireApp, ...verify };

function named(): { name: string; path: string[]; file: string }[] {
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.flatMap((file) =>
    [...readFileSync(join(src, file), 'utf8').matchAll(/[Dd]efault: `?((?:[A-Z][A-Z_]*_)?DEFAULTS)((?:\.[a-zA-Z]+)*)/g)].map((m) => ({
      name: m[1]!,
      path: m[2]!.split('.').filter(Boolean),
      file,
    })),
  );
}

describe('defaults named in doc comments', () => {
  const all = named();

  it('are found (the comments use one form)', () => {
    expect(all.map((d) => d.name)).toEqual(expect.arrayContaining(['DEFAULTS', 'MOCK_DEFAULTS', 'VERIFY_DEFAULTS', 'TOKEN_SOURCE_DEFAULTS']));
  });

  it('are exported with the property they name', () => {
    for (const { name, path, file } of all) {
      let value = exported[name];
      expect(value, `${file}: ${name}`).toBeTypeOf('object');
      for (const key of path) value = (value as Record<string, unknown>)[key];
      expect(value, `${file}: ${[name, ...path].join('.')}`).not.toBeUndefined();
    }
  });
});
