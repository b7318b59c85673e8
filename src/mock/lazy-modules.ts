// Prism requires modules at load time that a mock serving static examples of
// OpenAPI documents never uses: @faker-js/faker (every locale: ~0.7 s, most
// of the cold start) only makes up data in dynamic mode, and
// postman-collection (with a faker of its own: ~0.2 s) only reads Postman
// collections. Each is registered as a lazy module (faker's `faker`/`default`
// exports are lazy objects too, as Prism hands them to json-schema-faker at
// load time): the real module loads the first time anything reads from it,
// and never otherwise. Import this before @stoplight/prism-http.
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
// http-spec reads Postman collections with it, behind a plain `require`.
registerLazy(createRequire(prismRequire.resolve('@stoplight/http-spec')), 'postman-collection', []);
