// `npm run check:breaking -- --base <git-ref> [--format text|markdown|json]`:
// this repository's specs at a ref against the working tree. The gate itself
// is the package's `rtc-token-apis breaking` (src/breaking/).
// Exit 0: no breaking change. 1: at least one breaking change. 2: bad input.
import { main } from '../src/breaking/cli.ts';

process.exitCode = main(process.argv.slice(2), { program: 'check:breaking' });
