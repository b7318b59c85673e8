// Every bundled document's operations, as Prism reads them, with the API
// (document) each came from and each API's base path.
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { loadBundledSpecs } from '../spec/bundled.js';

export interface MockOperation {
  /** The bundled document it came from, e.g. `signalwire-fabric`. */
  api: string;
  operation: IHttpOperation;
}

export interface MockApi {
  name: string;
  /** First two path segments shared by the API's paths, e.g. `/api/fabric` or `/proconfToken`. */
  basePath: string;
  operations: IHttpOperation[];
}

/** `/api/fabric/subscribers/tokens` -> `/api/fabric`; `/proconfToken` -> `/proconfToken`. */
function basePathOf(path: string): string {
  return '/' + path.split('/').filter(Boolean).slice(0, 2).join('/');
}

export async function loadMockApis(): Promise<MockApi[]> {
  return Promise.all(loadBundledSpecs().map(async ({ name, document }) => {
    const operations = await getHttpOperationsFromSpec(document);
    return { name, basePath: basePathOf(operations[0]?.path ?? '/'), operations };
  }));
}
