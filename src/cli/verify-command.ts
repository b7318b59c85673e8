// `rtc-token-apis verify`: the same command line as `npm run verify`.
import { runVerifyCli } from '../verify/cli.js';

export const run = (argv: string[]): Promise<number> => runVerifyCli(argv, process.env, undefined, 'rtc-token-apis verify');
