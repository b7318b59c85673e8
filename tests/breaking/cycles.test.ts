// Recursive and deep documents compare in bounded stack and time: the Pet
// pattern (oneOf branches that allOf back to their parent), a 10,000-deep
// document, a recursive YAML alias; and, property-based, any generated
// document whose components refer to each other in cycles compares with a
// separately parsed copy of itself with zero changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/breaking/change.ts';
import { diffApiSets } from '../../src/breaking/diff.ts';
import { loadResolved } from '../../src/breaking/load-resolved.ts';
import type { Source } from '../../src/breaking/source.ts';
import { validateDocument } from '../../src/breaking/validate.ts';

/** Base and head as in-memory files, each parsed on its own (no shared objects between them). */
function diffTexts(base: string, head: string, ext = 'yaml'): Change[] {
  const files: Record<string, string> = { [`base.${ext}`]: base, [`head.${ext}`]: head };
  const source: Source = {
    name: (path) => path,
    join: (_from, path) => path,
    read: (path) => files[path]!,
    size: (path) => files[path]!.length,
    inside: () => true,
    isDirectory: () => false,
    list: () => Object.keys(files),
  };
  const side = (file: string) => {
    const document = loadResolved(source, file, { maxBytes: 64 * 1024 * 1024 });
    validateDocument(document, file);
    return new Map([['api', { file, document }]]);
  };
  return diffApiSets(side(`base.${ext}`), side(`head.${ext}`));
}

const PETS = `openapi: 3.1.0
info: {title: Pets, version: '1'}
paths:
  /pets:
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
components:
  schemas:
    Pet:
      type: object
      required: [petType]
      properties: {petType: {type: string}, friends: {type: array, items: {$ref: '#/components/schemas/Pet'}}}
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator: {propertyName: petType}
    Cat: {allOf: [{$ref: '#/components/schemas/Pet'}, {type: object, properties: {meow: {type: string}}}]}
    Dog: {allOf: [{$ref: '#/components/schemas/Pet'}, {type: object, properties: {bark: {type: string}}}]}
`;

describe('recursive and deep documents', () => {
  it('the Pet pattern compares with itself: no changes, no stack overflow', () => {
    expect(diffTexts(PETS, PETS)).toEqual([]);
  });

  it('the Pet pattern still finds a change inside a branch', () => {
    const changed = PETS.replace('meow: {type: string}', 'meow: {type: string, maxLength: 3}');
    expect(
      diffTexts(PETS, changed)
        .filter((c) => c.breaking)
        .map((c) => c.pointer),
    ).toEqual(['/components/schemas/Cat/properties/meow/maxLength']);
  });

  it('a 10,000-deep document compares with itself and finds a change at the bottom', () => {
    const deep = (leaf: string) => {
      let schema = leaf;
      for (let i = 0; i < 10_000; i++) schema = `{"type":"object","properties":{"a":${schema}}}`;
      return `{"openapi":"3.1.0","info":{"title":"d","version":"1"},"paths":{"/x":{"post":{"requestBody":{"content":{"application/json":{"schema":${schema}}}},"responses":{"200":{"description":"ok"}}}}}}`;
    };
    expect(diffTexts(deep('{"type":"string"}'), deep('{"type":"string"}'), 'json')).toEqual([]);
    const changes = diffTexts(deep('{"type":"string"}'), deep('{"type":"integer"}'), 'json');
    expect(changes.map((c) => [c.breaking, c.pointer.split('/properties/a').length - 1])).toEqual([[true, 10_000]]);
  });

  it('a recursive YAML alias compares with itself', () => {
    const alias = `openapi: 3.1.0
info: {title: A, version: '1'}
paths:
  /x:
    post:
      requestBody: {content: {application/json: {schema: &s {type: object, properties: {again: *s, name: {type: string}}}}}}
      responses: {'200': {description: ok}}
`;
    expect(diffTexts(alias, alias)).toEqual([]);
    expect(diffTexts(alias, alias.replace('name: {type: string}', 'name: {type: string, maxLength: 9}')).filter((c) => c.breaking)).toHaveLength(1);
  });
});

