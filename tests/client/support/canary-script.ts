// Child process for canary-secrets.e2e.test.ts: runs every failure mode and logs each
// error the ways an app might (console.error, JSON, util.inspect), so the
// parent can search everything this process wrote to stdout and stderr.
import { inspect } from 'node:util';
import { runCanaryScenarios } from './canary-scenarios.ts';

const log = (error: unknown) => {
  console.error(error);
  console.log(JSON.stringify(error));
  console.log(inspect(error, { depth: Infinity, showHidden: true }));
  console.warn(String(error));
};
const scenarios = await runCanaryScenarios(log);
console.log(`scenarios: ${scenarios.length}`);
