// The shipped application-server handlers (src/server/), configured the way a
// deployment would and backed by the mock as their upstream, so Specmatic can
// run proconf-app.yaml and signalwire-app.yaml against real implementations,
// not only against the mock. Each documented error has its real cause here:
// - 401: a credential that is not a bearer token (every bearer is a signed-in user);
// - 401 on /proconfToken also: the role and room of the request example
//   `unauthorized`, which this deployment's policy refuses;
// - 403: the address of the guest request example `address_refused`, which this
//   deployment's guest policy does not grant;
// - 404: a wrong method (the spec's `x-wrong-method`); 400: an invalid body;
// - 500: the upstream fails. The ProCONF handler forwards the body as it is,
//   so the admin mock answers the request example `internal_server_error` with
//   its 500. The SignalWire handlers send bodies of their own (an `expire_at`
//   computed from the clock), so the upstream call made for the `internal_error`
//   request example's device or address asks the mock, with its `Prefer`
//   header, for the 500 SignalWire documents.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deref, type Json } from '../../src/openapi-doc/index.ts';
import { bearerToken, createProconfTokenHandler, createSignalWireTokenHandlers, toNodeListener } from '../../src/server/index.ts';
import { loadBundledSpec } from '../../src/openapi-doc/bundled.ts';

/** The APIs the shipped handlers implement. */
export const HANDLER_APIS = ['proconf-app', 'signalwire-app'] as const;

export interface HandlerServer {
  url: string;
  close(): Promise<void>;
}

/** The value of the named request example of the operation at `path` (POST). */
function requestExample(api: string, path: string, name: string): unknown {
  const doc = loadBundledSpec(api).document as Json;
  const body = deref(doc, doc.paths[path].post.requestBody);
  const example = body.content['application/json'].examples[name];
  if (!example) throw new Error(`${api}: POST ${path} has no request example ${name}`);
  return deref(doc, example).value;
}

/** One server: the SignalWire token endpoints under /signalwire/, the /proconfToken handler for every other path. */
export async function startHandlersForSpecmatic(upstreamUrl: string): Promise<HandlerServer> {
  const refused = requestExample('proconf-app', '/proconfToken', 'unauthorized') as { role: string; room: string };
  const proconf = createProconfTokenHandler({
    adminBaseUrl: upstreamUrl,
    logger: false,
    authorize: (request) => bearerToken(request) && { user: 'specmatic' },
    policy: (requested) => (requested.role === refused.role && requested.room === refused.room ? false : requested),
  });

  const refusedAddresses = (requestExample('signalwire-app', '/signalwire/tokens/guest', 'address_refused') as { allowed_addresses: string[] })
    .allowed_addresses;
  const failing = [
    (requestExample('signalwire-app', '/signalwire/tokens/subscriber', 'internal_error') as { fingerprint: string }).fingerprint,
    ...(requestExample('signalwire-app', '/signalwire/tokens/guest', 'internal_error') as { allowed_addresses: string[] }).allowed_addresses,
  ];
  const upstreamFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = await request.clone().text();
    if (failing.some((value) => body.includes(value))) request.headers.set('prefer', 'code=500');
    return fetch(request);
  };
  const signalwire = createSignalWireTokenHandlers({
    signalwire: { space: 'example', projectId: 'specmatic-project', apiToken: 'PTspecmatic', baseUrl: upstreamUrl, fetch: upstreamFetch },
    logger: false,
    authorize: (request) => bearerToken(request) && { user: 'specmatic' },
    subscriber: () => ({ reference: 'specmatic@example.net' }),
    guestPolicy: (requested) => requested.filter((a) => !refusedAddresses.includes(a.toLowerCase())),
  });

  const server = createServer(toNodeListener((request) => (new URL(request.url).pathname.startsWith('/signalwire/') ? signalwire(request) : proconf(request))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
