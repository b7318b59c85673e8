// The raw openapi-fetch clients a service exposes for `{ data, error }` style
// calls: one per API (middleware added to one never runs for another), and
// their middleware is remembered so `defaults()` carries it to the new client.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { CallContext } from './call.js';

/** The middleware added to each raw client, by API; handed from a client to its `defaults()` copies. */
export type RawMiddleware = Map<string, Middleware[]>;

export interface RawInit {
  baseUrl: string;
  staticHeaders?: Record<string, string>;
}

/** A raw client over the context's transport that records `use`/`eject` in `middleware`. */
export function rawClient<Paths extends {}>(ctx: CallContext, init: RawInit, api: string, middleware: RawMiddleware): Client<Paths> {
  const client = createClient<Paths>({
    baseUrl: init.baseUrl,
    fetch: ctx.rawTransport as typeof globalThis.fetch,
    headers: { Accept: 'application/json', ...init.staticHeaders },
    redirect: 'manual',
  });
  const list = middleware.get(api) ?? [];
  middleware.set(api, list);
  if (list.length) client.use(...list);
  const use = client.use.bind(client);
  const eject = client.eject.bind(client);
  client.use = (...added) => {
    list.push(...added);
    use(...added);
  };
  client.eject = (...removed) => {
    for (const m of removed) if (list.includes(m)) list.splice(list.indexOf(m), 1);
    eject(...removed);
  };
  return client;
}

/** A copy of the middleware lists, so a `defaults()` client's additions stay its own. */
export function copyMiddleware(middleware: RawMiddleware): RawMiddleware {
  return new Map([...middleware].map(([api, list]) => [api, [...list]]));
}
