// Zero crashes on hostile input: the repository's own bundled specs and the
// fixture documents, mutated at random (wrong types anywhere, keys deleted,
// `$ref`s to missing targets, huge numbers, empty objects and arrays, strings
// where schemas go), go through the gate's in-process API (`runGate`, files on
// disk, lenient and strict). Each run ends in a report or a GateError, never a
// TypeError or RangeError; and a document that loads compares with itself
// with no changes.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { GateError } from '../../src/breaking/errors.ts';
import { runGate } from '../../src/breaking/gate.ts';
import { parseSpecText } from '../../src/breaking/parse.ts';

type Node = Record<string, unknown> | unknown[];

const bundled = new URL('../../generated/bundled/', import.meta.url);
const fixtures = new URL('./fixtures/', import.meta.url);

/** Every document we have: the bundled specs, and both sides of each single-file fixture pair. */
const CORPUS: unknown[] = [
  ...readdirSync(bundled)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(new URL(f, bundled), 'utf8'))),
  ...['breaking', 'non-breaking', 'policy'].flatMap((kind) =>
    readdirSync(new URL(`${kind}/`, fixtures))
      .map((f) => readFileSync(new URL(`${kind}/${f}`, fixtures), 'utf8'))
      .filter((text) => !/^--- # /m.test(text))
      .flatMap((text) => text.split(/^---$/m).map((part, i) => parseSpecText(part, `fixture-${i}.yaml`))),
  ),
];

/** The base document of each single-file fixture, as written. */
const YAML_TEXTS = ['breaking', 'non-breaking'].flatMap((kind) =>
  readdirSync(new URL(`${kind}/`, fixtures))
    .map((f) => readFileSync(new URL(`${kind}/${f}`, fixtures), 'utf8'))
    .filter((text) => !/^--- # /m.test(text))
    .map((text) => text.split(/^---$/m)[0]!),
);

/** Values that are wrong somewhere: every JSON type, extremes, and references that go nowhere. */
const ODD: unknown[] = [
  null,
  0,
  -1,
  1e308,
  -1e308,
  2 ** 64,
  5e-324,
  0.5,
  '',
  'x',
  '#/components/schemas/Missing',
  true,
  false,
  [],
  [null],
  [[]],
  ['x'],
  {},
  { $ref: '#/components/schemas/Missing' },
  { $ref: '#' },
  { $ref: '#/paths' },
  { $ref: 'missing.yaml#/Thing' },
  { $ref: 5 },
  { type: 5 },
  { type: 'object', properties: [] },
  { oneOf: {}, discriminator: 'x' },
  { discriminator: { propertyName: 5, mapping: [] }, oneOf: [true, 'x'] },
  { allOf: [{ required: 'x' }, false] },
  { items: 'string', prefixItems: {} },
  { enum: 'a', const: {} },
  { name: 5, in: [] },
  { url: 5, variables: { v: { enum: 5, default: [] } } },
  { content: { 'a/b': null, '': 'x' }, schema: 'string' },
  { style: 5, explode: 'yes', encoding: { x: 'y' } },
  { flows: 5, type: [] },
];

/** Keys the gate reads, to set to an odd value on any object. */
const KEYS = [
  'openapi',
  'paths',
  'webhooks',
  'components',
  'schemas',
  'securitySchemes',
  'security',
  'servers',
  'variables',
  'parameters',
  'requestBody',
  'responses',
  'content',
  'schema',
  'headers',
  'encoding',
  'callbacks',
  'links',
  'get',
  'post',
  '200',
  'default',
  'type',
  'properties',
  'required',
  'items',
  'prefixItems',
  'additionalProperties',
  'patternProperties',
  'allOf',
  'oneOf',
  'anyOf',
  'not',
  'if',
  'then',
  'else',
  'discriminator',
  'mapping',
  'enum',
  'const',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'nullable',
  'readOnly',
  'writeOnly',
  'default',
  'dependentRequired',
  'dependentSchemas',
  'style',
  'explode',
  'in',
  'name',
  'url',
  'flows',
  'scopes',
  'operationId',
  'contentType',
  'openIdConnectUrl',
  'tokenUrl',
  'propertyName',
  'allowReserved',
  'allowEmptyValue',
  'deprecated',
  '$ref',
];

const mutation = fc.record({
  kind: fc.constantFrom('replace', 'delete', 'set'),
  node: fc.nat(),
  child: fc.nat(),
  key: fc.constantFrom(...KEYS),
  value: fc.constantFrom(...ODD),
});

/** Objects and arrays in `document`, found with a work list (documents may be deep). */
function nodesOf(document: unknown): Node[] {
  const nodes: Node[] = [];
  const stack = [document];
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    nodes.push(value as Node);
    stack.push(...Object.values(value));
  }
  return nodes;
}

const edits = fc.array(mutation, { minLength: 1, maxLength: 6 });

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(document: unknown, edits: Mutation[]): unknown {
  const copy = structuredClone(document);
  for (const { kind, node, child, key, value } of edits) {
    const nodes = nodesOf(copy);
    const target = nodes[node % nodes.length]!;
    const keys = Object.keys(target);
    const at = keys[child % Math.max(keys.length, 1)];
    const odd = structuredClone(value);
    if (kind === 'set' && !Array.isArray(target)) target[key] = odd;
    else if (at === undefined) continue;
    else if (kind === 'delete') Array.isArray(target) ? target.splice(Number(at), 1) : delete target[at];
    else (target as Record<string, unknown>)[at] = odd;
  }
  return copy;
}

