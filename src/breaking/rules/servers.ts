// Server URLs: clients join the server's base path with each operation path,
// so a changed base path moves every operation. Hosts are configuration
// (usually variables), so a host change is reported but does not break.
// Servers are the document's, or a path item's or operation's own.
import { child, pointer } from '../../openapi-doc/pointer.js';
import { quoteList, type Reporter } from '../change.js';
import type { OperationRef } from '../operations.js';
import type { OperationRule } from './operation-context.js';
import type { Obj } from './schema-context.js';

/** The path part of a server's URL, its variables at their defaults (`https://{host}/{version}` -> `/v1`). */
function basePath(server: Obj): string {
  const variables = (server.variables ?? {}) as Record<string, Obj | undefined>;
  const url = String(server.url).replace(/\{([^}]*)\}/g, (whole, name: string) => {
    const value = variables[name]?.default;
    return typeof value === 'string' ? value : whole;
  });
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return path.replace(/\/+$/, '') || '/';
}

/** Two server lists, matched by position; `at` is where the head's list is (or would be). */
function compareServerLists(before: Obj[], after: Obj[], at: string, moves: string, report: Reporter): void {
  before.forEach((server, i) => {
    const next = after[i];
    if (!next) return report.breaking(child(at, i), `server \`${server.url}\` removed`);
    const [from, to] = [basePath(server), basePath(next)];
    if (from !== to) report.breaking(child(at, i, 'url'), `server base path changed from \`${from}\` to \`${to}\`: ${moves}`);
    else if (server.url !== next.url) report.info(child(at, i, 'url'), `server URL changed from \`${server.url}\` to \`${next.url}\``);
    compareVariables(server, next, child(at, i), report);
  });
  after.slice(before.length).forEach((server, i) => report.info(child(at, before.length + i), `server \`${server.url}\` added`));
}

/**
 * A variable's `enum` is the values clients may choose (a region, an environment): a value removed, or
 * an open variable closed, leaves clients configured with another value outside the documented servers
 * (the `server-variable-enum-narrowed` rule).
 */
function compareVariables(server: Obj, next: Obj, at: string, report: Reporter): void {
  const after = (next.variables ?? {}) as Record<string, Obj | undefined>;
  for (const [name, variable] of Object.entries((server.variables ?? {}) as Record<string, Obj | undefined>)) {
    const nextVariable = after[name];
    if (!nextVariable) continue;
    const [was, is] = [valuesOf(variable?.enum), valuesOf(nextVariable.enum)];
    if (is === undefined) {
      if (was !== undefined) report.info(child(at, 'variables', name, 'enum'), `server variable \`${name}\` takes any value now`);
      continue;
    }
    const where = child(at, 'variables', name, 'enum');
    const removed = was?.filter((v) => !is.includes(v));
    if (removed === undefined)
      report.breaking(
        where,
        `server variable \`${name}\` now limited to ${quoteList(is)}: clients configured with another value leave the documented servers`,
        RULE,
      );
    else if (removed.length)
      report.breaking(
        where,
        `server variable \`${name}\` no longer offers ${quoteList(removed)}: clients configured with it leave the documented servers`,
        RULE,
      );
    else if (is.length > (was as unknown[]).length)
      report.info(where, `server variable \`${name}\` offers ${quoteList(is.filter((v) => !(was as unknown[]).includes(v)))}`);
  }
}

const RULE = 'server-variable-enum-narrowed';

/** An `enum`'s values as strings (the specification's type for them; anything else as its JSON, compared by value). */
const valuesOf = (list: unknown) => (Array.isArray(list) ? list.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : undefined);

const ROOT = [{ url: '/' }];

export function compareServers(baseDocument: Obj, headDocument: Obj, report: Reporter): void {
  compareServerLists((baseDocument.servers ?? ROOT) as Obj[], (headDocument.servers ?? ROOT) as Obj[], pointer('servers'), 'every operation URL moves', report);
}

/** A path item's or operation's own `servers` (which replace the document's for that operation), when either version has them. */
export const serversRule: OperationRule = ({ base, head, baseDocument, headDocument, report }) => {
  if (head.kind !== 'path') return;
  const own = (op: OperationRef) => (op.operation.servers ?? op.pathItem.servers) as Obj[] | undefined;
  const [was, is] = [own(base), own(head)];
  if (was === undefined && is === undefined) return;
  const pathAt = head.pointer.slice(0, head.pointer.lastIndexOf('/'));
  const at = head.operation.servers ? child(head.pointer, 'servers') : head.pathItem.servers ? child(pathAt, 'servers') : pointer('servers');
  compareServerLists(
    was ?? ((baseDocument.servers ?? ROOT) as Obj[]),
    is ?? ((headDocument.servers ?? ROOT) as Obj[]),
    at,
    "the operation's URL moves",
    report,
  );
};
