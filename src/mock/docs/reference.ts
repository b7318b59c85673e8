// The document the reference renders: the bundled spec, plus what a reader of
// the mock needs on each operation: every scenario and how to pick it, the
// mock's own rules, a curl and the typed client call. Try-it targets the mock
// first and offers a `Prefer` header picker. The spec itself is not changed.
import type { IHttpOperation } from '@stoplight/types';
import { HTTP_METHODS } from '../../openapi-doc/operations.js';
import { BEHAVIOURS, ruleBack } from '../behaviours.js';
import { curlFor } from '../curl.js';
import type { MockApi } from '../operations.js';
import { clientCall } from './client-call.js';

type Obj = Record<string, any>;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Every documented status and named example with the Prefer value that picks it. */
function scenarioChoices(operation: IHttpOperation): Array<{ status: string; example?: string; prefer: string }> {
  return operation.responses.flatMap((r) => {
    const names = (r.contents?.[0]?.examples ?? []).map((e) => e.key);
    return names.length
      ? names.map((name) => ({ status: r.code, example: name, prefer: `code=${r.code}, example=${name}` }))
      : [{ status: r.code, prefer: `code=${r.code}` }];
  });
}

function mockSection(api: string, operation: IHttpOperation, baseUrl: string): string {
  const rows = scenarioChoices(operation).map(
    (c) =>
      `| ${c.status} | ${c.example ? `\`${c.example}\`` : ''} | \`Prefer: ${c.prefer}\` or \`?__code=${c.status}${c.example ? `&__example=${c.example}` : ''}\` |`,
  );
  const rules = (BEHAVIOURS[operation.iid ?? '']?.rules ?? []).map((r) => `- **${r.scenario}** (${r.status}): ${r.trigger} → ${cell(ruleBack(r, operation))}`);
  const call = clientCall(api, operation, baseUrl);
  return [
    '### On the mock',
    '',
    'Pick a documented response with the `Prefer` header (try-it offers it below) or, without headers, the query parameters:',
    '',
    '| Status | Example | Pick it with |',
    '|---|---|---|',
    ...rows,
    ...(rules.length ? ['', 'Without `example=`, the mock behaves like the provider:', '', ...rules] : []),
    '',
    '**curl**',
    '',
    '```sh',
    curlFor(baseUrl, operation),
    '```',
    ...(call ? ['', '**Typed client** (this package)', '', '```ts', call, '```'] : []),
  ].join('\n');
}

/** A deep copy of the API's document, augmented for the mock at `baseUrl`. */
export function referenceDocument(api: MockApi, baseUrl: string): Obj {
  const document = structuredClone(api.document) as Obj;
  document.servers = [{ url: baseUrl, description: 'The rtc-token-apis mock (demo credentials filled in)' }, ...(document.servers ?? [])];
  for (const pathItem of Object.values<Obj>(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as Obj | undefined;
      const mocked = operation && api.operations.find((op) => op.iid === operation.operationId);
      if (!operation || !mocked) continue;
      operation.description = [operation.description ?? '', mockSection(api.name, mocked, baseUrl)].filter(Boolean).join('\n\n');
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: 'Prefer',
          in: 'header',
          required: false,
          description: 'Mock only: the documented response to return (see "On the mock" above).',
          schema: { type: 'string', enum: scenarioChoices(mocked).map((c) => c.prefer) },
        },
      ];
    }
  }
  return document;
}
