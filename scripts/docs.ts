// `npm run docs`: static, offline API reference pages under build/docs/.
import { join } from 'node:path';
import { repoRoot } from './lib/apis.ts';
import { buildDocs } from './lib/docs/build.ts';

const outDir = join(repoRoot, 'build', 'docs');
const { index, pages } = await buildDocs(outDir);
for (const page of pages) console.log(`wrote ${page.file}`);
console.log(`wrote ${index}`);
