// Locates the bundled documents shipped in generated/bundled/, both from the
// source tree (src/mock) and from the built package (dist/src/mock).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'generated', 'bundled'))) return dir;
    dir = resolve(dir, '..');
  }
  throw new Error('rtc-token-apis: generated/bundled/ not found next to the package; reinstall the package');
}

export interface BundledSpec {
  name: string;
  document: Record<string, unknown>;
}

/** Every bundled API document, by name (signalwire-video, proconf-app, ...). */
export function loadBundledSpecs(): BundledSpec[] {
  const dir = join(packageRoot(), 'generated', 'bundled');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), document: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
}
