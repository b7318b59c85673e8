// The media types of a request body or response, and each one's schema.
// Each old media type is paired with its structured counterpart (see
// media-type.ts); losing one breaks either side, gaining one breaks neither,
// and a pair the reader does not take (another type of the same family, a
// range wider than before) breaks under the `media-type-changed` rule.
// A schema that appears or disappears is compared with `true` (anything).
// A form body's per-field `encoding` is below, then headers keyed by name.
// The three describe each other (content -> a part's encoding -> its
// headers -> a header's own content), so they live in one file.
//
// A form body's per-field `encoding` (multipart/form-data,
// application/x-www-form-urlencoded): each field's `contentType`, its part
// headers, and how a urlencoded field is written (`style`, `explode`,
// `allowReserved`, the defaults of a query parameter). The field's bytes
// change even when the body's schema does not.
//
// Headers keyed by name: a response's `headers`, and the part headers of a
// multipart body's `encoding`. Names ignore case (RFC 9110); a `Content-Type`
// header is ignored (OpenAPI: the media type says it). In the response
// direction the API writes them and clients read; in the request direction
// (a webhook's response, a multipart part) the other side writes them.
import { acceptsMediaType, findMediaType } from '../media-type.js';
import { child } from '../../openapi-doc/pointer.js';
import type { Reporter } from '../change.js';
import type { Direction, Obj } from './schema-context.js';
import { compareSchemas } from './schema.js';
import { compareSerialisation } from './serialisation.js';

const BYTES = new Set(['type', 'format', 'contentMediaType', 'description', 'title', 'example', 'examples']);
/**
 * A body schema that only says "bytes" (3.0 `{type: string, format: binary}`, or `contentMediaType` in
 * 3.1) is what 3.1 writes by omitting the schema: the media type already names the content; both are anything.
 */
const bodySchema = (schema: unknown, mediaType: string) => {
  // A JSON body's schema describes the JSON value (a string of text), not the bytes.
  if (schema === null || typeof schema !== 'object' || /json/i.test(mediaType)) return schema;
  const s = schema as Obj;
  const bytes = s.type === 'string' && (s.format === 'binary' || typeof s.contentMediaType === 'string') && Object.keys(s).every((key) => BYTES.has(key));
  return bytes ? undefined : schema;
};

export function compareContent(before: Obj, after: Obj, at: string, direction: Direction, report: Reporter): void {
  const beforeContent = (before.content ?? {}) as Record<string, Obj>;
  const afterContent = (after.content ?? {}) as Record<string, Obj>;
  const matched = new Set<string>();
  for (const [mediaType, media] of Object.entries(beforeContent)) {
    const nextType = findMediaType(mediaType, Object.keys(afterContent));
    if (nextType === undefined) {
      report.breaking(child(at, 'content', mediaType), `${direction} media type \`${mediaType}\` removed`);
      continue;
    }
    matched.add(nextType);
    const mediaAt = child(at, 'content', nextType);
    if (nextType !== mediaType) {
      // In a request the server must take what clients send (the old type); in a response clients must take what the server sends (the new one).
      const [reader, sent] = direction === 'request' ? [nextType, mediaType] : [mediaType, nextType];
      const what = `${direction} media type \`${mediaType}\` now \`${nextType}\``;
      if (acceptsMediaType(reader, sent)) report.info(mediaAt, what);
      else
        report.breaking(
          mediaAt,
          `${what}: ${direction === 'request' ? 'the server may refuse what clients send' : 'clients may not accept what the server sends'}`,
          'media-type-changed',
        );
    }
    const next = afterContent[nextType]!;
    const [was, is] = [bodySchema(media.schema, mediaType), bodySchema(next.schema, nextType)];
    if (was !== undefined || is !== undefined) compareSchemas(was, is, child(mediaAt, 'schema'), direction, report);
    compareEncoding(media, next, nextType, mediaAt, direction, report);
  }
  for (const mediaType of Object.keys(afterContent).filter((m) => !matched.has(m) && !(m in beforeContent))) {
    report.info(child(at, 'content', mediaType), `${direction} media type \`${mediaType}\` added`);
  }
}

const FORM = /^(multipart\/|application\/x-www-form-urlencoded\b)/i;
const SERIALISATION = ['style', 'explode', 'allowReserved'];
/** A `contentType` may list several (`image/png, image/jpeg`). */
const typesOf = (value: unknown) => (typeof value === 'string' ? value.split(',').map((t) => t.trim()) : undefined);

const isObject = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);
/** The entries of a map that are objects (lenient reading does not look inside `encoding`). */
const objectsIn = (map: unknown) => new Map(isObject(map) ? Object.entries(map).filter((entry): entry is [string, Obj] => isObject(entry[1])) : []);

function compareEncoding(media: Obj, next: Obj, mediaType: string, at: string, direction: Direction, report: Reporter): void {
  if (!FORM.test(mediaType)) return;
  const [before, after] = [objectsIn(media.encoding), objectsIn(next.encoding)];
  const urlencoded = /urlencoded/i.test(mediaType);
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const [was, is] = [before.get(name) ?? {}, after.get(name) ?? {}];
    const fieldAt = child(at, 'encoding', name);
    const [sent, read] = direction === 'request' ? [typesOf(was.contentType), typesOf(is.contentType)] : [typesOf(is.contentType), typesOf(was.contentType)];
    // Only when both say: an omitted contentType is a default that depends on the field's schema.
    if (sent && read && !sent.every((s) => read.some((r) => acceptsMediaType(r, s))))
      report.breaking(
        child(fieldAt, 'contentType'),
        `${direction} form field \`${name}\` content type \`${was.contentType}\` now \`${is.contentType}\`: ${direction === 'request' ? 'the server may refuse what clients send' : 'clients may not accept what the server sends'}`,
        'media-type-changed',
      );
    else if (sent && read && was.contentType !== is.contentType)
      report.info(child(fieldAt, 'contentType'), `${direction} form field \`${name}\` content type \`${was.contentType}\` now \`${is.contentType}\``);
    compareHeaders(was, is, fieldAt, direction, report, 'part header');
    // A urlencoded field is written like a query parameter; a multipart one only when it says how.
    if (urlencoded || SERIALISATION.some((key) => key in was || key in is)) {
      const schema = (media.schema as Obj | undefined)?.properties?.[name];
      const field = (encoding: Obj, fieldSchema: unknown) => ({ in: 'query', ...encoding, schema: fieldSchema });
      compareSerialisation(
        field(was, schema),
        field(is, (next.schema as Obj | undefined)?.properties?.[name]),
        fieldAt,
        `${direction === 'request' ? '' : 'response '}form field \`${name}\``,
        report,
      );
    }
  }
}

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
