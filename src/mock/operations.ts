// Every bundled document's operations, as Prism reads them, with the API
// (document) each came from and each API's base path.
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { loadBundledSpecs, type BundledSpec } from '../openapi-doc/bundled.js';

export interface MockApi {
  name: string;
  /** First two path segments shared by the API's paths, e.g. `/api/fabric` or `/proconfToken`. */
  basePath: string;
  operations: IHttpOperation[];
  /** The bundled document itself, untouched by Prism (the reference renders it). */
  document: Record<string, unknown>;
}

/** `/api/fabric/subscribers/tokens` -> `/api/fabric`; `/proconfToken` -> `/proconfToken`. */
function basePathOf(path: string): string {
  return `/${path.split('/').filter(Boolean).slice(0, 2).join('/')}`;
}

/** The shipped bundles, or the given documents (a `--watch` reload). */
export async function loadMockApis(documents: BundledSpec[] = loadBundledSpecs()): Promise<MockApi[]> {
  return Promise.all(
    documents.map(async ({ name, document }) => {
      const pristine = structuredClone(document);
      const operations = await getHttpOperationsFromSpec(document);
      return { name, basePath: basePathOf(operations[0]?.path ?? '/'), operations, document: pristine };
    }),
  );
}
