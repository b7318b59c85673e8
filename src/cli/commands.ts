// The bin's subcommands. To add one, write src/cli/<name>-command.ts exporting
// `run(argv)` (it handles its own --help and bad arguments) and add a row here;
// rows load on demand, so `--help` and `--version` stay instant.
import { docsUrl, inToolsBundle } from '../tools/package-json.js';

export interface Command {
  /** One line for the bin's --help. */
  summary: string;
  load: () => Promise<{ run: (argv: string[]) => Promise<number> }>;
}

/** Where a command's docs are, and in the client's bin the optional peer it loads (the tools bundle carries them inside). */
const docs = (peer: string, page: string) => `(${inToolsBundle() ? '' : `needs ${peer}: `}${docsUrl(page)})`;

export const COMMANDS: Record<string, Command> = {
  mock: { summary: `serve every API's mock on one port ${docs('Prism', 'mock.md')}`, load: () => import('./mock-command.js') },
  breaking: {
    summary: `compare two OpenAPI 3.0/3.1 specs and fail on breaking changes ${docs('yaml', 'breaking.md')}`,
    load: () => import('./breaking-command.js'),
  },
  verify: { summary: `check a live server against one of the bundled specs ${docs('Ajv', 'verify.md')}`, load: () => import('./verify-command.js') },
};
