// Prism requires modules at load time that a mock serving static examples of
// OpenAPI documents never uses: @faker-js/faker (every locale: ~0.7 s, most
// of the cold start) only makes up data in dynamic mode, and
// postman-collection (with a faker of its own: ~0.2 s) only reads Postman
// collections, and the old json-schema-ref-parser only serves
// json-schema-faker, itself dynamic mode only. Each is registered as a lazy
// module (faker's `faker`/`default` exports are lazy objects too, as Prism
// hands them to json-schema-faker at load time): the real module loads the
// first time anything reads from it, and never otherwise. Import this before
// @stoplight/prism-http. It pays for the cold-start budget of bench:mock
// (bench/FINDINGS.md); tests/mock/lazy-modules-shape.test.ts fails when a
// Prism upgrade moves what it relies on. A module that no longer resolves is
// skipped: the mock then starts as slowly as Prism, but works.
import { createRequire, Module } from 'node:module';

type Bag = Record<PropertyKey, unknown>;

/**
 * An object that stands for `target()` and only calls it on first use. The
 * proxy's own target stays an empty object, so the engine's invariant checks
 * never touch the real one.
 */
function lazyObject(target: () => Bag, fixed: Map<PropertyKey, unknown> = new Map()): Bag {
  return new Proxy(
    {},
    {
      get: (_, key) => (fixed.has(key) ? fixed.get(key) : target()[key]),
      has: (_, key) => key in target(),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(target(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

/** What was registered (or skipped, and why), for the test that guards this trick. */
export const LAZY_MODULES: { id: string; path?: string; objectExports: string[]; statics: string[]; skipped?: string }[] = [];

/** Puts `exports(load)` in the module cache at `id`'s path; `load` requires the real module, once. */
function register(from: NodeJS.Require, id: string, exports: (load: () => Bag) => unknown, shape: { objectExports?: string[]; statics?: string[] }): void {
  const entry: (typeof LAZY_MODULES)[number] = { id, objectExports: shape.objectExports ?? [], statics: shape.statics ?? [] };
  LAZY_MODULES.push(entry);
  let path: string;
  try {
    path = entry.path = from.resolve(id);
  } catch (error) {
    entry.skipped = (error as Error).message;
    return;
  }
  if (from.cache[path]) return;
  let real: Bag | undefined;
  const load = (): Bag => {
    if (!real) {
      delete from.cache[path];
      real = from(path) as Bag;
    }
    return real;
  };
  const placeholder = new Module(path);
  placeholder.filename = path;
  placeholder.loaded = true;
  placeholder.exports = exports(load);
  from.cache[path] = placeholder;
}

/** A module that stands for the real one, loaded on first use; `objectExports` are lazy objects too. */
function registerLazy(from: NodeJS.Require, id: string, objectExports: string[]): void {
  register(from, id, (load) => lazyObject(load, new Map(objectExports.map((key) => [key, lazyObject(() => load()[key] as Bag)]))), { objectExports });
}

/**
 * A module whose export is used only through static methods, by a bundle
 * that copies its keys at load (a proxy would load it there): a plain object
 * with those methods, each loading the real module on its first call.
 */
function registerStatics(from: NodeJS.Require, id: string, statics: string[]): void {
  register(
    from,
    id,
    (load) =>
      Object.fromEntries(
        statics.map((name) => [
          name,
          (...args: unknown[]) => {
            const real = load();
            return (real[name] as (...a: unknown[]) => unknown).apply(real, args);
          },
        ]),
      ),
    { statics },
  );
}

/** `id` as `parent` resolves it, or undefined (a moved package: its lazy modules are skipped). */
function requireOf(parent: NodeJS.Require, id: string): NodeJS.Require | undefined {
  try {
    return createRequire(parent.resolve(id));
  } catch {
    return undefined;
  }
}

const skip = (id: string, why: string) => LAZY_MODULES.push({ id, objectExports: [], statics: [], skipped: why });
const prismRequire = requireOf(createRequire(import.meta.url), '@stoplight/prism-http');
const specRequire = prismRequire && requireOf(prismRequire, '@stoplight/http-spec');
const jsfRequire = prismRequire && requireOf(prismRequire, 'json-schema-faker');
if (prismRequire) registerLazy(prismRequire, '@faker-js/faker', ['default', 'faker']);
else skip('@faker-js/faker', '@stoplight/prism-http does not resolve');
// http-spec reads Postman collections with it, behind a plain `require`.
if (specRequire) registerLazy(specRequire, 'postman-collection', []);
else skip('postman-collection', '@stoplight/http-spec does not resolve from prism-http');
// json-schema-faker (dynamic mode only) resolves $refs with the old
// json-schema-ref-parser (and its YAML parser: ~0.1 s), calling only its static `bundle`.
if (jsfRequire) registerStatics(jsfRequire, 'json-schema-ref-parser', ['parse', 'resolve', 'bundle', 'dereference']);
else skip('json-schema-ref-parser', 'json-schema-faker does not resolve from prism-http');
