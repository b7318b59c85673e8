// A ready-to-paste curl for each operation, built from the spec's own
// examples, with demo credentials the mock accepts (it checks their shape only).
import type { IHttpOperation } from '@stoplight/types';

export const DEMO_CREDENTIALS = {
  basic: 'demo-project-id:demo-api-token',
  bearer: 'demo-user-session-token',
} as const;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function firstExample(node: { examples?: Array<{ value?: unknown }>; schema?: { examples?: unknown[] } } | undefined): unknown {
  return node?.examples?.find((e) => 'value' in e)?.value ?? node?.schema?.examples?.[0];
}

function authArgs(operation: IHttpOperation): string[] {
  // The first alternative; an empty one means the operation accepts anonymous calls.
  const scheme = operation.security?.[0]?.[0];
  if (!scheme) return [];
  if (scheme.type === 'http' && scheme.scheme === 'basic') return ['-u', quote(DEMO_CREDENTIALS.basic)];
  if (scheme.type === 'http' && scheme.scheme === 'bearer') return ['-H', quote(`Authorization: Bearer ${DEMO_CREDENTIALS.bearer}`)];
  if (scheme.type === 'apiKey' && scheme.in === 'header') return ['-H', quote(`${scheme.name}: demo-credential`)];
  return [];
}

/** The operation's path with each path parameter replaced by its example. */
function examplePath(operation: IHttpOperation): string {
  return operation.path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = firstExample(operation.request?.path?.find((p) => p.name === name) as never);
    return value === undefined ? whole : encodeURIComponent(String(value));
  });
}

/** @internal Takes a Prism operation: not in the declarations, so they compile without Prism. */
export function curlFor(baseUrl: string, operation: IHttpOperation): string {
  const body = firstExample(operation.request?.body?.contents?.[0] as never);
  const args = [
    'curl',
    '-sS',
    '-X',
    operation.method.toUpperCase(),
    quote(baseUrl + examplePath(operation)),
    ...authArgs(operation),
    ...(body === undefined ? [] : ['-H', quote('Content-Type: application/json'), '-d', quote(JSON.stringify(body))]),
  ];
  return args.join(' ');
}
