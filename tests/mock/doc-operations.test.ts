// `mock --scenarios` reads the bundled documents without Prism
// (src/mock/doc-operations.ts): for every bundled API, its reading agrees with
// Prism's own (getHttpOperationsFromSpec) on everything the scenario table uses.
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { expect, it } from 'vitest';
import { loadBundledSpecs } from '../../src/openapi-doc/bundled.ts';
import { docOperations } from '../../src/mock/doc-operations.ts';

/** What the scenario table and its helpers read of an operation. */
function tableView(op: IHttpOperation) {
  const examples = (list: unknown) =>
    ((list ?? []) as Array<{ key: string; value?: unknown; summary?: string }>).map(({ key, value, summary }) => ({ key, value, summary }));
  const body = op.request?.body?.contents?.[0];
  return {
    iid: op.iid,
    method: op.method,
    path: op.path,
    security: (op.security ?? []).map((alternative) =>
      alternative.map((s) => ({
        type: s.type,
        scheme: 'scheme' in s ? s.scheme : undefined,
        in: 'in' in s ? s.in : undefined,
        name: 'name' in s ? s.name : undefined,
      })),
    ),
    body: body && {
      examples: examples(body.examples),
      properties: Object.keys((body.schema as { properties?: object })?.properties ?? {}),
      required: (body.schema as { required?: string[] })?.required,
    },
    pathParams: (op.request?.path ?? []).map((p) => ({ name: p.name, examples: examples(p.examples) })),
    responses: op.responses.map((r) => ({
      code: r.code,
      mediaType: r.contents?.[0]?.mediaType,
      examples: examples(r.contents?.[0]?.examples),
      errorsList: (r.contents?.[0]?.schema as { properties?: { errors?: { type?: string } } })?.properties?.errors?.type,
    })),
  };
}

it.each(loadBundledSpecs().map((s) => [s.name, s.document] as const))('%s: read as Prism reads it', async (_name, document) => {
  const prism = await getHttpOperationsFromSpec(structuredClone(document));
  const ours = docOperations(document);
  expect(ours.map(tableView)).toEqual(prism.map(tableView));
  expect(ours.length).toBeGreaterThan(0);
});
