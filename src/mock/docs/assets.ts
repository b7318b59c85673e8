// Swagger UI's files, served from the installed swagger-ui-dist package (no
// CDN, nothing fetched from anywhere) and read only when first asked for.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The files a reference page loads, with their media types. */
export const ASSETS: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

export const distDir = () => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

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
