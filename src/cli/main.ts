#!/usr/bin/env node
// The package bin: `rtc-token-apis mock [--port 4010] [--host 127.0.0.1] [--quiet]`
// and `rtc-token-apis mock --scenarios` (the scenario table, as Markdown).
// `rtc-token-apis breaking ...` is the breaking-change gate (src/breaking/cli.ts).
import { parseArgs } from 'node:util';
import { parseLogFormat, parsePort, runMock } from './run-mock.js';

const USAGE = `usage: rtc-token-apis mock [--port <n>] [--host <address>] [--quiet]
       rtc-token-apis mock --scenarios
       rtc-token-apis breaking <base> <head>   (see rtc-token-apis breaking --help)

  mock          serve every API's mock on one port (default 127.0.0.1:4010)
  --port <n>    port to listen on; 0 picks a free one
  --host <addr> interface to bind (default 127.0.0.1)
  --quiet       no per-request log lines
  --log-format <text|json>  one readable line (default) or one JSON object per request
  --watch       reload the specs when a file under openapi/ changes
  --scenarios   print every documented scenario and how to trigger it, then exit`;

function fail(message: string): number {
  console.error(`rtc-token-apis: ${message}\n${USAGE}`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'breaking') {
    // Loaded on demand: only the gate needs yaml and the media-type parser.
    const breaking = await import('../breaking/cli.js');
    return breaking.main(argv.slice(1));
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        quiet: { type: 'boolean' },
        watch: { type: 'boolean' },
        'log-format': { type: 'string' },
        scenarios: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals[0] !== 'mock' || positionals.length > 1) return fail(positionals.length ? `unknown command "${positionals.join(' ')}"` : 'missing command');
  if (values.scenarios) {
    // Loaded on demand: it needs Prism, which `mock` loads only after binding its port.
    const { scenarioTable } = await import('../mock/scenario-table.js');
    console.log(await scenarioTable());
    return 0;
  }
  const port = values.port === undefined ? 4010 : parsePort(values.port);
  if (port === undefined) return fail(`--port must be a number from 0 to 65535; got "${values.port}"`);
  const logFormat = parseLogFormat(values['log-format']);
  if (logFormat === undefined) return fail(`--log-format must be text or json; got "${values['log-format']}"`);
  return runMock({ port, host: values.host, quiet: values.quiet, watch: values.watch, logFormat, portHint: '--port <n>' });
}

process.exitCode = await main(process.argv.slice(2));
