// The credentials an operation requires: its own `security`, or the
// document's. Any change, including to a scheme's definition, breaks the
// clients that send the old credentials.
import { child } from '../../openapi-doc/pointer.js';
import type { OperationRule } from './operation-context.js';
import type { Obj } from './schema-context.js';

/** A canonical, order-free description of what an operation accepts. */
function describeSecurity(operation: Obj, document: Obj): string {
  const requirements = (operation.security ?? document.security ?? []) as Array<Record<string, string[]>>;
  const schemes = (document.components?.securitySchemes ?? {}) as Record<string, Obj>;
  const describeScheme = (name: string, scopes: string[]) => {
    const { type, scheme, in: where, name: field, bearerFormat, openIdConnectUrl } = schemes[name] ?? {};
    const parts = [type, scheme, where, field, bearerFormat, openIdConnectUrl].filter(Boolean).join(' ');
    return `${name} (${parts || 'undefined scheme'})${scopes.length ? ` [${[...scopes].sort().join(', ')}]` : ''}`;
  };
  const alternatives = requirements.map((req) => {
    const names = Object.keys(req).sort();
    return names.length ? names.map((n) => describeScheme(n, req[n] ?? [])).join(' + ') : 'anonymous';
  });
  return [...new Set(alternatives)].sort().join(' or ') || 'none';
}

export const securityRule: OperationRule = ({ base, head, baseDocument, headDocument, report }) => {
  const before = describeSecurity(base.operation, baseDocument);
  const after = describeSecurity(head.operation, headDocument);
  if (before === after) return;
  const at = head.operation.security ? child(head.pointer, 'security') : '/security';
  report.breaking(at, `security requirement changed from ${before} to ${after}: clients sending the old credentials may be refused`);
};
