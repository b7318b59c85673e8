// Swagger UI's files, served from the installed swagger-ui-dist package (no
// CDN, nothing fetched from anywhere) and read only when first asked for. The
// tools package's bundle ships just these files, in swagger-ui/ beside it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inToolsBundle } from '../../tools/package-json.js';

/** The files a reference page loads, with their media types. */
export const ASSETS: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

/** Where scripts/build-tools.ts puts them, beside the bundle's chunks. */
export const BUNDLED_ASSETS_DIR = 'swagger-ui';

export const distDir = () =>
  inToolsBundle()
    ? join(dirname(fileURLToPath(import.meta.url)), BUNDLED_ASSETS_DIR)
    : dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const cache = new Map<string, Promise<Buffer>>();

export function readAsset(name: string): Promise<Buffer> | undefined {
  if (!(name in ASSETS)) return undefined;
  let file = cache.get(name);
  if (!file) {
    file = readFile(join(distDir(), name));
    cache.set(name, file);
  }
  return file;
}
