// The argument-parsing top of every npm script: `--help`/`-h` prints the usage
// on stdout and exits 0; an unknown flag or a bad value prints one line naming
// it plus the usage on stderr and exits 2, never a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export function usageExit(name: string, usage: string, message: string): never {
  console.error(`${name}: ${message}\n${usage}`);
  process.exit(2);
}

export function scriptArgs<O extends Options>(name: string, usage: string, options: O, config: { positionals?: boolean; argv?: string[] } = {}) {
  const argv = config.argv ?? process.argv.slice(2);
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: config.positionals ?? false,
      strict: true,
    });
    if ((parsed.values as { help?: boolean }).help) {
      console.log(usage);
      process.exit(0);
    }
    return parsed as unknown as {
      values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : O[K]['multiple'] extends true ? string[] : string };
      positionals: string[];
    };
  } catch (error) {
    return usageExit(name, usage, (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
}
