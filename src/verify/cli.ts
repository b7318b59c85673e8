// The verify command line, shared by `npm run verify` and the package bin:
// parses arguments, reads credentials from the environment, prints one line
// per check and the summary. Resolves to the exit code: 0 all passed,
// 1 a check failed, 2 bad usage.
import { parseArgs } from 'node:util';
import { credentialSecrets } from '../core/credentials.js';
import { ConfigError } from '../core/errors.js';
import { scrub, secretList } from '../core/secrets.js';
import { VERIFY_DEFAULTS } from './defaults.js';
import { docsUrl } from '../tools/package-json.js';
import { checkDuration, MAX_TIMER_MS } from '../core/timer.js';
import { credentialsFromEnv, credentialVariables, type Env } from './credentials.js';
import { formatCheck, formatSummary } from './report.js';
import { apiNames } from './spec-document.js';
import { verifyApi, type VerifyOptions } from './verify-api.js';

function verifyUsage(command = 'npm run verify --'): string {
  return `usage: ${command} --api <name> --target <url> [options]

  --api <name>          one of: ${apiNames().join(', ')}
  --target <url>        the server's base URL (the spec's paths are appended)
  --allow-mutations     also call state-changing operations (see ${docsUrl('verify.md')})
  --allow <operationId> allow one state-changing operation (repeatable)
  --skip <check id>     skip one check, e.g. "get_proconf_token: wrong method GET" (repeatable)
  --param <name=value>  path parameter for the valid requests, e.g. id=<uuid> (repeatable)
  --timeout <ms>        per-request timeout (default ${VERIFY_DEFAULTS.timeoutMs}, at most ${MAX_TIMER_MS})
  --json                print the result as one JSON document (credentials scrubbed)

credentials (environment):
${apiNames()
  .map((api) => `  ${api.padEnd(18)}${credentialVariables(api)}`)
  .join('\n')}`;
}

function toOptions(argv: string[], env: Env): (VerifyOptions & { json: boolean }) | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      api: { type: 'string' },
      target: { type: 'string' },
      'allow-mutations': { type: 'boolean', default: false },
      allow: { type: 'string', multiple: true, default: [] },
      skip: { type: 'string', multiple: true, default: [] },
      param: { type: 'string', multiple: true, default: [] },
      timeout: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (!values.api || !values.target) throw new ConfigError('--api and --target are required');
  const params = Object.fromEntries(
    values.param.map((p) => {
      const at = p.indexOf('=');
      if (at < 1) throw new ConfigError(`--param takes name=value; got "${p}"`);
      return [p.slice(0, at), p.slice(at + 1)];
    }),
  );
  const timeoutMs = values.timeout === undefined ? undefined : checkDuration(/^\d+$/.test(values.timeout) ? Number(values.timeout) : NaN, '--timeout');
  return {
    json: values.json,
    api: values.api,
    target: values.target,
    allowMutations: values['allow-mutations'] || values.allow,
    skip: values.skip,
    params,
    timeoutMs,
    credentials: credentialsFromEnv(values.api, env),
  };
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export async function runVerifyCli(
  argv: string[],
  env: Env = process.env,
  io: CliIo = { out: console.log, err: console.error },
  command = 'npm run verify --',
): Promise<number> {
  let options: (VerifyOptions & { json: boolean }) | 'help';
  try {
    options = toOptions(argv, env);
    if (options === 'help') {
      io.out(verifyUsage(command));
      return 0;
    }
    const result = await verifyApi(options);
    // Every line is scrubbed of every form of the credentials (checks already are; the summary names the target).
    const secrets = secretList(Object.values(options.credentials ?? {}).flatMap(credentialSecrets));
    if (options.json) io.out(JSON.stringify(scrub(result, secrets), null, 2));
    else {
      for (const check of result.results) io.out(scrub(formatCheck(check), secrets));
      io.out(scrub(formatSummary(result), secrets));
    }
    return result.ok ? 0 : 1;
  } catch (error) {
    // ConfigError: our own checks; TypeError: parseArgs' unknown or malformed options.
    if (!(error instanceof ConfigError) && !(error instanceof TypeError)) throw error;
    io.err(`verify: ${error.message}\n\n${verifyUsage(command)}`);
    return 2;
  }
}
