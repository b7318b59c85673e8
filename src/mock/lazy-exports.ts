// Which modules Prism requires at load time that the mock never runs, and the
// stand-in each gets: an object that loads the real module the first time
// anything reads from it. Pure data and one builder, used twice: at run time
// in a node_modules install (lazy-modules.ts, through the require cache) and
// at build time in the tools package's bundle (scripts/lib/tools-bundle.ts,
// an esbuild plugin).

type Bag = Record<PropertyKey, unknown>;

export interface LazyModuleSpec {
  /** The name Prism (or one of its dependencies) requires. */
  id: string;
  /** Who requires it: each package resolved from the one before, starting at the mock. */
  via: readonly string[];
  /** Exports read at load time, so lazy objects themselves (faker's `faker`/`default`, handed to json-schema-faker). */
  objectExports?: readonly string[];
  /** For an export used only through static methods, by a bundle that copies its keys at load (a proxy would load it there). */
  statics?: readonly string[];
}

export const LAZY_MODULE_SPECS: readonly LazyModuleSpec[] = [
  // Every locale: ~0.7 s, most of the cold start; only makes up data in dynamic mode.
  { id: '@faker-js/faker', via: ['@stoplight/prism-http'], objectExports: ['default', 'faker'] },
  // http-spec reads Postman collections with it (with a faker of its own: ~0.2 s), behind a plain `require`.
  { id: 'postman-collection', via: ['@stoplight/prism-http', '@stoplight/http-spec'] },
  // json-schema-faker (dynamic mode only) resolves $refs with the old
  // json-schema-ref-parser (and its YAML parser: ~0.1 s), calling only its static `bundle`.
  { id: 'json-schema-ref-parser', via: ['@stoplight/prism-http', 'json-schema-faker'], statics: ['parse', 'resolve', 'bundle', 'dereference'] },
];

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

/** The stand-in for a module as `spec` describes it; `load` returns the real module (called once at most by the caller's caching). */
export function lazyExports(load: () => Bag, spec: Pick<LazyModuleSpec, 'objectExports' | 'statics'>): unknown {
  let real: Bag | undefined;
  const once = () => (real ??= load());
  if (spec.statics?.length) {
    return Object.fromEntries(
      spec.statics.map((name) => [
        name,
        (...args: unknown[]) => {
          const module = once();
          return (module[name] as (...a: unknown[]) => unknown).apply(module, args);
        },
      ]),
    );
  }
  return lazyObject(once, new Map((spec.objectExports ?? []).map((key) => [key, lazyObject(() => once()[key] as Bag)])));
}
