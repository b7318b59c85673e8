// The mock, `verify`, the breaking-change gate and the Redis token store need
// packages (Prism, Ajv, yaml, redis) that a client install
// must not pull in, so they are optional peer dependencies. Before loading
// them, these features check they are there and, if not, fail with one typed
// error that says exactly what to install (versions read from package.json:
// each peer range is `^<tested version>`), and for the bin's tools the one
// command that needs nothing installed (the rtc-token-apis-tools package).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { inToolsBundle, ownPackageJson } from './package-json.js';

/** What each optional feature needs, besides the clients' own dependencies. */
const FEATURE_PEERS = {
  mock: ['@stoplight/prism-core', '@stoplight/prism-http', 'swagger-ui-dist'],
  verify: ['ajv', 'ajv-formats'],
  breaking: ['yaml'],
  createRedisTokenStore: ['redis'],
} as const;
export type Feature = keyof typeof FEATURE_PEERS;

/** The package whose dependencies are every tool's peers (packages/tools): `npx` it and nothing need be installed. */
const TOOLS_PACKAGE = 'rtc-token-apis-tools';
/** Features that are also a command of the bin, so `npx rtc-token-apis-tools <feature>` runs them. */
const COMMANDS: readonly Feature[] = ['mock', 'verify', 'breaking'];

/** An optional feature was used without the packages it needs. `install` is the command that fixes it. */
export class MissingDependencyError extends Error {
  readonly kind = 'missing-dependency' as const;
  readonly feature: Feature;
  readonly packages: readonly string[];
  readonly install: string;
  constructor(feature: Feature, packages: readonly string[]) {
    const install = `npm install --save-exact ${packages.join(' ')}`;
    const npx = COMMANDS.includes(feature) ? ` (or, with nothing installed: npx ${TOOLS_PACKAGE} ${feature})` : '';
    super(
      `rtc-token-apis ${feature} needs ${packages.length === 1 ? 'a package' : 'packages'} that ${packages.length === 1 ? 'is' : 'are'} not installed: ${packages.join(', ')}. Install with: ${install}${npx}`,
    );
    this.name = 'MissingDependencyError';
    this.feature = feature;
    this.packages = packages;
    this.install = install;
  }
}

const here = fileURLToPath(import.meta.url);

/** Throws MissingDependencyError unless every package `feature` needs resolves from this package. */
export function requirePeers(feature: Feature): void {
  // The tools package's bundle carries every command's packages inside it (nothing to resolve on disk).
  if (inToolsBundle() && COMMANDS.includes(feature)) return;
  const require = createRequire(here);
  const missing = FEATURE_PEERS[feature].filter((name) => {
    try {
      require.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) throw missingDependency(feature, missing);
}

/** The error for `feature` missing `packages` (default: all it needs), each with the version this package was tested with. */
export function missingDependency(feature: Feature, packages: readonly string[] = FEATURE_PEERS[feature]): MissingDependencyError {
  const ranges = ownPackageJson().peerDependencies ?? {};
  // A peer range `^5.8.0` accepts later minors; 5.8.0 is the one the tests ran.
  const tested = (name: string) => ranges[name]?.replace(/^\^/, '');
  return new MissingDependencyError(
    feature,
    packages.map((name) => (tested(name) ? `${name}@${tested(name)}` : name)),
  );
}
