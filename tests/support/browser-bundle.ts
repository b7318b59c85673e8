// The package's sources as one browser script, the way a page's bundler
// would build them (esbuild, ESM, platform browser), for the Chromium tests.
import { join } from 'node:path';
import { build } from 'esbuild';

const repo = join(import.meta.dirname, '..', '..');

/** Bundles `contents` (an ES module whose imports resolve from the repository root) into one script. */
export async function browserBundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: repo, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}
