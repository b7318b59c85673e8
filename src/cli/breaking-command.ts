// `rtc-token-apis breaking <base> <head>`: the breaking-change gate on two
// files, two directories or a git ref (src/breaking/cli.ts has the options).
import { setFlagsFromString } from 'node:v8';
import { requirePeers } from '../tools/peers.js';

/**
 * The gate holds two whole documents and little else that lives long, yet V8
 * lets a heap grow to about four times its live size before a full
 * collection: 560 MB of RSS for two 50 MB JSON specs whose data stays under
 * 200 MB. Growing by 15% at a time collects sooner (360 MB; YAML 430 MB).
 * The process is the gate's own (the bin), so the setting is too.
 */
const HEAP_GROWING_PERCENT = 15;

export async function run(argv: string[]): Promise<number> {
  // `--help` prints the usage from a module that imports nothing, so it works without the gate's packages.
  if (argv.includes('--help') || argv.includes('-h')) {
    const { USAGE } = await import('../breaking/usage.js');
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  requirePeers('breaking');
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const { main } = await import('../breaking/cli.js');
  return main(argv);
}
