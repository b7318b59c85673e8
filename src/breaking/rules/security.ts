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

const URL_KEYS = ['authorizationUrl', 'tokenUrl', 'refreshUrl'] as const;

function requirementsOf(operation: Obj, document: Obj): Requirement[] {
  const list = (operation.security ?? document.security ?? []) as Array<Record<string, unknown>>;
  // No requirement at all (or `security: []`): anonymous calls are accepted.
  if (!list.length) return [new Map()];
  return list.map((req) => new Map(Object.entries(req ?? {}).map(([name, scopes]) => [name, new Set(Array.isArray(scopes) ? scopes.map(String) : [])])));
}

const schemesOf = (document: Obj) => (document.components?.securitySchemes ?? {}) as Record<string, Obj | undefined>;

/** What a client must do for a scheme, without its documentation and URLs (those are `compareSecuritySchemes`'). */
function schemeIdentity(document: Obj, name: string): string {
  const scheme = (schemesOf(document)[name] ?? {}) as Obj;
  const { type, in: where, name: field } = scheme;
  const flows = Object.keys((scheme.flows ?? {}) as Obj).sort();
  // A header's name ignores case (RFC 9110); a query or cookie name does not.
  const sent = where === 'header' && typeof field === 'string' ? field.toLowerCase() : field;
  return JSON.stringify([type, typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : undefined, where, sent, flows]);
}

/** A scheme as a whole, descriptions aside: what a renamed scheme must keep to be the same credentials. */
function schemeDefinition(document: Obj, name: string): string {
  const flows = (schemesOf(document)[name]?.flows ?? {}) as Record<string, Obj | undefined>;
  const urls = Object.keys(flows)
    .sort()
    .map((flow) => [...URL_KEYS, 'scopes'].map((key) => (key === 'scopes' ? Object.keys(flows[flow]?.scopes ?? {}).sort() : flows[flow]?.[key])));
  return JSON.stringify([schemeIdentity(document, name), schemesOf(document)[name]?.openIdConnectUrl, urls]);
}

/** Schemes only the base defines, each paired with the one scheme only the head defines the same way: a rename (old name → new). */
function renamedSchemes(baseDocument: Obj, headDocument: Obj): Map<string, string> {
  const [before, after] = [schemesOf(baseDocument), schemesOf(headDocument)];
  const added = Object.keys(after).filter((name) => !Object.hasOwn(before, name));
  const renames = new Map<string, string>();
  for (const name of Object.keys(before).filter((n) => !Object.hasOwn(after, n))) {
    const same = added.filter((next) => schemeDefinition(baseDocument, name) === schemeDefinition(headDocument, next));
    if (same.length === 1) renames.set(name, same[0]!);
  }
  return renames;
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
  // A renamed scheme is the same credentials under another name (the `security-scheme-renamed` rule lists it once).
  const renames = renamedSchemes(baseDocument, headDocument);
  const newName = (name: string) => renames.get(name) ?? name;
  /** `next` asks for no more than `old`. */
  const satisfiedBy = (old: Requirement, next: Requirement) =>
    [...next].every(([name, scopes]) => {
      const was = [...old.keys()].find((o) => newName(o) === name);
      return (
        was !== undefined &&
        (was !== name || schemeIdentity(baseDocument, name) === schemeIdentity(headDocument, name)) &&
        [...scopes].every((s) => old.get(was)!.has(s))
      );
    });
  const [was, is] = [before.map(describe).join(' or '), after.map(describe).join(' or ')];
  for (const old of before) {
    if (after.some((next) => satisfiedBy(old, next))) continue;
    // Say what changed: the requirement, or how a scheme sends credentials (same names, another definition).
    const redefined = [...old.keys()]
      .filter((name) => !renames.has(name))
      .filter((name) => schemeIdentity(baseDocument, name) !== schemeIdentity(headDocument, name));
    const why = [was === is ? '' : `changed from ${was} to ${is}`, redefined.length ? `${quoteList(redefined)} now defined differently` : '']
      .filter(Boolean)
      .join('; ');
    report.breaking(at, `security alternative ${describe(old)} no longer enough (${why}): clients sending those credentials are refused`);
  }
  const known = new Set(before.map((old) => describe(new Map([...old].map(([name, scopes]) => [newName(name), scopes])))));
  for (const next of after) if (!known.has(describe(next))) report.info(at, `security alternative ${describe(next)} accepted`);
};

/**
 * OAuth flow URLs and OpenID Connect discovery URLs of schemes both versions define (where clients get
 * and refresh tokens), and schemes renamed.
 */
export function compareSecuritySchemes(baseDocument: Obj, headDocument: Obj, report: Reporter): void {
  const [before, after] = [schemesOf(baseDocument), schemesOf(headDocument)];
  for (const [name, next] of renamedSchemes(baseDocument, headDocument))
    report.info(
      pointer('components', 'securitySchemes', next),
      `security scheme \`${name}\` renamed to \`${next}\`: the same credentials, but generated clients name their credential setting after it`,
      'security-scheme-renamed',
    );
  for (const [name, scheme] of Object.entries(before)) {
    const [was, is] = [scheme?.openIdConnectUrl, after[name]?.openIdConnectUrl];
    if (typeof was === 'string' && typeof is === 'string' && was !== is)
      report.info(
        pointer('components', 'securitySchemes', name, 'openIdConnectUrl'),
        `OpenID Connect URL of \`${name}\` changed from \`${was}\` to \`${is}\`: clients configured with the old URL fail to get tokens`,
        'security-oauth-url-changed',
      );
    const flows = (scheme?.flows ?? {}) as Obj;
    const nextFlows = (after[name]?.flows ?? {}) as Obj;
    for (const [flow, urls] of Object.entries(flows)) {
      for (const key of URL_KEYS) {
        const [was, is] = [urls?.[key], nextFlows[flow]?.[key]];
        if (typeof was !== 'string' || typeof is !== 'string' || was === is) continue;
        report.info(
          pointer('components', 'securitySchemes', name, 'flows', flow, key),
          `OAuth ${flow} ${key} of \`${name}\` changed from \`${was}\` to \`${is}\`: clients configured with the old URL fail to get tokens`,
          'security-oauth-url-changed',
        );
      }
    }
  }
}
