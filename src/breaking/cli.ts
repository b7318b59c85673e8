// `rtc-token-apis breaking`: the breaking-change gate for any OpenAPI 3.0/3.1
// spec. Exit 0: no breaking change. 1: at least one. 2: bad input, printed as
// one line naming the problem and the file.
import { parseArgs } from 'node:util';
import { GateError } from './errors.js';
import { runGate, type Format, type GateInput } from './gate.js';

export const USAGE = `usage: rtc-token-apis breaking <base> <head> [--format text|markdown|json] [--json]
       rtc-token-apis breaking --base <git-ref> [<path>] [--format text|markdown|json] [--json]

  <base> <head>     two spec files, or two directories of specs (YAML or JSON)
  --base <git-ref>  compare <path> (default: the current directory) as committed
                    in <git-ref> with the working tree
  --format <f>      text (default), markdown (a pull-request changelog) or json
  --json            same as --format json

exit codes: 0 no breaking change, 1 breaking changes, 2 bad input`;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

function parse(argv: string[]): { input: GateInput; format: Format } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { base: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new GateError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const format = values.json ? 'json' : (values.format ?? 'text');
  if (format !== 'text' && format !== 'markdown' && format !== 'json') throw new GateError(`--format must be text, markdown or json, not ${format}`);
  if (values.json && values.format && values.format !== 'json') throw new GateError(`--json conflicts with --format ${values.format}`);
  if (values.base !== undefined) {
    if (!values.base) throw new GateError('--base needs a git ref');
    if (positionals.length > 1) throw new GateError(`with --base, give at most one path; got ${positionals.join(' ')}`);
    return { input: { mode: 'ref', ref: values.base, path: positionals[0] ?? '.' }, format };
  }
  if (positionals.length !== 2)
    throw new GateError(positionals.length ? `expected <base> <head>, got ${positionals.length} path(s)` : 'missing <base> <head> (or --base <git-ref>)');
  return { input: { mode: 'paths', base: positionals[0]!, head: positionals[1]! }, format };
}

/** Runs the gate; returns the exit code. `program` prefixes error lines. */
export function main(argv: string[], { cwd = process.cwd(), io = processIo, program = 'rtc-token-apis breaking' } = {}): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    // Bad usage: the problem in one line, then the usage.
    io.stderr(`${program}: ${((error as Error)?.message ?? String(error)).split('\n')[0]}\n${USAGE}\n`);
    return 2;
  }
  try {
    if (args === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const result = runGate(args.input, args.format, cwd);
    io.stdout(result.output);
    return result.breaking ? 1 : 0;
  } catch (error) {
    // Anything unexpected is still bad input to CI, never "breaking" (exit 1).
    const message = error instanceof GateError ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`;
    io.stderr(`${program}: ${message.split('\n')[0]}\n`);
    return 2;
  }
}
