// `npm run build:tools` (and packages/tools' `prepack`, so every pack and
// publish ships a fresh one): the tools package's self-contained bundle,
// built from this repository (scripts/lib/tools-bundle.ts). Ends with one
// line (on stderr: `npm pack --json` keeps a clean stdout) saying what it
// wrote and how big it is.
import { relative } from 'node:path';
import { scriptArgs } from './lib/cli.ts';
import { buildToolsBundle, NOTICES, TOOLS_DIR } from './lib/tools-bundle.ts';

scriptArgs(
  'build:tools',
  `usage: npm run build:tools

  Bundles the bin with its dependencies into packages/tools/dist/ and lists
  every bundled package's licence in packages/tools/${NOTICES}.`,
  {},
);

const { metafile, packages } = await buildToolsBundle();
const bytes = Object.values(metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.error(
  `build:tools: ${relative(process.cwd(), TOOLS_DIR) || '.'}/dist/ (${Object.keys(metafile.outputs).length} files, ${(bytes / 1e6).toFixed(2)} MB of code; ${packages.length} bundled packages in ${NOTICES})`,
);
