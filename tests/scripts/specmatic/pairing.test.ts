// Every documented status is paired with the request that really causes it,
// and the pairing lives where it can be honest: a valid body in the spec's
// request examples, or, for what a body example cannot express (a body that
// breaks the schema, a credential the scheme refuses), an external example
// in specmatic/examples/; a wrong method is the spec's `x-wrong-method`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validators as proconfAdmin } from '../../../generated/validators/proconf-admin.ts';
import { validators as proconfApp } from '../../../generated/validators/proconf-app.ts';
import { validators as signalwireApp } from '../../../generated/validators/signalwire-app.ts';
import { validators as fabric } from '../../../generated/validators/signalwire-fabric.ts';
import { validators as video } from '../../../generated/validators/signalwire-video.ts';
import { listApis, repoRoot } from '../../../scripts/lib/apis.ts';
import { type ExternalExample, wrongMethodProbes } from '../../../scripts/lib/specmatic.ts';
import { deref, type Json, specOperations } from '../../../src/openapi-doc/index.ts';

const VALIDATORS: Record<string, Record<string, { request: (body: unknown) => boolean }>> = {
  'proconf-admin': proconfAdmin,
  'proconf-app': proconfApp,
  'signalwire-app': signalwireApp,
  'signalwire-fabric': fabric,
  'signalwire-video': video,
};
const bundle = (api: string): Json => JSON.parse(readFileSync(join(repoRoot, 'generated', 'bundled', `${api}.json`), 'utf8'));
const examplesDir = (api: string) => join(repoRoot, 'specmatic', 'examples', api);
const unexercisable = parse(readFileSync(join(repoRoot, 'specmatic', 'unexercisable.yaml'), 'utf8')) as Record<string, string[]>;

function externalExamples(api: string): { file: string; example: ExternalExample }[] {
  let files: string[] = [];
  try {
    files = readdirSync(examplesDir(api)).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.map((file) => ({ file, example: JSON.parse(readFileSync(join(examplesDir(api), file), 'utf8')) as ExternalExample }));
}

const templateRegex = (path: string) => new RegExp(`^${path.replace(/\{[^}]+\}/g, '([^/]+)')}$`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why the spec's own request examples cannot hold this request: '' when they could (it is valid and well credentialed). */
function whyExternal(api: string, doc: Json, example: ExternalExample): string {
  const request = example['http-request'];
  const op = specOperations(doc).find((o) => o.method.toUpperCase() === request.method && templateRegex(o.path).test(request.path));
  if (!op) return `no operation ${request.method} ${request.path}`;
  if ('body' in request && !VALIDATORS[api]![op.operationId]!.request(request.body)) return 'body breaks the schema';
  const values = templateRegex(op.path).exec(request.path)!.slice(1);
  const uuidParams = op.parameters.filter((p) => p.in === 'path' && p.node.schema?.format === 'uuid');
  if (uuidParams.length > 0 && values.some((v) => !UUID.test(decodeURIComponent(v)))) return 'path parameter breaks the schema';
  const schemes = (op.operation.security ?? doc.security ?? []).flatMap((s: Json) => Object.keys(s));
  const auth = request.headers?.Authorization ?? '';
  const expected = schemes.map((name: string) => String(doc.components.securitySchemes[name].scheme).toLowerCase());
  if (expected.length > 0 && !expected.some((scheme: string) => auth.toLowerCase().startsWith(`${scheme} `))) return 'credential of another scheme';
  return '';
}

describe('Specmatic pairing', () => {
  for (const { name: api } of listApis()) {
    it(`${api}: every documented status has a request that causes it (or is listed in unexercisable.yaml)`, () => {
      const doc = bundle(api);
      const probes = wrongMethodProbes(doc);
      const byWrongMethod = new Set(probes.exercises.values());
      const external = externalExamples(api);
      const missing: string[] = [];
      for (const op of specOperations(doc)) {
        const requestNames = new Set(Object.keys(deref(doc, op.operation.requestBody)?.content?.['application/json']?.examples ?? {}));
        for (const p of op.parameters) for (const n of Object.keys(p.node.examples ?? {})) requestNames.add(n);
        for (const [status, raw] of Object.entries<unknown>(op.operation.responses)) {
          const label = `${op.method.toUpperCase()} ${op.path} ${status}`;
          const names = Object.keys(deref(doc, raw).content?.['application/json']?.examples ?? {});
          const inSpec = names.some((n) => requestNames.has(n));
          const outside = external.some(
            ({ example }) =>
              example['http-request'].method === op.method.toUpperCase() &&
              templateRegex(op.path).test(example['http-request'].path) &&
              String(example['http-response'].status) === status,
          );
          if (!inSpec && !outside && !byWrongMethod.has(label) && !(unexercisable[api] ?? []).includes(label)) missing.push(label);
        }
      }
      expect(missing).toEqual([]);
    });

    it(`${api}: each external example is one the spec cannot hold, and its response is documented`, () => {
      const doc = bundle(api);
      for (const { file, example } of externalExamples(api)) {
        const why = whyExternal(api, doc, example);
        // 413 examples are valid bodies that are too large: no schema states a size.
        if (example['http-response'].status !== 413) expect(why, file).not.toBe('');
        expect(why, file).not.toMatch(/^no operation/);
        const status = example['http-response'].status;
        const op = specOperations(doc).find((o) => templateRegex(o.path).test(example['http-request'].path))!;
        expect(Object.keys(op.operation.responses), file).toContain(String(status));
        expect(file.startsWith(`${op.operationId}.`), file).toBe(true);
      }
    });
  }

  it('a wrong-method probe: an unused method, only the marked response, counted for the documented one', () => {
    const doc = bundle('proconf-app');
    const probes = wrongMethodProbes(doc);
    expect(probes.document.paths['/proconfToken'].get.responses).toHaveProperty('404');
    expect(Object.keys(probes.document.paths['/proconfToken'].get.responses)).toEqual(['404']);
    expect(probes.examples['get_proconf_token_wrong_method.wrong_method.json']).toMatchObject({
      'http-request': { method: 'GET', path: '/proconfToken' },
      'http-response': { status: 404, body: { data: null, error: { code: 404, message: 'Not found' } } },
    });
    expect([...probes.exercises]).toEqual([['GET /proconfToken 404', 'POST /proconfToken 404']]);
    expect(doc.paths['/proconfToken'].get).toBeUndefined(); // the input is not touched
    // No marked response, no probe.
    expect(wrongMethodProbes(bundle('signalwire-video')).exercises.size).toBe(0);
  });
});
