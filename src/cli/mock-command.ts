// `rtc-token-apis mock`: every API's mock on one port, or `--scenarios` to
// print the scenario table (Markdown, or JSON with --json).
import { parseArgs } from 'node:util';
import { MOCK_DEFAULTS } from '../mock/defaults.js';
import { parseLogFormat, parsePort, runMock } from './run-mock.js';
import { usageError } from './usage-error.js';
import { PROGRAM } from '../tools/package-json.js';
import { specsWatchable } from '../mock/watch.js';

// --watch re-bundles a repository checkout's openapi/ sources with its redocly.yaml; an installed
// package (client or tools bundle) ships the built specs only, so it neither offers nor accepts it.
const WATCH = specsWatchable();
const NO_WATCH = '--watch reloads the specs of a repository checkout, and this package ships only the built ones: run npm start -- --watch in a checkout';

export const USAGE = `usage: ${PROGRAM} mock [--port <n>] [--host <address>] [--allow-host <name>]... [--quiet]${WATCH ? ' [--watch]' : ''} [--log-format text|json]
       ${PROGRAM} mock --scenarios [--json]

  --port <n>    port to listen on (default ${MOCK_DEFAULTS.port}); 0 picks a free one
  --host <addr> interface to bind (default ${MOCK_DEFAULTS.host})
  --allow-host <name>  also answer requests sent to this host name (repeatable; \`.example.test\`
                covers its subdomains). Loopback names, IP addresses and --host are always
                answered; any other name gets a 403, so a web page cannot rebind its own name
                onto the mock (DNS rebinding)
  --quiet       no per-request log lines${WATCH ? '\n  --watch       reload the specs when a file under openapi/ changes' : ''}
  --log-format <text|json>  one readable line (default) or one JSON object per request
  --scenarios   print every documented scenario and how to trigger it, then exit
  --json        with --scenarios: one JSON object per row (api, operationId, status,
                scenario, example, how, returns), plain text, for CI`;

const fail = (message: string) => usageError(`${PROGRAM} mock`, message, USAGE);

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
        watch: { type: 'boolean' },
        'log-format': { type: 'string' },
        scenarios: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.watch && !WATCH) return fail(NO_WATCH);
  if (values.json && !values.scenarios) return fail('--json goes with --scenarios');
  if (values.scenarios) {
    // Loaded on demand; it reads the bundled specs without Prism, so it needs no optional peer.
    const { scenarioJson, scenarioTable } = await import('../mock/scenario-table.js');
    console.log(values.json ? JSON.stringify(scenarioJson(), null, 2) : await scenarioTable());
    return 0;
  }
  const port = values.port === undefined ? MOCK_DEFAULTS.port : parsePort(values.port);
  if (port === undefined) return fail(`--port must be a number from 0 to 65535; got "${values.port}"`);
  const logFormat = parseLogFormat(values['log-format']);
  if (logFormat === undefined) return fail(`--log-format must be text or json; got "${values['log-format']}"`);
  return runMock({
    port,
    host: values.host,
    allowedHosts: values['allow-host'],
    quiet: values.quiet,
    watch: values.watch,
    logFormat,
    portHint: '--port <n>',
  });
}
