// Reads this package's own package.json (version, peer dependency ranges,
// repository) from wherever the code runs: src/ in the repo, dist/ when installed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OwnPackageJson {
  name: string;
  version: string;
  peerDependencies?: Record<string, string>;
  repository?: { url: string };
}

const here = fileURLToPath(import.meta.url);

export function ownPackageJson(): OwnPackageJson {
  let dir = dirname(here);
  for (let i = 0; i < 6; i++, dir = resolve(dir, '..')) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as OwnPackageJson;
    if (pkg.name === 'rtc-token-apis') return pkg;
  }
  throw new Error('rtc-token-apis: package.json not found next to the package; reinstall the package');
}

/** A page of the repository's docs/ on the web: docs/ does not ship, so a relative link would be dead in node_modules. */
export function docsUrl(page: string): string {
  const web = (ownPackageJson().repository?.url ?? '').replace(/^git\+/, '').replace(/\.git$/, '');
  return `${web}/blob/main/docs/${page}`;
}
