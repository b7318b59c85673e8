// The startup text `npm start` and the package bin print: every base path and
// a ready-to-paste curl for each operation.
import type { MockServer } from './server.js';
import { PROGRAM } from '../tools/package-json.js';

export function startupBanner(mock: Pick<MockServer, 'url' | 'apis'>): string {
  const lines = [`${PROGRAM} mock listening on ${mock.url}`];
  for (const api of mock.apis) {
    lines.push('', `${api.name}  ${mock.url}${api.basePath}`);
    for (const e of api.endpoints) lines.push(`  ${e.method} ${e.path}  (${e.operationId})`, `    ${e.curl}`);
  }
  lines.push(
    '',
    'Pick a documented response: -H "Prefer: code=404" or -H "Prefer: example=NAME"; without headers: ?__code=404 or ?__example=NAME.',
    "Invalid requests get the API's own error body; each request is logged on one line.",
    `Interactive reference (try-it against this mock): ${mock.url}/docs/`,
    `Test-suite controls: GET ${mock.url}/__mock/requests, POST ${mock.url}/__mock/once, POST ${mock.url}/__mock/reset`,
  );
  return lines.join('\n');
}
