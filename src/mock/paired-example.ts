// Contract tools (Specmatic among them) pair request and response examples by
// name: the request example `not_found` should get the 404 example `not_found`.
// A request equal to a named request example is answered with the response
// example of the same name, so every documented status is reachable without
// a `Prefer` header. An explicit `Prefer`/`?__example` still wins.
import { isDeepStrictEqual } from 'node:util';
import type { IHttpOperation } from '@stoplight/types';

type Named = { key: string; value: unknown };

const named = (examples: unknown): Named[] =>
  ((examples ?? []) as { key?: string; value?: unknown }[]).filter((e): e is Named => typeof e.key === 'string' && 'value' in e);

function responseExampleNames(operation: IHttpOperation): Set<string> {
  return new Set(operation.responses.flatMap((r) => (r.contents ?? []).flatMap((c) => named(c.examples).map((e) => e.key))));
}

/** Names of the operation's request examples (body and path parameters). */
export function requestExampleNames(operation: IHttpOperation): Set<string> {
  const body = named(operation.request?.body?.contents?.[0]?.examples).map((e) => e.key);
  return new Set([...body, ...(operation.request?.path ?? []).flatMap((p) => named(p.examples).map((e) => e.key))]);
}

/** Path parameter values by name, read with the operation's own template. */
function pathReader(template: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (!part.startsWith('{')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.slice(1, -1));
      return '([^/]+)';
    })
    .join('');
  const regex = new RegExp(`^${source}$`);
  return (path) => {
    const match = regex.exec(path);
    if (!match) return undefined;
    try {
      return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
    } catch {
      return undefined;
    }
  };
}

interface Pairing {
  /** Request example names a response example shares, in the order they are tried. */
  names: { name: string; body?: Named; params: { name: string; value: unknown }[] }[];
  readPath?: (path: string) => Record<string, string> | undefined;
}

/** The operation's examples read once: a request asks only to be compared with them. */
const pairings = new WeakMap<IHttpOperation, Pairing>();

function pairingOf(operation: IHttpOperation): Pairing {
  const cached = pairings.get(operation);
  if (cached) return cached;
  const responses = responseExampleNames(operation);
  const bodyExamples = named(operation.request?.body?.contents?.[0]?.examples);
  const params = (operation.request?.path ?? []).map((p) => ({ name: p.name, examples: named(p.examples) }));
  const candidates = new Set([...bodyExamples.map((e) => e.key), ...params.flatMap((p) => p.examples.map((e) => e.key))]);
  const pairing: Pairing = {
    names: [...candidates]
      .filter((name) => responses.has(name))
      .map((name) => ({
        name,
        body: bodyExamples.find((e) => e.key === name),
        params: params.flatMap((p) =>
          p.examples
            .filter((e) => e.key === name)
            .slice(0, 1)
            .map((e) => ({ name: p.name, value: e.value })),
        ),
      })),
    ...(params.length > 0 && { readPath: pathReader(operation.path) }),
  };
  pairings.set(operation, pairing);
  return pairing;
}

/**
 * The name of the request example this request equals (body, and every path
 * parameter that has an example of that name), if a response example shares it.
 */
export function pairedExample(operation: IHttpOperation, path: string, body: unknown): string | undefined {
  const { names, readPath } = pairingOf(operation);
  if (names.length === 0) return undefined;
  const values = readPath ? readPath(path) : {};
  for (const { name, body: bodyExample, params } of names) {
    if (bodyExample && !isDeepStrictEqual(bodyExample.value, body)) continue;
    if (params.every((p) => values?.[p.name] === p.value)) return name;
  }
  return undefined;
}
