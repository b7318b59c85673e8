// Headers keyed by name: a response's `headers`, and the part headers of a
// multipart body's `encoding`. Names ignore case (RFC 9110); a `Content-Type`
// header is ignored (OpenAPI: the media type says it). In the response
// direction the API writes them and clients read; in the request direction
// (a webhook's response, a multipart part) the other side writes them.
import { child } from '../../openapi-doc/pointer.js';
import type { Reporter } from '../change.js';
import type { Direction, Obj } from './schema-context.js';
import { compareContent } from './content.js';
import { compareSchemas } from './schema.js';
import { compareSerialisation } from './serialisation.js';

function byName(headers: unknown): Map<string, [string, Obj]> {
  return new Map(
    Object.entries(headers !== null && typeof headers === 'object' && !Array.isArray(headers) ? (headers as Record<string, unknown>) : {})
      .filter((entry): entry is [string, Obj] => entry[1] !== null && typeof entry[1] === 'object' && entry[0].toLowerCase() !== 'content-type')
      .map(([name, header]) => [name.toLowerCase(), [name, header]]),
  );
}

/** `kind` names them in reasons: `response header` or `part header`. */
export function compareHeaders(before: Obj, after: Obj, at: string, direction: Direction, report: Reporter, kind = 'response header'): void {
  const next = byName(after.headers);
  const previous = byName(before.headers);
  for (const [key, [name, header]] of previous) {
    const found = next.get(key);
    const headerAt = child(at, 'headers', found?.[0] ?? name);
    const what = `${kind} \`${name}\``;
    if (!found) {
      // An optional one is disputed like an optional response property (level: the policy's).
      if (direction === 'response') report.breaking(headerAt, `${what} removed`, header.required === true ? undefined : 'response-optional-header-removed');
      else report.info(headerAt, `${what} removed (the API no longer reads it)`);
      continue;
    }
    const [, nextHeader] = found;
    if (header.required === true && nextHeader.required !== true) {
      if (direction === 'response') report.breaking(child(headerAt, 'required'), `${what} made optional: clients reading it may not get it`);
      else report.info(child(headerAt, 'required'), `${what} made optional`);
    }
    if (header.required !== true && nextHeader.required === true) {
      if (direction === 'response') report.info(child(headerAt, 'required'), `${what} now always sent`, 'response-header-became-required');
      else report.breaking(child(headerAt, 'required'), `${what} became required: existing senders do not send it`);
    }
    compareSerialisation(header, nextHeader, headerAt, what, report);
    if (header.schema !== undefined || nextHeader.schema !== undefined)
      compareSchemas(header.schema, nextHeader.schema, child(headerAt, 'schema'), direction, report);
    if (header.content || nextHeader.content) compareContent(header, nextHeader, headerAt, direction, report);
  }
  for (const [key, [name, header]] of next) {
    if (previous.has(key)) continue;
    // A header the writer must now send, where the writer is the other side (a webhook's receiver, a client's part).
    if (direction === 'request' && header.required === true)
      report.breaking(child(at, 'headers', name), `new required ${kind} \`${name}\`: existing senders do not send it`);
    else report.info(child(at, 'headers', name), `${kind} \`${name}\` added`);
  }
}
