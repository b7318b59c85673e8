// `rtc-token-apis breaking <base> <head>`: the breaking-change gate on two
// files, two directories or a git ref (src/breaking/cli.ts has the options).
import { requirePeers } from '../tools/peers.js';

export async function run(argv: string[]): Promise<number> {
  // `--help` prints the usage from a module that imports nothing, so it works without the gate's packages.
  if (argv.includes('--help') || argv.includes('-h')) {
    const { USAGE } = await import('../breaking/usage.js');
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  requirePeers('breaking');
  const { main } = await import('../breaking/cli.js');
  return main(argv);
}
