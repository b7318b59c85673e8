// `rtc-token-apis verify`: the same command line as `npm run verify`.
import { PROGRAM } from '../tools/package-json.js';
import { runVerifyCli } from '../verify/cli.js';

export const run = (argv: string[]): Promise<number> => runVerifyCli(argv, process.env, undefined, `${PROGRAM} verify`);
