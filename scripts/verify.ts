// `npm run verify -- --api <name> --target <url>`: checks a live server
// against one bundled spec. Credentials come from environment variables.
// Exit codes: 0 all checks passed, 1 a check failed, 2 bad usage.
import { parseArgs } from 'node:util';
import { apiNames, ConfigError, credentialsFromEnv, CREDENTIAL_VARIABLES, formatCheck, formatSummary, verifyApi } from '../src/verify/index.ts';

const USAGE = `usage: npm run verify -- --api <name> --target <url> [options]

  --api <name>          one of: ${apiNames().join(', ')}
  --target <url>        the server's base URL (the spec's paths are appended)
  --allow-mutations     also call state-changing operations (reset, create, refresh)
  --allow <operationId> allow one state-changing operation (repeatable)
  --skip <check id>     skip one check, e.g. "get_proconf_token: wrong method GET" (repeatable)
  --param <name=value>  path parameter for the valid requests, e.g. id=<uuid> (repeatable)
  --timeout <ms>        per-request timeout (default 10000)

credentials (environment):
${Object.entries(CREDENTIAL_VARIABLES).map(([api, vars]) => `  ${api.padEnd(18)}${vars}`).join('\n')}`;

function parse() {
  const { values } = parseArgs({
    options: {
      api: { type: 'string' },
      target: { type: 'string' },
      'allow-mutations': { type: 'boolean', default: false },
      allow: { type: 'string', multiple: true, default: [] },
      skip: { type: 'string', multiple: true, default: [] },
      param: { type: 'string', multiple: true, default: [] },
      timeout: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.api || !values.target) throw new ConfigError('--api and --target are required');
  const params = Object.fromEntries(values.param.map((p) => {
    const at = p.indexOf('=');
    if (at < 1) throw new ConfigError(`--param takes name=value; got "${p}"`);
    return [p.slice(0, at), p.slice(at + 1)];
  }));
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new ConfigError('--timeout must be a positive number of milliseconds');
  return {
    api: values.api,
    target: values.target,
    allowMutations: values['allow-mutations'] || values.allow,
    skip: values.skip,
    params,
    timeoutMs,
    credentials: credentialsFromEnv(values.api),
  };
}

try {
  const result = await verifyApi(parse());
  for (const check of result.results) console.log(formatCheck(check));
  console.log(formatSummary(result));
  process.exit(result.ok ? 0 : 1);
} catch (error) {
  if (!(error instanceof ConfigError) && !(error instanceof TypeError)) throw error;
  console.error(`verify: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
