// Server URLs: clients join the server's base path with each operation path,
// so a changed base path moves every operation. Hosts are configuration
// (usually variables), so a host change is reported but does not break.
import { child, pointer } from '../../openapi-doc/pointer.js';
import type { Reporter } from '../change.js';
import type { Obj } from './schema-context.js';

function basePath(url: string): string {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return path.replace(/\/+$/, '') || '/';
}

export function compareServers(baseDocument: Obj, headDocument: Obj, report: Reporter): void {
  const before = (baseDocument.servers ?? [{ url: '/' }]) as Obj[];
  const after = (headDocument.servers ?? [{ url: '/' }]) as Obj[];
  before.forEach((server, i) => {
    const at = pointer('servers', i);
    const next = after[i];
    if (!next) return report.breaking(at, `server \`${server.url}\` removed`);
    const [from, to] = [basePath(server.url), basePath(next.url)];
    if (from !== to) report.breaking(child(at, 'url'), `server base path changed from \`${from}\` to \`${to}\`: every operation URL moves`);
    else if (server.url !== next.url) report.info(child(at, 'url'), `server URL changed from \`${server.url}\` to \`${next.url}\``);
  });
  after.slice(before.length).forEach((server, i) => report.info(pointer('servers', before.length + i), `server \`${server.url}\` added`));
}
