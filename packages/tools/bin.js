#!/usr/bin/env node
// `npx rtc-token-apis-tools <command>`: the rtc-token-apis bin, bundled with
// every dependency its tools load (dist/, built by scripts/build-tools.ts when
// the package is packed), so npx fetches this one package and nothing else.
// Plain JavaScript, no build: before anything else it says what it starts
// (on stderr, so `--json` output stays clean), then loads the bundle.
// Not for --help or --version: nothing starts, the answer is instant.
const [command, ...rest] = process.argv.slice(2);
const asks = rest.some((arg) => ['--help', '-h', '--version', '-V'].includes(arg));
if (command && !command.startsWith('-') && !asks) console.error(`rtc-token-apis-tools: starting ${command}…`);
try {
  await import('./dist/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('/dist/main.js')) throw error;
  console.error('rtc-token-apis-tools: dist/ is missing: in the repository, build it with npm run build:tools');
  process.exitCode = 1;
}
