// `rtc-token-apis breaking <base> <head>`: the breaking-change gate on two
// files, two directories or a git ref (src/breaking/cli.ts has the usage).
import { requirePeers } from '../tools/peers.js';

export async function run(argv: string[]): Promise<number> {
  // `--help` works without the gate's packages; everything else needs them.
  if (!argv.includes('--help') && !argv.includes('-h')) requirePeers('breaking');
  const { main } = await import('../breaking/cli.js');
  return main(argv);
}
