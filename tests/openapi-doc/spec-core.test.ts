// The spec core against a test document with what the real specs do not
// have yet: a path-level parameter, a PUT, a path with `~`, a recursive
// schema. Each must reach the walker, the generator's tables, the generated
// validators and verify's plan alike.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coreGenerators, type BundledApi } from '../../scripts/lib/artifacts.ts';
import { validatorGenerators } from '../../scripts/lib/validators.ts';
import { dereference, escapeToken, pointer, resolveRef, specOperations, SpecRefError, unescapeToken, valueAt } from '../../src/openapi-doc/index.ts';
import { checksFor } from '../../src/verify/checks.ts';
import { deref, operationSpec, type OpenApiDocument } from '../../src/verify/spec-document.ts';

const okResponse = { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' }, example: { name: 'a' } } } };
const DOC = {
  openapi: '3.1.0',
  info: { title: 'test', version: '1' },
  security: [{ Key: [] }],
  paths: {
    '/things/{id}': {
      parameters: [{ $ref: '#/components/parameters/ThingId' }],
      put: {
        operationId: 'update_thing',
        'x-state-changing': 'replaces the thing',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' }, example: { name: 'a' } } } },
        responses: { '200': okResponse, '400': { description: 'bad' }, '401': { description: 'no' } },
      },
      get: { operationId: 'get_thing', 'x-state-changing': false, responses: { '200': okResponse, '400': { description: 'bad' } } },
    },
    '/odd~name/a': { trace: { operationId: 'trace_odd', 'x-state-changing': false, responses: { '200': { description: 'ok' } } } },
  },
  components: {
    securitySchemes: { Key: { type: 'apiKey', in: 'header', name: 'x-key' } },
    parameters: {
      ThingId: { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' }, example: '7b7ed3b6-0a4f-4d0c-9e43-9c7d6d0b2a11' },
    },
    schemas: {
      Thing: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1 }, child: { $ref: '#/components/schemas/Thing' } },
      },
    },
  },
};
const api: BundledApi = { name: 'test-api', root: '', document: structuredClone(DOC) };
const dir = mkdtempSync(join(tmpdir(), 'spec-core-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pointers', () => {
  it('escape and unescape `~` and `/` as RFC 6901 says, and look values up', () => {
    expect(pointer('paths', '/odd~name/a', 'trace')).toBe('/paths/~1odd~0name~1a/trace');
    expect(unescapeToken(escapeToken('~1/~0'))).toBe('~1/~0');
    expect(valueAt(DOC, '/paths/~1odd~0name~1a/trace/operationId')).toBe('trace_odd');
    expect(valueAt(DOC, '/paths/nope/x')).toBeUndefined();
  });
});

describe('refs', () => {
  it('follow chains, stop on a cycle with a clear error, and dereference a recursive schema', () => {
    expect(resolveRef(DOC, { $ref: '#/components/parameters/ThingId' }, '').pointer).toBe('/components/parameters/ThingId');
    const cyclic = { a: { $ref: '#/b' }, b: { $ref: '#/a' } };
    expect(() => resolveRef(cyclic, cyclic.a, '/a')).toThrow(SpecRefError);
    const thing = dereference(structuredClone(DOC)).components.schemas.Thing as any;
    expect(thing.properties.child.properties.child).toBe(thing.properties.child);
  });
});

describe('a path-level parameter and a PUT', () => {
  it('the walker lists every method and merges path-level parameters', () => {
    const ops = specOperations(DOC);
    expect(ops.map((o) => `${o.method} ${o.operationId}`)).toEqual(['get get_thing', 'put update_thing', 'trace trace_odd']);
    expect(ops.find((o) => o.operationId === 'update_thing')!.parameters.map((p) => [p.name, p.in, p.pointer])).toEqual([
      ['id', 'path', '/components/parameters/ThingId'],
    ]);
  });

  it('reaches the operation table and the operation facts', async () => {
    const [table] = await coreGenerators[0]!([api]);
    const facts = (await coreGenerators[0]!([api]))[1]!;
    expect(table!.content).toContain(
      "export const update_thing = { api: 'test-api', operationId: 'update_thing', method: 'PUT', path: '/things/{id}', statuses: [200, 400, 401] } as const;",
    );
    expect(table!.content).toContain("method: 'TRACE'");
    expect(facts.content).toContain('"stateChanging": "replaces the thing"');
  });

  it('reaches the generated validators: the path-level id is required and checked', async () => {
    const [artifact] = await validatorGenerators[0]!([api]);
    const file = join(dir, 'validators.ts');
    writeFileSync(file, artifact!.content);
    const { validators } = await import(file);
    const request = validators.update_thing.request;
    const body = { name: 'a' };
    expect(request({ path: { id: '7b7ed3b6-0a4f-4d0c-9e43-9c7d6d0b2a11' }, body })).toBe(true);
    expect(request({ path: { id: 'not-a-uuid' }, body })).toBe(false);
    expect(request({ body })).toBe(false);
    expect(validators.get_thing.request({ path: { id: 'not-a-uuid' } })).toBe(false);
    expect(validators.update_thing.responses[200]({ name: 'a', child: { name: 'b' } })).toBe(true);
  });

  it('reaches verify: the PUT is planned with the path parameter and read as state-changing', () => {
    const doc = DOC as unknown as OpenApiDocument;
    const op = specOperations(doc)
      .map((o) => operationSpec(doc, o))
      .find((o) => o.operationId === 'update_thing')!;
    expect(op.method).toBe('PUT');
    expect(op.stateChanging).toBe('replaces the thing');
    const checks = checksFor(op, { resolveSchema: (s) => deref(doc, s) });
    expect(checks.every((c) => c.method === 'PUT')).toBe(true);
    expect(checks.map((c) => c.label)).toContain('path parameter id not a uuid');
    expect(checks[0]!.path).toBe('/things/7b7ed3b6-0a4f-4d0c-9e43-9c7d6d0b2a11');
  });
});
