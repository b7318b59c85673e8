// `npm run contract:specmatic`: Specmatic's contract tests (examples plus
// generative tests) for every API, against the in-process mock or, with
// `--base-url URL`, against your own server; `--api NAME` runs one API;
// `--handlers` runs the application-server APIs against the shipped handlers
// (src/server/), backed by the mock. Fails unless every test passes and every
// documented status was exercised.
import { parseArgs } from 'node:util';
import { listApis } from './lib/apis.ts';
import { HANDLER_APIS, startHandlersForSpecmatic } from './lib/specmatic-handlers.ts';
import { runSpecmatic, startMockForSpecmatic } from './lib/specmatic.ts';

const { values } = parseArgs({
  options: { 'base-url': { type: 'string' }, api: { type: 'string', multiple: true }, handlers: { type: 'boolean' }, verbose: { type: 'boolean' } },
});
if (values.handlers && values['base-url']) {
  console.error('contract:specmatic: --handlers and --base-url exclude each other');
  process.exit(2);
}
const known = values.handlers ? [...HANDLER_APIS] : listApis().map((a) => a.name);
const apis = values.api?.length ? values.api : known;
const unknown = apis.filter((a) => !known.includes(a));
if (unknown.length) {
  console.error(`contract:specmatic: unknown api ${unknown.join(', ')}; one of: ${known.join(', ')}`);
  process.exit(2);
}
const mock = values['base-url'] ? undefined : await startMockForSpecmatic();
const handlers = values.handlers ? await startHandlersForSpecmatic(mock!.url) : undefined;
const baseUrl = values['base-url'] ?? handlers?.url ?? mock!.url;
let failed = false;
try {
  for (const api of apis) {
    const r = await runSpecmatic(api, baseUrl);
    if (values.verbose || r.failures) console.log(r.output);
    const ok = r.failures === 0 && r.notExercised.length === 0 && r.staleUnexercisable.length === 0 && r.tests > 0;
    failed ||= !ok;
    console.log(
      `${ok ? 'PASS' : 'FAIL'}  ${api}: ${r.tests} tests, ${r.failures} failures; ${r.documented.length - r.notExercised.length - r.unexercisable.length}/${r.documented.length} documented responses exercised`,
    );
    for (const missing of r.notExercised) console.log(`      not exercised: ${missing}`);
    for (const beyond of r.unexercisable) console.log(`      beyond Specmatic (specmatic/unexercisable.yaml): ${beyond}`);
    for (const stale of r.staleUnexercisable) console.log(`      stale entry in specmatic/unexercisable.yaml: ${stale}`);
  }
} finally {
  await handlers?.close();
  await mock?.close();
}
process.exit(failed ? 1 : 0);
