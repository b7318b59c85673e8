#!/usr/bin/env node
// The package bin: `rtc-token-apis <command> [options]` (`rtc-token-apis-tools` in the tools package's bundle), one subcommand per
// tool a package user needs (see commands.ts). Bad usage exits 2 with one line
// and the usage; a failure exits 1 with one line; never a stack trace.
import { COMMANDS } from './commands.js';
import { failureLine, usageError } from './usage-error.js';
import { VERSION } from '../core/version.js';
import { docsUrl, inToolsBundle, PROGRAM } from '../tools/package-json.js';

const USAGE = `usage: ${PROGRAM} <command> [options]
       ${PROGRAM} <command> --help
       ${PROGRAM} --version (or -V)

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`)
  .join('\n')}
${inToolsBundle() ? '' : "\nWith nothing installed: npx rtc-token-apis-tools <command> (the tools' dependencies come with it)."}
Docs: ${docsUrl('install.md')}`;

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (first === '--version' || first === '-V' || first === '-v') {
    console.log(VERSION);
    return 0;
  }
  if (first === undefined) return usageError(PROGRAM, 'missing command', USAGE);
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) return usageError(PROGRAM, first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"`, USAGE);
  try {
    return await (await command.load()).run(rest);
  } catch (error) {
    console.error(failureLine(`${PROGRAM} ${first}`, (error as Error)?.message ?? String(error)));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
