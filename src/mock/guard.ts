// Who may talk to the mock. The mocked APIs are for frontends on any origin;
// the control plane (/__mock/*) is for local tools only. A web page must not
// read recorded requests or change the mock's state, neither from its own
// origin (no CORS on /__mock/*, and state changes need JSON, which makes a
// browser ask first: the mock refuses) nor by DNS rebinding a name of its own
// onto 127.0.0.1 (the Host allow-list: loopback names, IP addresses, the
// bound name and what the user adds).
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { isJsonMediaType } from '../core/media-type.js';
import { problem, type MockReply } from './responses.js';

/** The host name of a Host header (`name:port`, `[::1]:port`), lower-cased, without brackets or port. */
function hostName(header: string): string {
  const host = header.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') === -1 ? undefined : host.indexOf(']'));
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/**
 * Whether a request may be served, judged by its Host header. IP addresses
 * are never a rebinding (a page cannot own one by DNS), nor are `localhost`
 * and `*.localhost` (browsers resolve them to loopback themselves); any other
 * name must be `bound` or listed in `extra` (`.example.test` allows that name
 * and its subdomains). A request without a Host header comes from no browser.
 */
export function hostAllowList(bound: string | undefined, extra: readonly string[] = []): (hostHeader: string | undefined) => boolean {
  const names = new Set([bound, ...extra].filter((n): n is string => !!n).map((n) => hostName(n)));
  const suffixes = [...names].filter((n) => n.startsWith('.'));
  return (header) => {
    if (header === undefined) return true;
    const name = hostName(header);
    if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost') || names.has(name)) return true;
    return suffixes.some((s) => name.endsWith(s) || name === s.slice(1));
  };
}

export function hostRefused(header: string): MockReply {
  const name = hostName(header);
  return problem(
    403,
    'Host not allowed',
    `this mock answers to loopback names, IP addresses and the name it was started with, not "${name}" (a web page could rebind such a name to this machine); if you reach it by that name, start it with --allow-host ${name} (startMockServer({ allowedHosts: ['${name}'] }))`,
  );
}

/** Same origin: the request's Origin names the host it was sent to (a browser sends it on POSTs and CORS requests). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host?.toLowerCase();
  } catch {
    return false; // `null` (a sandboxed page, a file) or garbage
  }
}

/**
 * The control plane's own gate, before any control runs: no preflight is
 * granted, another origin is refused, and a state change must be JSON
 * (a browser sends JSON across origins only after a preflight, refused here).
 */
export function controlRefusal(req: IncomingMessage): MockReply | undefined {
  if (req.method === 'OPTIONS')
    return problem(
      403,
      'Mock controls are not for web pages',
      'the /__mock/ controls grant no CORS preflight: call them from a test runner or a tool, not a page',
    );
  if (!sameOrigin(req)) return problem(403, 'Mock controls are not for web pages', 'a request from another origin may not use the /__mock/ controls');
  if (req.method !== 'GET' && req.method !== 'HEAD' && !isJsonMediaType(req.headers['content-type']))
    return problem(
      415,
      'Mock controls take JSON',
      'send the control with Content-Type: application/json (a JSON body; `{}` for POST /__mock/reset), as connectMock() does',
    );
  return undefined;
}
