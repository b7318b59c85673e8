// `npm run docs`: the same reference as a static folder that opens from disk
// or any static server, offline. Try-it targets a mock on `baseUrl`.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MockApi } from '../operations.js';
import { ASSETS, distDir } from './assets.js';
import { apiPage, indexPage, pageFileName } from './pages.js';
import { referenceDocument } from './reference.js';

const DEFAULT_MOCK_URL = 'http://127.0.0.1:4010';

export async function writeDocsSite(
  outDir: string,
  apis: MockApi[],
  baseUrl = DEFAULT_MOCK_URL,
): Promise<{ index: string; pages: Array<{ name: string; file: string }> }> {
  await mkdir(join(outDir, 'assets'), { recursive: true });
  await Promise.all(Object.keys(ASSETS).map((name) => copyFile(join(distDir(), name), join(outDir, 'assets', name))));
  const pages = await Promise.all(
    apis.map(async (api) => {
      const file = join(outDir, pageFileName(api.name));
      await writeFile(file, apiPage(api.name, referenceDocument(api, baseUrl)));
      return { name: api.name, file };
    }),
  );
  const index = join(outDir, 'index.html');
  await writeFile(index, indexPage(apis));
  return { index, pages };
}
