// Run by spec-facts.e2e.test.ts inside a temporary copy of the repository
// whose specs were changed and whose generated/ was rebuilt from them: starts
// that copy's mock, asks it what the changed facts govern, runs that copy's
// `verify` command against it, asks its SignalWire client for a Space's URL,
// and prints one JSON report. Every module is the copy's own, so a fact
// copied into code would show the old value here.
//   node --import tsx spec-facts-script.ts <copy root>
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = process.argv[2]!;
const { startMockServer, DEMO_CREDENTIALS } = (await import(join(root, 'src/mock/index.ts'))) as typeof import('../../src/mock/index.ts');
const { scenarioTable } = (await import(join(root, 'src/mock/scenario-table.ts'))) as typeof import('../../src/mock/scenario-table.ts');

// The mock's clock (it reads Date.now per request), moved forward by the lifetime steps below.
const realNow = Date.now;
let shiftMs = 0;
Date.now = () => realNow() + shiftMs;

const BEARER = `Bearer ${DEMO_CREDENTIALS.bearer}`;
const BASIC = `Basic ${Buffer.from(DEMO_CREDENTIALS.basic).toString('base64')}`;
const UUID = 'a46e1381-21cf-46c9-bfed-576eb3b96370';

const mock = await startMockServer({ port: 0 });
const report: Record<string, unknown> = {};
try {
  const send = async (method: string, path: string, authorization: string, body?: string) => {
    const response = await fetch(mock.url + path, {
      method,
      headers: { authorization, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  /** A valid ProCONF body of exactly `bytes` bytes (padded with JSON whitespace). */
  const proconfBody = (bytes: number) => {
    const json = JSON.stringify({ role: 'member', room: 'r', participantName: 'p' });
    return json.slice(0, -1) + ' '.repeat(bytes - json.length) + json.slice(-1);
  };
  report.bodyUnderLimit = await send('POST', '/proconfToken', BEARER, proconfBody(1500));
  report.bodyOverLimit = await send('POST', '/proconfToken', BEARER, proconfBody(3000));
  report.wrongMethod = await send('GET', '/proconfToken', BEARER);
  report.unknownPath = await send('POST', '/proconfToken/nothing-here', BEARER, proconfBody(60));
  report.tooManyAddresses = await send('POST', '/api/fabric/guests/tokens', BASIC, JSON.stringify({ allowed_addresses: Array(11).fill(UUID) }));

  // Two pairs minted now; one refresh just inside the refresh token's lifetime, one just past it.
  const mint = async () =>
    (await send('POST', '/api/fabric/subscribers/tokens', BASIC, JSON.stringify({ reference: 'alice@example.net' }))).body as { refresh_token: string };
  const [inside, past] = [await mint(), await mint()];
  const refresh = (pair: { refresh_token: string }) =>
    send('POST', '/api/fabric/subscribers/tokens/refresh', BASIC, JSON.stringify({ refresh_token: pair.refresh_token }));
  const lifetime = Number(process.env.REFRESH_LIFETIME_SECONDS);
  shiftMs = (lifetime - 5) * 1000;
  report.refreshInside = (await refresh(inside)).status;
  shiftMs = (lifetime + 5) * 1000;
  report.refreshPast = await refresh(past);
  shiftMs = 0;

  report.scenarioTable = await scenarioTable();

  // The copy's own command line, as a user runs it, with only the variables its specs name.
  const verify = async (api: string, env: Record<string, string>) => {
    const { PATH, HOME } = process.env;
    const args = ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'verify', '--api', api, '--target', mock.url, '--json'];
    const run = await promisify(execFile)(process.execPath, args, { cwd: root, env: { PATH, HOME, ...env } }).catch((error) => error);
    return { exitCode: run.code ?? 0, result: run.stdout.trim() ? (JSON.parse(run.stdout) as unknown) : undefined, stderr: run.stderr };
  };
  report.verifyApp = await verify('proconf-app', { SPEC_FACTS_BEARER: DEMO_CREDENTIALS.bearer });
  report.verifyAdmin = await verify('proconf-admin', {});
  const { spaceBaseUrl } = (await import(join(root, 'src/signalwire/config.ts'))) as typeof import('../../src/signalwire/config.ts');
  report.spaceBaseUrl = spaceBaseUrl('acme');
} finally {
  await mock.close();
}
process.stdout.write(`${JSON.stringify(report)}\n`);
