#!/usr/bin/env node
// `npx rtc-token-apis-tools <command>`: the rtc-token-apis bin with the tools'
// dependencies (Prism, Swagger UI, Ajv, yaml) installed beside it, so the mock,
// verify and the gate need nothing installed first. Plain JavaScript, no build:
// it says what it starts (loading Prism takes seconds) and hands over to the
// client package's own bin, found through its package.json.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const manifest = require.resolve('rtc-token-apis/package.json');
const client = JSON.parse(readFileSync(manifest, 'utf8'));
const [command] = process.argv.slice(2);
if (command && !command.startsWith('-')) {
  // stderr, so `mock --scenarios --json` and `breaking --json` keep a clean stdout.
  console.error(`rtc-token-apis-tools: starting ${command} (rtc-token-apis ${client.version})…`);
}
await import(pathToFileURL(join(dirname(manifest), client.bin['rtc-token-apis'])).href);
