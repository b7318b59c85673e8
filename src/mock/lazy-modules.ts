// Prism requires modules at load time that a mock serving static examples of
// OpenAPI documents never uses (lazy-exports.ts lists them and why). Each is
// registered in Prism's CommonJS module cache as a stand-in: the real module
// loads the first time anything reads from it, and never otherwise. Import
// this before @stoplight/prism-http. It pays for the cold-start budget of
// bench:mock (bench/FINDINGS.md); tests/mock/lazy-modules-shape.test.ts fails
// when a Prism upgrade moves what it relies on. A module that no longer
// resolves is skipped: the mock then starts as slowly as Prism, but works.
// The tools package's bundle has no module cache to rewrite: its build puts
// the same stand-ins in at bundle time.
import { createRequire, Module } from 'node:module';
import { inToolsBundle } from '../tools/package-json.js';
import { LAZY_MODULE_SPECS, lazyExports, type LazyModuleSpec } from './lazy-exports.js';

/** What was registered (or skipped, and why), for the test that guards this trick. */
export const LAZY_MODULES: { id: string; path?: string; objectExports: readonly string[]; statics: readonly string[]; skipped?: string }[] = [];

/** `spec.id` as the last of `spec.via` resolves it (each resolved from the one before), or why not. */
function requirerOf(spec: LazyModuleSpec): NodeJS.Require | string {
  let from = createRequire(import.meta.url);
  for (const id of spec.via) {
    try {
      from = createRequire(from.resolve(id));
    } catch {
      return `${id} does not resolve`;
    }
  }
  return from;
}

/** Puts the stand-in for `spec` in the module cache at the path its requirer resolves; the real module is required once, on first use. */
function register(spec: LazyModuleSpec): void {
  const entry: (typeof LAZY_MODULES)[number] = { id: spec.id, objectExports: spec.objectExports ?? [], statics: spec.statics ?? [] };
  LAZY_MODULES.push(entry);
  const from = requirerOf(spec);
  if (typeof from === 'string') {
    entry.skipped = from;
    return;
  }
  let path: string;
  try {
    path = entry.path = from.resolve(spec.id);
  } catch (error) {
    entry.skipped = (error as Error).message;
    return;
  }
  if (from.cache[path]) return;
  const placeholder = new Module(path);
  placeholder.filename = path;
  placeholder.loaded = true;
  placeholder.exports = lazyExports(() => {
    delete from.cache[path];
    return from(path);
  }, spec);
  from.cache[path] = placeholder;
}

if (!inToolsBundle()) for (const spec of LAZY_MODULE_SPECS) register(spec);
