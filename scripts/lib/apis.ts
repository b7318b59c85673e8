// The list of APIs comes from redocly.yaml, the one place every API is declared.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ApiEntry {
  /** Name used for file names under generated/, e.g. `signalwire-video`. */
  name: string;
  /** Absolute path of the hand-written root document. */
  root: string;
}

export function listApis(root = repoRoot): ApiEntry[] {
  const config = parse(readFileSync(join(root, 'redocly.yaml'), 'utf8')) as {
    apis: Record<string, { root: string }>;
  };
  return Object.entries(config.apis).map(([name, api]) => ({ name, root: join(root, api.root) }));
}
