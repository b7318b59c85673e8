// `npm run docs`: static, offline API reference pages under build/docs/ (or
// --out DIR). Ends with one line saying where they are and what to open.
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './lib/apis.ts';
import { scriptArgs } from './lib/cli.ts';
import { buildDocs } from './lib/docs/build.ts';

const { values } = scriptArgs(
  'docs',
  `usage: npm run docs [-- --out <dir>]

  Writes the offline API reference: <dir>/index.html and one page per API
  (default dir: build/docs/). Open index.html in a browser; no server needed.`,
  { out: { type: 'string' } },
);

const outDir = resolve(values.out ?? resolve(repoRoot, 'build', 'docs'));
const { index, pages } = await buildDocs(outDir);
for (const page of pages) console.log(`wrote ${page.file}`);
console.log(`wrote ${index}`);
const shown = relative(process.cwd(), outDir) || '.';
console.log(`docs: ${pages.length + 1} pages in ${shown.startsWith('..') ? outDir : shown}/; open ${pathToFileURL(index).href}`);
