// `npm run docs`: the mock's interactive reference (Swagger UI, see
// docs/mock.md) as a static folder, rendered from freshly bundled specs:
// index.html, one <api>.html per API of redocly.yaml, and assets/ copied
// from the installed swagger-ui-dist. Try-it targets a mock on 127.0.0.1:4010.
import { loadMockApis } from '../../../src/mock/operations.ts';
import { writeDocsSite } from '../../../src/mock/docs/write.ts';
import { listApis } from '../apis.ts';
import { bundleApi } from '../artifacts.ts';
type Obj = Record<string, any>;

export interface BuiltPage {
  name: string;
  file: string;
  /** The bundled document the page renders (before the mock's additions). */
  document: Obj;
}

export async function buildDocs(outDir: string, root?: string): Promise<{ index: string; pages: BuiltPage[] }> {
  const bundled = await Promise.all(listApis(root).map(bundleApi));
  const apis = await loadMockApis(bundled.map(({ name, document }) => ({ name, document })));
  const { index, pages } = await writeDocsSite(outDir, apis);
  return { index, pages: pages.map((p) => ({ ...p, document: apis.find((a) => a.name === p.name)!.document })) };
}
