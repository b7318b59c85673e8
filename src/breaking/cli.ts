// `rtc-token-apis breaking`: the breaking-change gate for any OpenAPI 3.0/3.1
// spec. Exit 0: no breaking change. 1: at least one. 2: bad input, printed as
// one line naming the problem and the file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GateError } from './errors.js';
import { runGate, type Format, type GateInput, type GateOptions } from './gate.js';
import { parsePolicy, parseRuleFlags } from './policy.js';
import { PROGRAM } from '../tools/package-json.js';
import { USAGE } from './usage.js';

export { USAGE };

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

const OPTIONS = {
  base: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
  'allow-outside-root': { type: 'boolean' },
  'max-size': { type: 'string' },
  policy: { type: 'string' },
  rule: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Edit distance, to suggest the option a typo meant. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** Node's parser messages, as our own one-line usage errors. */
function usageError(error: Error & { code?: string }): GateError {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = option.replace(/^-+/, '').split('=')[0]!;
    const near = Object.keys(OPTIONS).find((known) => distance(name, known) <= 2);
    return new GateError(`unknown option ${option}${near ? ` (did you mean --${near}?)` : ''}`);
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return new GateError(`${option} needs a value`);
  return new GateError(error.message.split('\n')[0]!);
}

function readPolicyFile(file: string, cwd: string) {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new GateError(`--policy ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parsePolicy(text, file);
}

function parse(argv: string[], cwd: string): { input: GateInput; format: Format; options: Partial<GateOptions> } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw usageError(error as Error);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const format = values.json ? 'json' : (values.format ?? 'text');
  if (format !== 'text' && format !== 'markdown' && format !== 'json') throw new GateError(`--format must be text, markdown or json, not ${format}`);
  if (values.json && values.format && values.format !== 'json') throw new GateError(`--json conflicts with --format ${values.format}`);
  const options: Partial<GateOptions> = { strict: values.strict === true, allowOutsideRoot: values['allow-outside-root'] === true };
  if (values['max-size'] !== undefined) {
    const megabytes = Number(values['max-size']);
    if (!(megabytes > 0)) throw new GateError(`--max-size must be a positive number of megabytes, not ${values['max-size']}`);
    options.maxBytes = megabytes * 1024 * 1024;
  }
  options.policy = { ...(values.policy !== undefined ? readPolicyFile(values.policy, cwd) : {}), ...parseRuleFlags(values.rule ?? []) };
  if (values.base !== undefined) {
    if (!values.base) throw new GateError('--base needs a git ref');
    if (positionals.length > 1) throw new GateError(`with --base, give at most one path; got ${positionals.join(' ')}`);
    return { input: { mode: 'ref', ref: values.base, path: positionals[0] ?? '.' }, format, options };
  }
  if (positionals.length !== 2)
    throw new GateError(positionals.length ? `expected <base> <head>, got ${positionals.length} path(s)` : 'missing <base> <head> (or --base <git-ref>)');
  return { input: { mode: 'paths', base: positionals[0]!, head: positionals[1]! }, format, options };
}

/** Runs the gate; returns the exit code. `program` prefixes error lines. */
export function main(argv: string[], { cwd = process.cwd(), io = processIo, program = `${PROGRAM} breaking` } = {}): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv, cwd);
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
    const result = runGate(args.input, args.format, cwd, args.options);
    for (const warning of result.warnings) io.stderr(`${program}: warning: ${warning}\n`);
    io.stdout(result.output);
    return result.breaking ? 1 : 0;
  } catch (error) {
    // Anything unexpected is still bad input to CI, never "breaking" (exit 1).
    const message = error instanceof GateError ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`;
    io.stderr(`${program}: ${message.split('\n')[0]}\n`);
    return 2;
  }
}
