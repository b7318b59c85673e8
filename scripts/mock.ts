// `npm start`: every API on one port (PORT, default 4010), with a curl for each
// operation. `npm start -- --watch` reloads the specs as openapi/ changes;
// `npm start -- --log-format json` prints one JSON object per request.
import { parseArgs } from 'node:util';
import { parseLogFormat, parsePort, runMock } from '../src/cli/run-mock.ts';

const port = parsePort(process.env.PORT ?? '4010');
if (port === undefined) {
  console.error(`npm start: PORT must be a number from 0 to 65535; got "${process.env.PORT}"`);
  process.exit(2);
}
let values;
try {
  ({ values } = parseArgs({ options: { watch: { type: 'boolean' }, 'log-format': { type: 'string' }, quiet: { type: 'boolean' } } }));
} catch (error) {
  console.error(`npm start: ${(error as Error).message}; options: --watch, --log-format text|json, --quiet`);
  process.exit(2);
}
const logFormat = parseLogFormat(values['log-format']);
if (logFormat === undefined) {
  console.error(`npm start: --log-format must be text or json; got "${values['log-format']}"`);
  process.exit(2);
}
process.exitCode = await runMock({ port, watch: values.watch, logFormat, quiet: values.quiet, portHint: 'PORT=<n> npm start' });
