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
function pathValues(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (!part.startsWith('{')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.slice(1, -1));
      return '([^/]+)';
    })
    .join('');
  const match = new RegExp(`^${source}$`).exec(path);
  if (!match) return undefined;
  try {
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
  } catch {
    return undefined;
  }
}

/**
 * The name of the request example this request equals (body, and every path
 * parameter that has an example of that name), if a response example shares it.
 */
export function pairedExample(operation: IHttpOperation, path: string, body: unknown): string | undefined {
  const responses = responseExampleNames(operation);
  const bodyExamples = named(operation.request?.body?.contents?.[0]?.examples);
  const params = (operation.request?.path ?? []).map((p) => ({ name: p.name, examples: named(p.examples) }));
  const candidates = new Set([...bodyExamples.map((e) => e.key), ...params.flatMap((p) => p.examples.map((e) => e.key))]);
  const values = params.length ? pathValues(operation.path, path) : {};
  for (const name of candidates) {
    if (!responses.has(name)) continue;
    const bodyExample = bodyExamples.find((e) => e.key === name);
    if (bodyExample && !isDeepStrictEqual(bodyExample.value, body)) continue;
    const paramsMatch = params.every((p) => {
      const ex = p.examples.find((e) => e.key === name);
      return !ex || values?.[p.name] === ex.value;
    });
    if (paramsMatch) return name;
  }
  return undefined;
}
