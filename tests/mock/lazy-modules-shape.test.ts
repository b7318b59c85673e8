// The mock's start-up trick (src/mock/lazy-modules.ts) rewrites entries of
// Prism's CommonJS require cache, which only works while Prism and its
// dependencies require these modules by these names from these files, and use
// only the exports it fakes. A Prism upgrade that changes any of that fails
// here, loudly, naming what moved (the mock itself would still start, only
// slower: a module that no longer resolves is skipped).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { LAZY_MODULES } from '../../src/mock/lazy-modules.ts';

const prismRequire = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-http'));
const specRequire = createRequire(prismRequire.resolve('@stoplight/http-spec'));
const fakerRequire = createRequire(prismRequire.resolve('json-schema-faker'));

/** The exports of `variable` (a CommonJS binding of the required module) a file reads. */
const usedExports = (source: string, variable: string) => new Set([...source.matchAll(new RegExp(`(?<![\\w$])${variable}\\.(\\w+)`, 'g'))].map((m) => m[1]!));

it('registers every lazy module, each at the path its requirer resolves', () => {
  expect(LAZY_MODULES.map(({ id, skipped }) => ({ id, skipped }))).toEqual([
    { id: '@faker-js/faker', skipped: undefined },
    { id: 'postman-collection', skipped: undefined },
    { id: 'json-schema-ref-parser', skipped: undefined },
  ]);
  expect(LAZY_MODULES.map((m) => m.path)).toEqual([
    prismRequire.resolve('@faker-js/faker'),
    specRequire.resolve('postman-collection'),
    fakerRequire.resolve('json-schema-ref-parser'),
  ]);
});

it('prism-http still requires @faker-js/faker from its JSON Schema generator and reads only the exports made lazy', () => {
  const file = join(dirname(createRequire(import.meta.url).resolve('@stoplight/prism-http')), 'mocker', 'generator', 'JSONSchema.js');
  const source = readFileSync(file, 'utf8');
  expect(source).toContain('const faker_1 = require("@faker-js/faker");');
  const lazy = LAZY_MODULES.find((m) => m.id === '@faker-js/faker')!.objectExports;
  expect(
    [...usedExports(source, 'faker_1')].every((name) => lazy.includes(name)),
    [...usedExports(source, 'faker_1')].join(),
  ).toBe(true);
});

it('http-spec still requires postman-collection only where it reads Postman collections', () => {
  const source = readFileSync(join(dirname(prismRequire.resolve('@stoplight/http-spec')), 'postman', 'util.js'), 'utf8');
  expect(source).toContain('const postman_collection_1 = require("postman-collection");');
  expect([...usedExports(source, 'postman_collection_1')]).toEqual(['Collection']);
});

it('json-schema-faker still takes json-schema-ref-parser as a dependency and calls only the statics the stand-in offers', () => {
  const source = readFileSync(prismRequire.resolve('json-schema-faker'), 'utf8');
  expect(source).toContain('__toESM(require("json-schema-ref-parser"), 1)');
  expect(source).toContain('setDependencies({ $RefParser: import_json_schema_ref_parser.default');
  const calls = new Set([...source.matchAll(/\$RefParser2?\.(\w+)\(/g)].map((m) => m[1]!));
  const statics = LAZY_MODULES.find((m) => m.id === 'json-schema-ref-parser')!.statics;
  expect(
    [...calls].every((name) => statics.includes(name)),
    [...calls].join(),
  ).toBe(true);
  expect(calls.size).toBeGreaterThan(0);
});
