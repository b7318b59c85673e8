// The two package.json files this repository publishes, kept in step: the
// client's optional peers are `^` ranges whose lower bound is the exact
// version the repo tests with; the tools package has the client's version and
// no dependencies at all (its `prepack` bundles the bin with the tested
// versions, which the repo pins); both name the repository.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
interface Manifest {
  name: string;
  version: string;
  workspaces?: string[];
  repository: { url: string; directory?: string };
  homepage: string;
  bugs: { url: string };
  bin: Record<string, string>;
  files?: string[];
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
}
const read = (path: string) => JSON.parse(readFileSync(join(repo, path), 'utf8')) as Manifest;
const client = read('package.json');
const tools = read('packages/tools/package.json');
const EXACT = /^\d+\.\d+\.\d+$/;

it('every optional peer of the client is a ^ range starting at the exact version the repo tests with', () => {
  const peers = Object.entries(client.peerDependencies ?? {});
  expect(peers.length).toBeGreaterThanOrEqual(7);
  for (const [name, range] of peers) {
    expect(range, name).toBe(`^${client.devDependencies?.[name]}`);
    expect(client.peerDependenciesMeta?.[name]?.optional, name).toBe(true);
  }
});

it("the repo's own dev dependencies stay exact (the one link is the client itself, for the tools workspace)", () => {
  const loose = Object.entries(client.devDependencies ?? {}).filter(
    ([name, version]) => !EXACT.test(version) && !(name === client.name && version === 'file:.'),
  );
  expect(loose).toEqual([]);
  expect(client.workspaces).toEqual(['packages/*']);
});

it('the tools package: same version, one bin, no dependencies; it ships its bin, the bundle its prepack builds and the notices', () => {
  expect(tools.name).toBe('rtc-token-apis-tools');
  expect(tools.version).toBe(client.version);
  expect(tools.bin).toEqual({ 'rtc-token-apis-tools': './bin.js' });
  // npx fetches one tarball: everything the tools load is inside it.
  expect(tools.dependencies).toBeUndefined();
  expect(tools.peerDependencies).toBeUndefined();
  expect(tools.optionalDependencies).toBeUndefined();
  expect(tools.files).toEqual(['bin.js', 'dist', 'THIRD-PARTY-NOTICES.md']);
  expect(tools.scripts?.prepack).toMatch(/scripts\/build-tools\.ts$/);
  // The bundle holds the client's code and the tool peers at the versions the repo pins and tests.
  for (const name of Object.keys(client.peerDependencies ?? {})) expect(client.devDependencies?.[name], name).toMatch(EXACT);
});

it('both name the repository, a homepage and where to file bugs', () => {
  for (const m of [client, tools]) {
    expect(m.repository.url).toMatch(/^git\+https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
    const web = m.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    expect(m.homepage.startsWith(web)).toBe(true);
    expect(m.bugs.url).toBe(`${web}/issues`);
  }
  expect(tools.repository.url).toBe(client.repository.url);
  expect(tools.repository.directory).toBe('packages/tools');
});
