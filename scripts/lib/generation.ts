// Builds every file under generated/ in memory and compares it with the tree,
// so `generate` can write and `generate --check` can report, from one code path.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { listApis } from './apis.ts';
import { bundleApi, coreGenerators, type Artifact } from './artifacts.ts';
import { validatorGenerators } from './validators.ts';

export async function buildArtifacts(root: string): Promise<Map<string, string>> {
  const apis = await Promise.all(listApis(root).map(bundleApi));
  const outputs = await Promise.all([...coreGenerators, ...validatorGenerators].map((g) => g(apis)));
  return new Map(outputs.flat().map((a: Artifact) => [a.path, a.content]));
}

function filesUnder(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

export interface Drift {
  /** Files whose content differs from what the specs produce, or that are missing. */
  stale: string[];
  /** Files under generated/ that no spec produces. */
  extra: string[];
}

export function findDrift(root: string, wanted: Map<string, string>): Drift {
  const stale = [...wanted].filter(([p, c]) => !existsSync(join(root, p)) || readFileSync(join(root, p), 'utf8') !== c).map(([p]) => p);
  const extra = filesUnder(root, 'generated').filter((p) => !wanted.has(p));
  return { stale, extra };
}
