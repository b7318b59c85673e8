// The credentials an operation requires: its own `security`, or the
// document's. A security list is alternatives (OR) of requirements (AND of
// schemes, each with its OAuth scopes). A client that satisfied one old
// alternative is still served when some new alternative asks for no more:
// a subset of the schemes, each with a subset of the scopes, each scheme
// defined the same way. So adding an alternative, dropping a scheme from a
// requirement or dropping a scope loosens; anything else breaks.
import { child, pointer } from '../../openapi-doc/pointer.js';
import { quoteList, type Reporter } from '../change.js';
import type { OperationRule } from './operation-context.js';
import type { Obj } from './schema-context.js';

type Requirement = Map<string, Set<string>>;

function requirementsOf(operation: Obj, document: Obj): Requirement[] {
  const list = (operation.security ?? document.security ?? []) as Array<Record<string, unknown>>;
  // No requirement at all (or `security: []`): anonymous calls are accepted.
  if (!list.length) return [new Map()];
  return list.map((req) => new Map(Object.entries(req ?? {}).map(([name, scopes]) => [name, new Set(Array.isArray(scopes) ? scopes.map(String) : [])])));
}

/** What a client must do for a scheme, without its documentation and URLs (those are the scheme rule's). */
function schemeIdentity(document: Obj, name: string): string {
  const scheme = (document.components?.securitySchemes?.[name] ?? {}) as Obj;
  const { type, in: where, name: field, openIdConnectUrl } = scheme;
  const flows = Object.keys((scheme.flows ?? {}) as Obj).sort();
  return JSON.stringify([type, typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : undefined, where, field, openIdConnectUrl, flows]);
}

function describe(requirement: Requirement): string {
  if (!requirement.size) return 'anonymous';
  return [...requirement]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, scopes]) => `${name}${scopes.size ? ` [${[...scopes].sort().join(', ')}]` : ''}`)
    .join(' + ');
}

export const securityRule: OperationRule = ({ base, head, baseDocument, headDocument, report }) => {
  const before = requirementsOf(base.operation, baseDocument);
  const after = requirementsOf(head.operation, headDocument);
  const at = head.operation.security ? child(head.pointer, 'security') : '/security';
  /** `next` asks for no more than `old`. */
  const satisfiedBy = (old: Requirement, next: Requirement) =>
    [...next].every(
      ([name, scopes]) =>
        old.has(name) && schemeIdentity(baseDocument, name) === schemeIdentity(headDocument, name) && [...scopes].every((s) => old.get(name)!.has(s)),
    );
  const [was, is] = [before.map(describe).join(' or '), after.map(describe).join(' or ')];
  for (const old of before) {
    if (after.some((next) => satisfiedBy(old, next))) continue;
    // Say what changed: the requirement, or how a scheme sends credentials (same names, another definition).
    const redefined = [...old.keys()].filter((name) => schemeIdentity(baseDocument, name) !== schemeIdentity(headDocument, name));
    const why = [was === is ? '' : `changed from ${was} to ${is}`, redefined.length ? `${quoteList(redefined)} now defined differently` : '']
      .filter(Boolean)
      .join('; ');
    report.breaking(at, `security alternative ${describe(old)} no longer enough (${why}): clients sending those credentials are refused`);
  }
  const known = new Set(before.map(describe));
  for (const next of after) if (!known.has(describe(next))) report.info(at, `security alternative ${describe(next)} accepted`);
};

const URL_KEYS = ['authorizationUrl', 'tokenUrl', 'refreshUrl'] as const;

/** OAuth flow URLs of schemes both versions define: where clients get and refresh tokens. */
export function compareSecuritySchemes(baseDocument: Obj, headDocument: Obj, report: Reporter): void {
  const [before, after] = [(baseDocument.components?.securitySchemes ?? {}) as Obj, (headDocument.components?.securitySchemes ?? {}) as Obj];
  for (const [name, scheme] of Object.entries(before)) {
    const flows = (scheme?.flows ?? {}) as Obj;
    const nextFlows = (after[name]?.flows ?? {}) as Obj;
    for (const [flow, urls] of Object.entries(flows)) {
      for (const key of URL_KEYS) {
        const [was, is] = [urls?.[key], nextFlows[flow]?.[key]];
        if (was === undefined || is === undefined || was === is) continue;
        report.info(
          pointer('components', 'securitySchemes', name, 'flows', flow, key),
          `OAuth ${flow} ${key} of \`${name}\` changed from \`${was}\` to \`${is}\`: clients configured with the old URL fail to get tokens`,
          'security-oauth-url-changed',
        );
      }
    }
  }
}
