// Reads this package's own package.json (version, peer dependency ranges,
// repository) from wherever the code runs: src/ in the repo, dist/ when
// installed, or the tools package's bundle (packages/tools), which has no
// rtc-token-apis package.json beside it: its build compiles the facts in.
// Also the name of the bin being run, which that build decides.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OwnPackageJson {
  name: string;
  version: string;
  peerDependencies?: Record<string, string>;
  repository?: { url: string };
}

/** Set (esbuild `define`) only by scripts/build-tools.ts: the client's package.json facts. */
declare const __RTC_TOKEN_APIS_TOOLS_BUNDLE__: { manifest: OwnPackageJson } | undefined;

/** True in the tools package's bundle, whose tools carry their dependencies inside. */
export const inToolsBundle = (): boolean => typeof __RTC_TOKEN_APIS_TOOLS_BUNDLE__ === 'object';

/** The bin being run, named by every usage text, error prefix and hint: a copied usage line must run the same program. */
export const PROGRAM = inToolsBundle() ? 'rtc-token-apis-tools' : 'rtc-token-apis';

const here = fileURLToPath(import.meta.url);

export function ownPackageJson(): OwnPackageJson {
  if (typeof __RTC_TOKEN_APIS_TOOLS_BUNDLE__ === 'object') return __RTC_TOKEN_APIS_TOOLS_BUNDLE__.manifest;
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
