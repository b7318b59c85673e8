// Writes one static HTML page per API declared in redocly.yaml, plus index.html.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listApis } from '../apis.ts';
import { bundleApi } from '../artifacts.ts';
import { dereference } from './dereference.ts';
import { pageFileName, renderIndexPage, type IndexEntry } from './index-page.ts';
import { listOperations, type Obj } from './operations.ts';
import { renderApiPage } from './page.ts';

export interface BuiltPage {
  name: string;
  file: string;
  /** The bundled and dereferenced document the page was rendered from. */
  document: Obj;
}

export async function buildDocs(outDir: string, root?: string): Promise<{ index: string; pages: BuiltPage[] }> {
  const apis = await Promise.all(listApis(root).map(bundleApi));
  await mkdir(outDir, { recursive: true });
  const pages = await Promise.all(apis.map(async (api) => {
    const document = dereference(api.document) as Obj;
    const file = join(outDir, pageFileName(api.name));
    await writeFile(file, renderApiPage(document));
    return { name: api.name, file, document };
  }));
  const entries: IndexEntry[] = pages.map(({ name, document }) => ({
    name,
    title: document.info?.title ?? name,
    version: document.info?.version ?? '',
    operationCount: listOperations(document).length,
  }));
  const index = join(outDir, 'index.html');
  await writeFile(index, renderIndexPage(entries));
  return { index, pages };
}
