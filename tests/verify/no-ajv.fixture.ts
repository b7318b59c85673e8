// Run by precompiled.e2e.test.ts in its own process: Ajv cannot be imported here.
// Verifies a bundled API against MOCK_URL, then tries a passed document, and
// prints both outcomes as one JSON line.
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';

register(new URL('./no-ajv-hooks.mjs', import.meta.url));
const { verifyApi } = await import('../../src/verify/verify-api.ts');
const target = process.env.MOCK_URL!;
const credentials = { Authorization: 'Bearer precompiled-check-5e1d' };
const bundled = await verifyApi({ api: 'signalwire-app', target, credentials, allowMutations: true });
const document = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'generated', 'bundled', 'signalwire-app.json'), 'utf8'));
const passed = await verifyApi({ api: 'signalwire-app', document, target, credentials }).then(
  () => 'no error',
  (e: Error) => e.message,
);
console.log(JSON.stringify({ bundled: { passed: bundled.passed, failed: bundled.failed }, passed }));
