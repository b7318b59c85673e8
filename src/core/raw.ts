// The raw clients a service exposes for `{ data, error }` style calls: plain
// openapi-fetch clients with the package's middleware (auth, deadline, size
// cap, no redirects) attached first. One per API (middleware added to one
// never runs for another); what a user adds is remembered so `defaults()`
// carries it to the new client.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { CallContext } from './call.js';
import { createClientMiddleware } from './transport.js';

/** The middleware a user added to each raw client, by API; handed from a client to its `defaults()` copies. */
export type RawMiddleware = Map<string, Middleware[]>;

/** The package's middleware for one client context: its timeout, cap, per-call headers and secrets. */
export function contextMiddleware(ctx: CallContext): Middleware {
  return createClientMiddleware({ timeoutMs: ctx.timeoutMs, maxResponseBytes: ctx.maxResponseBytes, headers: ctx.headers, secrets: ctx.secrets });
}

/** A raw client over the context with `policy` first, recording the user's `use`/`eject` in `middleware`. */
export function rawClient<Paths extends {}>(ctx: CallContext, policy: Middleware, api: string, middleware: RawMiddleware): Client<Paths> {
  const client = createClient<Paths>({ baseUrl: ctx.baseUrl, fetch: ctx.fetch as typeof globalThis.fetch, headers: ctx.staticHeaders, redirect: 'manual' });
  client.use(policy);
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
    for (const m of removed) if (list.includes(m) && m !== policy) list.splice(list.indexOf(m), 1);
    eject(...removed);
  };
  return client;
}

/** A copy of the middleware lists, so a `defaults()` client's additions stay its own. */
export function copyMiddleware(middleware: RawMiddleware): RawMiddleware {
  return new Map([...middleware].map(([api, list]) => [api, [...list]]));
}