describe('`not` in recursive and deep documents', () => {
  const notDocument = (schemas: string) => `openapi: 3.1.0
info: {title: N, version: '1'}
paths:
  /x:
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}
components:
  schemas:
${schemas}
`;
  // A and B exclude each other's values, through each other: every comparison of a `not` flips the direction again.
  const MUTUAL = notDocument(`    A: {type: object, properties: {p: {not: {$ref: '#/components/schemas/B'}}, q: {not: {$ref: '#/components/schemas/B'}}}}
    B: {type: object, properties: {r: {not: {$ref: '#/components/schemas/A'}}, s: {not: {$ref: '#/components/schemas/A'}}, t: {type: string}}}`);

  it('schemas whose `not`s refer to each other compare with themselves, and a change is judged', () => {
    expect(diffTexts(MUTUAL, MUTUAL)).toEqual([]);
    const changed = diffTexts(MUTUAL, MUTUAL.replace('t: {type: string}', 't: {type: string, maxLength: 3}'));
    // B accepts less, so A (not B) accepts more: fine for the request, a break for the response.
    const body = '/components/schemas/A/properties';
    const sent = body;
    expect(changed.map((c) => `${c.level} ${c.pointer}`)).toEqual([
      `breaking ${sent}/p/not`,
      `breaking ${sent}/q/not`,
      `info ${body}/p/not`,
      `info ${body}/q/not`,
    ]);
  });

  it('a 10,000-deep chain of `not`s compares with itself and with a change at the bottom, without a stack overflow', () => {
    const deep = (leaf: string) => {
      let schema = leaf;
      for (let i = 0; i < 10_000; i++) schema = `{"not":${schema}}`;
      return `{"openapi":"3.1.0","info":{"title":"d","version":"1"},"paths":{"/x":{"post":{"requestBody":{"content":{"application/json":{"schema":${schema}}}},"responses":{"200":{"description":"ok"}}}}}}`;
    };
    expect(diffTexts(deep('{"type":"string"}'), deep('{"type":"string"}'), 'json')).toEqual([]);
    // Past 32 nested `not`s a change counts as none (no real schema nests them so), but the walk ends.
    expect(() => diffTexts(deep('{"type":"string"}'), deep('{"type":"integer"}'), 'json')).not.toThrow();
  });
});

// Components that refer to each other freely: cycles through properties, items, allOf, oneOf and anyOf.
const COMPONENTS = ['A', 'B', 'C', 'D'];
const ref = fc.constantFrom(...COMPONENTS).map((name) => ({ $ref: `#/components/schemas/${name}` }));
const { node, leaf } = fc.letrec<{ schema: unknown; leaf: unknown; node: unknown }>((tie) => ({
  schema: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('node'), ref),
  leaf: fc.oneof(
    fc.constant({ type: 'string' }),
    fc.record({ type: fc.constant('integer'), minimum: fc.nat(5), multipleOf: fc.constantFrom(1, 2, 5) }),
    fc.record({ type: fc.constant('string'), enum: fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1 }) }),
    fc.constant(true),
  ),
  node: fc.oneof(
    fc.record({ type: fc.constant('object'), properties: fc.dictionary(fc.constantFrom('x', 'y', 'z'), tie('schema'), { maxKeys: 3 }) }),
    fc.record({ type: fc.constant('array'), items: tie('schema'), uniqueItems: fc.boolean() }),
    fc.record({ allOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ oneOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }), discriminator: fc.constant({ propertyName: 'x' }) }),
    fc.record({ anyOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ type: fc.constant('string'), not: tie('schema') }),
  ),
}));

// A component that is only a `$ref` to itself is no schema at all (an invalid document): components are nodes or leaves.
const component = fc.oneof(node, leaf);
const documents = fc.tuple(...COMPONENTS.map(() => component), ref, ref).map(([a, b, c, d, request, response]) =>
  JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'generated', version: '1' },
    paths: {
      '/x': {
        post: {
          parameters: [{ name: 'q', in: 'query', schema: request }],
          requestBody: { content: { 'application/json': { schema: request } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: response } } } },
        },
      },
    },
    components: { schemas: { A: a, B: b, C: c, D: d } },
  }),
);

describe('property: any document with cycles compares with itself', () => {
  it('gives zero changes, in bounded time and stack', () => {
    fc.assert(
      fc.property(documents, (text) => {
        expect(diffTexts(text, text, 'json')).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
