// The package's typed client call for one operation, shown beside the curl in
// the reference. Which client serves which API is this package's own fact;
// the method is the operation id in camelCase, the arguments its examples.
import type { IHttpOperation } from '@stoplight/types';
import { DEMO_CREDENTIALS } from '../curl.js';

const [projectId, apiToken] = DEMO_CREDENTIALS.basic.split(':') as [string, string];

/** API name -> how to construct its client against `baseUrl`. */
const CLIENTS: Record<string, { module: string; factory: string; options: (baseUrl: string) => string }> = {
  'signalwire-video': {
    module: 'rtc-token-apis/signalwire',
    factory: 'createSignalWireClient',
    options: (u) => `{ projectId: '${projectId}', apiToken: '${apiToken}', baseUrl: '${u}' }`,
  },
  'signalwire-fabric': {
    module: 'rtc-token-apis/signalwire',
    factory: 'createSignalWireClient',
    options: (u) => `{ projectId: '${projectId}', apiToken: '${apiToken}', baseUrl: '${u}' }`,
  },
  'proconf-app': {
    module: 'rtc-token-apis/proconf',
    factory: 'createProconfAppClient',
    options: (u) => `{ baseUrl: '${u}', credentials: () => '${DEMO_CREDENTIALS.bearer}' }`,
  },
  'proconf-admin': { module: 'rtc-token-apis/proconf', factory: 'createProconfAdminClient', options: (u) => `{ baseUrl: '${u}' }` },
};

/** Whether this package has a typed client for the API (the reference then shows its call). */
export const hasTypedClient = (api: string): boolean => api in CLIENTS;

const camel = (id: string) => id.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function firstValue(node: { examples?: Array<{ value?: unknown }> } | undefined): unknown {
  return node?.examples?.find((e) => 'value' in e)?.value;
}

/** A TypeScript snippet, or undefined when the package has no typed client for this API. */
export function clientCall(api: string, operation: IHttpOperation, baseUrl: string): string | undefined {
  const client = CLIENTS[api];
  if (!client) return undefined;
  const pathArgs = (operation.request?.path ?? []).map((p) => JSON.stringify(firstValue(p as never) ?? `<${p.name}>`).replace(/"/g, "'"));
  const body = firstValue(operation.request?.body?.contents?.[0] as never);
  const args = [...pathArgs, ...(body === undefined ? [] : [JSON.stringify(body)])].join(', ');
  return [
    `import { ${client.factory} } from '${client.module}';`,
    '',
    `const client = ${client.factory}(${client.options(baseUrl)});`,
    `const result = await client.${camel(operation.iid ?? operation.id)}(${args});`,
  ].join('\n');
}
