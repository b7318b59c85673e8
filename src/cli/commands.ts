// The bin's subcommands. To add one, write src/cli/<name>-command.ts exporting
// `run(argv)` (it handles its own --help and bad arguments) and add a row here;
// rows load on demand, so `--help` and `--version` stay instant.
import { docsUrl } from '../tools/package-json.js';

export interface Command {
  /** One line for the bin's --help. */
  summary: string;
  load: () => Promise<{ run: (argv: string[]) => Promise<number> }>;
}

export const COMMANDS: Record<string, Command> = {
  mock: { summary: `serve every API's mock on one port (needs Prism: ${docsUrl('mock.md')})`, load: () => import('./mock-command.js') },
  breaking: {
    summary: `compare two OpenAPI 3.0/3.1 specs and fail on breaking changes (needs yaml: ${docsUrl('breaking.md')})`,
    load: () => import('./breaking-command.js'),
  },
  verify: { summary: `check a live server against one of the bundled specs (needs Ajv: ${docsUrl('verify.md')})`, load: () => import('./verify-command.js') },
};
