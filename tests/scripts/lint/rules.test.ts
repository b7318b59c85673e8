// The lint bar: the real specs have zero problems, and each rule we added or
// tightened in redocly.yaml fires on a spec that breaks it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApis } from '../../../scripts/lib/apis.ts';
import { lint, type LintProblem } from '../../../scripts/lib/lint.ts';

/** A small document that passes every rule; each case breaks it in one way. */
function baseDoc(): any {
  return {
    openapi: '3.1.0',
    info: { title: 'Fixture', version: '1.0.0', description: 'Lint fixture.', license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' } },
    servers: [{ url: 'https://api.fixture.test' }],
    security: [{ basic: [] }],
    tags: [{ name: 'Things', description: 'Things.' }],
    paths: {
      '/things': {
        post: {
          operationId: 'create_thing',
          'x-state-changing': 'creates a thing',
          summary: 'Create a thing',
          description: 'Creates a thing.',
          tags: ['Things'],
          security: [{ basic: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' }, examples: { one: { summary: 'One', value: { name: 'a' } } } } },
          },
          responses: {
            '201': {
              description: 'Created.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' }, examples: { one: { summary: 'One', value: { name: 'a' } } } } },
            },
            '400': {
              description: 'Bad.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' }, examples: { bad: { summary: 'Bad', value: { name: 'b' } } } } },
            },
          },
        },
      },
    },
    components: {
      securitySchemes: { basic: { type: 'http', scheme: 'basic' } },
      schemas: {
        Thing: {
          type: 'object',
          description: 'A thing.',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, example: 'a' } },
        },
      },
    },
  };
}

const created = (d: any) => d.paths['/things'].post.responses['201'].content['application/json'];
const cases: Record<string, [rule: string, mutate: (d: any) => void]> = {
  'no-example': [
    'rule/response-has-example',
    (d) => {
      delete created(d).examples;
    },
  ],
  'wrong-type-example': [
    'no-invalid-media-type-examples',
    (d) => {
      created(d).examples.one.value = { name: 7 };
    },
  ],
  'extra-property-example': [
    'no-invalid-media-type-examples',
    (d) => {
      created(d).examples.one.value = { name: 'a', extra: true };
    },
  ],
  'scalar-without-example': [
    'scalar-property-missing-example',
    (d) => {
      delete d.components.schemas.Thing.properties.name.example;
    },
  ],
  'no-4xx': [
    'operation-4xx-response',
    (d) => {
      delete d.paths['/things'].post.responses['400'];
    },
  ],
  'no-description': [
    'operation-description',
    (d) => {
      delete d.paths['/things'].post.description;
    },
  ],
  'no-token-lifetimes': [
    'rule/token-lifetimes',
    (d) => {
      d.paths['/things'].post.operationId = 'create_subscriber_token';
    },
  ],
  'no-dead-refresh-codes': [
    'rule/dead-refresh-codes',
    (d) => {
      d.paths['/things'].post.operationId = 'refresh_subscriber_token';
      d.paths['/things'].post['x-token-lifetimes'] = { token: 7200, refresh_token: 7500 };
    },
  ],
  'no-state-changing': [
    'rule/operation-state-changing',
    (d) => {
      delete d.paths['/things'].post['x-state-changing'];
    },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'rtc-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lint', () => {
  let problems: LintProblem[] = [];
  // One Redocly run for everything (it costs ~1.5 s to start), before any
  // test, so each test below stands on its own and can run alone.
  beforeAll(() => {
    writeFileSync(join(dir, 'base.json'), JSON.stringify(baseDoc()));
    const specs = listApis().map((a) => a.root);
    const files = [...specs, join(dir, 'base.json')];
    for (const [name, [, mutate]] of Object.entries(cases)) {
      const doc = baseDoc();
      mutate(doc);
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(doc));
      files.push(join(dir, `${name}.json`));
    }
    problems = lint(files);
  }, 30_000);

  it('finds zero problems in the project specs and the untouched fixture', () => {
    expect(problems.filter((p) => p.where.includes('openapi/') || p.where.includes('base.json'))).toEqual([]);
  });

  for (const [name, [rule]] of Object.entries(cases)) {
    it(`${rule} fires on ${name}`, () => {
      expect(problems.filter((p) => p.where.includes(`${name}.json`)).map((p) => p.ruleId)).toContain(rule);
    });
  }
});
