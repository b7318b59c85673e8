// `npm start`: every API on one port (PORT, default 4010), with a curl for each operation.
import { parsePort, runMock } from '../src/cli/run-mock.ts';

const port = parsePort(process.env.PORT ?? '4010');
if (port === undefined) {
  console.error(`npm start: PORT must be a number from 0 to 65535; got "${process.env.PORT}"`);
  process.exit(2);
}
process.exitCode = await runMock({ port, portHint: 'PORT=<n> npm start' });
