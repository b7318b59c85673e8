// Every default a doc comment names (`default: \`DEFAULTS.timeoutMs\``,
// `Default: \`SERVER_DEFAULTS.handler.timeoutMs\``) is exported, with the
// property the comment names, by the entry point of the folder the comment
// sits in: a user can read the value the docs point at from the import they
// already have. Each entry names one defaults object, and that object holds
// every other defaults group the entry exports (one place to look).
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
type Entry = Record<string, unknown>;
const ENTRIES: Record<string, Entry> = { mock, proconf, server, signalwire, 'signalwire-app': signalwireApp, verify };
/** The entries that export a folder's code: the client runtime (core/) is in every client entry. */
const ENTRIES_OF: Record<string, string[]> = {
  core: ['signalwire', 'proconf', 'signalwire-app'],
  signalwire: ['signalwire'],
  proconf: ['proconf'],
  'signalwire-app': ['signalwire-app'],
  server: ['server'],
  mock: ['mock'],
  verify: ['verify'],
};

function named(): { name: string; path: string[]; file: string }[] {
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.flatMap((file) =>
    [...readFileSync(join(src, file), 'utf8').matchAll(/[Dd]efault:?\s+`?((?:[A-Z][A-Z_]*_)?DEFAULTS)((?:\.[a-zA-Z]+)*)/g)].map((m) => ({
      name: m[1]!,
      path: m[2]!.split('.').filter(Boolean),
      file,
    })),
  );
}

const folderOf = (file: string) => file.split(/[\\/]/)[0]!;

describe('defaults named in doc comments', () => {
  const all = named();

  it('are found (the comments use one form, and name a property)', () => {
    expect(all.map((d) => d.name)).toEqual(expect.arrayContaining(['DEFAULTS', 'MOCK_DEFAULTS', 'VERIFY_DEFAULTS', 'SERVER_DEFAULTS']));
    expect(all.filter((d) => d.path.length === 0).map((d) => `${d.file}: ${d.name}`)).toEqual([]);
  });

  it("are exported, with the property they name, by the entry of the comment's folder", () => {
    for (const { name, path, file } of all) {
      const entries = ENTRIES_OF[folderOf(file)];
      expect(entries, `${file} names ${name} but its folder has no entry point`).toBeDefined();
      for (const entry of entries!) {
        let value = ENTRIES[entry]![name];
        expect(value, `${file}: ${name} from rtc-token-apis/${entry}`).toBeTypeOf('object');
        for (const key of path) value = (value as Record<string, unknown>)[key];
        expect(value, `${file}: ${[name, ...path].join('.')} from rtc-token-apis/${entry}`).not.toBeUndefined();
      }
    }
  });

  it('name one defaults object per entry, which holds every defaults group the entry exports', () => {
    const perEntry = new Map<string, Set<string>>();
    for (const { name, file } of all) for (const entry of ENTRIES_OF[folderOf(file)] ?? []) perEntry.set(entry, (perEntry.get(entry) ?? new Set()).add(name));
    for (const [entry, names] of perEntry) {
      expect([...names], entry).toHaveLength(1);
      const umbrella = ENTRIES[entry]![[...names][0]!] as Record<string, unknown>;
      const held = new Set<unknown>([umbrella, ...Object.values(umbrella)]);
      const groups = Object.keys(ENTRIES[entry]!).filter((n) => /DEFAULTS$/.test(n));
      for (const group of groups) expect(held.has(ENTRIES[entry]![group]), `${entry}: ${group} is not in ${[...names][0]}`).toBe(true);
    }
    expect([...perEntry.keys()].sort()).toEqual(Object.keys(ENTRIES).sort());
  });
});
