// Locates the bundled documents shipped in generated/bundled/, both from the
// source tree (src/openapi-doc) and from the built package (dist/src/openapi-doc). Node only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
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

const bundledDir = () => join(packageRoot(), 'generated', 'bundled');

/** The names of the bundled APIs (signalwire-video, proconf-app, ...), without reading them. */
export function bundledSpecNames(): string[] {
  return readdirSync(bundledDir())
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => f.replace(/\.json$/, ''));
}

/** One bundled API document, freshly parsed (callers such as Prism may mutate it). */
export function loadBundledSpec(name: string): BundledSpec {
  return { name, document: JSON.parse(readFileSync(join(bundledDir(), `${name}.json`), 'utf8')) };
}

/** Every bundled API document, by name. */
export function loadBundledSpecs(): BundledSpec[] {
  return bundledSpecNames().map(loadBundledSpec);
}
