// Every API declared in a tree's redocly.yaml, bundled and dereferenced: the
// working tree directly, a git ref through a temporary checkout of its specs.
import { existsSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { listApis } from '../apis.ts';
import { bundleApi } from '../artifacts.ts';
import { dereference } from '../docs/dereference.ts';
import { GateError } from './errors.ts';
import { extractAt, resolveCommit, withTempDir } from './git-tree.ts';
import type { Obj } from './rules/schema-context.ts';

export async function loadSpecs(root: string): Promise<Map<string, Obj>> {
  if (!existsSync(`${root}/redocly.yaml`)) throw new GateError(`no redocly.yaml in ${root}`);
  const apis = await Promise.all(listApis(root).map(async (api) => {
    if (!existsSync(api.root)) throw new GateError(`${api.name}: root document ${relative(root, api.root)} does not exist`);
    const bundled = await bundleApi(api).catch((error: Error) => {
      throw new GateError(error.message);
    });
    return [api.name, dereference(bundled.document) as Obj] as const;
  }));
  return new Map(apis);
}

/**
 * The specs at a git ref: redocly.yaml first, then the whole directory of every
 * API root it declares (e.g. all of openapi/), so cross-file $refs resolve.
 */
export async function loadSpecsAtRef(repo: string, ref: string): Promise<Map<string, Obj>> {
  const commit = resolveCommit(repo, ref);
  return withTempDir(async (dir) => {
    try {
      extractAt(repo, commit, ['redocly.yaml'], dir);
    } catch {
      throw new GateError(`no redocly.yaml at ${ref}: nothing to compare against`);
    }
    const folders = [...new Set(listApis(dir).map((api) => relative(dir, dirname(api.root)) || '.'))];
    extractAt(repo, commit, folders, dir);
    return loadSpecs(dir);
  });
}
