// `npm run verify -- --api <name> --target <url>`: checks a live server
// against one bundled spec (see src/verify/cli.ts for options and exit codes).
import { runVerifyCli } from '../src/verify/cli.ts';

process.exitCode = await runVerifyCli(process.argv.slice(2));
