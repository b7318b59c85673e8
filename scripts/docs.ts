// `npm run docs`: static, offline API reference pages under build/docs/.
import { join } from 'node:path';
import { repoRoot } from './lib/apis.ts';
import { scriptArgs } from './lib/cli.ts';
import { buildDocs } from './lib/docs/build.ts';

scriptArgs(
  'docs',
  `usage: npm run docs

  Writes the offline API reference: build/docs/index.html and one page per API.`,
  {},
);

const outDir = join(repoRoot, 'build', 'docs');
const { index, pages } = await buildDocs(outDir);
for (const page of pages) console.log(`wrote ${page.file}`);
console.log(`wrote ${index}`);