const dir = mkdtempSync(join(tmpdir(), 'breaking-fuzz-'));
mkdirSync(join(dir, 'base'));
mkdirSync(join(dir, 'head'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The gate on two documents: its result, or its GateError; anything else fails the test with the error. */
function gate(base: unknown, head: unknown, strict: boolean) {
  // One file name on both sides, as when two versions of a spec are compared.
  writeFileSync(join(dir, 'base', 'spec.json'), JSON.stringify(base));
  writeFileSync(join(dir, 'head', 'spec.json'), JSON.stringify(head));
  try {
    const result = runGate({ mode: 'paths', base: 'base/spec.json', head: 'head/spec.json' }, 'json', dir, { strict });
    JSON.parse(result.output);
    return result;
  } catch (error) {
    if (error instanceof GateError) return error;
    throw new Error(`not a GateError: ${(error as Error)?.stack ?? String(error)}`);
  }
}

describe('hostile input, property-based', () => {
  it('a mutated spec compared either way with its original (or with another mutant) ends in a report or a GateError, and with itself in no changes', () => {
    fc.assert(
      fc.property(fc.nat(CORPUS.length - 1), edits, edits, fc.boolean(), (index, headEdits, baseEdits, strict) => {
        const original = CORPUS[index];
        const mutated = mutate(original, headEdits);
        gate(original, mutated, strict);
        gate(mutated, original, strict);
        gate(mutate(original, baseEdits), mutated, strict);
        const self = gate(mutated, mutated, strict);
        if (!(self instanceof GateError)) expect(self.changes).toEqual([]);
      }),
      // FUZZ_RUNS=10000 for a longer hunt by hand.
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
  }, 600_000);

  it('YAML text cut, spliced or sprinkled with YAML syntax ends in a report or a GateError', () => {
    const texts = YAML_TEXTS;
    const edit = fc.record({
      at: fc.nat(),
      length: fc.nat(40),
      insert: fc.constantFrom(
        '',
        ':',
        '- ',
        '[',
        '{',
        '}',
        '&a ',
        '*a',
        '!!binary ',
        '%YAML 1.2\n',
        '#',
        "'",
        '"',
        '\t',
        '\n  ',
        '<<: *a\n',
        '? ',
        '|\n',
        '---\n',
        '\u0000',
      ),
    });
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(edit, { minLength: 1, maxLength: 5 }), (index, edits) => {
        let text = texts[index]!;
        for (const { at, length, insert } of edits) {
          const from = at % (text.length + 1);
          text = text.slice(0, from) + insert + text.slice(from + (insert ? 0 : length));
        }
        writeFileSync(join(dir, 'base', 'spec.yaml'), texts[index]!);
        writeFileSync(join(dir, 'head', 'spec.yaml'), text);
        for (const [base, head] of [
          ['base/spec.yaml', 'head/spec.yaml'],
          ['head/spec.yaml', 'head/spec.yaml'],
        ]) {
          try {
            runGate({ mode: 'paths', base: base!, head: head! }, 'json', dir);
          } catch (error) {
            if (!(error instanceof GateError)) throw new Error(`not a GateError: ${(error as Error)?.stack ?? String(error)}`);
          }
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
  }, 600_000);

  it('the shapes it found: scalars of the wrong type are dropped with a warning, so a document still equals itself', () => {
    const spec = {
      openapi: '3.1.0',
      info: { title: 'x', version: '1' },
      servers: [{ url: 'https://{region}.example.test', variables: { region: { default: 'eu', enum: ['eu', { odd: true }] } } }],
      paths: {
        '/pets': {
          post: {
            operationId: { odd: true },
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    oneOf: [{ type: 'object' }, { type: 'string' }],
                    discriminator: { propertyName: { odd: true } },
                    pattern: [],
                    maxLength: 'ten',
                    uniqueItems: 'yes',
                  },
                },
              },
            },
            responses: { '204': { description: 'ok' } },
          },
        },
      },
    };
    const lenient = gate(spec, spec, false);
    if (lenient instanceof GateError) throw lenient;
    expect(lenient.changes).toEqual([]);
    const schema = '/paths/~1pets/post/requestBody/content/application~1json/schema';
    expect(lenient.warnings.filter((w) => w.startsWith('base/')).map((w) => w.replace(/^\S+: /, ''))).toEqual([
      '/paths/~1pets/post/operationId must be a string; ignored',
      `${schema}/pattern must be a string; ignored`,
      `${schema}/maxLength must be a number; ignored`,
      `${schema}/uniqueItems must be a boolean; ignored`,
      `${schema}/discriminator must be an object with a string \`propertyName\` and a \`mapping\` of strings; ignored`,
    ]);
    expect(gate(spec, spec, true)).toEqual(new GateError('base/spec.json: invalid OpenAPI document: /paths/~1pets/post/operationId must be a string'));
  });
});
