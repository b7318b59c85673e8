// Prism requires @faker-js/faker (every locale: ~0.7 s, most of the mock's
// cold start) only to make up data in dynamic mode, and hands the faker
// object to json-schema-faker at load time. This mock serves static examples,
// so faker is registered as a lazy module whose `faker`/`default` exports are
// lazy objects too: the real module loads the first time anything reads from
// it, and never otherwise. Import this before @stoplight/prism-http.
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

function registerLazy(from: NodeJS.Require, id: string, objectExports: string[]): void {
  const path = from.resolve(id);
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
  placeholder.exports = lazyObject(load, new Map(objectExports.map((key) => [key, lazyObject(() => load()[key] as Bag)])));
  from.cache[path] = placeholder;
}

// `__filename` in the CommonJS build, where import.meta is empty.
const prismRequire = createRequire(createRequire(typeof __filename === 'string' ? __filename : import.meta.url).resolve('@stoplight/prism-http'));
registerLazy(prismRequire, '@faker-js/faker', ['default', 'faker']);
