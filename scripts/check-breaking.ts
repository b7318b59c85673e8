// `npm run check:breaking -- --base <git-ref> [--format markdown]`
// Exit 0: no breaking change. 1: at least one breaking change. 2: usage error.
import { parseArgs } from './lib/breaking/cli-args.ts';
import { GateError } from './lib/breaking/errors.ts';
import { runGate } from './lib/breaking/gate.ts';
import { USAGE } from './lib/breaking/cli-args.ts';

if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
  console.log(`${USAGE}\n\n  Compares every API in redocly.yaml at <git-ref> with the working tree.\n  Exit 0: no breaking change; 1: at least one; 2: usage error.`);
  process.exit(0);
}

try {
  const result = await runGate(parseArgs(process.argv.slice(2)), process.cwd());
  process.stdout.write(result.output);
  process.exitCode = result.breaking ? 1 : 0;
} catch (error) {
  if (!(error instanceof GateError)) throw error;
  process.stderr.write(`check:breaking: ${error.message}\n`);
  process.exitCode = 2;
}
