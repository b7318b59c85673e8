// Turns a node request into the input Prism validates and mocks.
import type { IncomingMessage } from 'node:http';
import type { IHttpRequest } from '@stoplight/prism-http';
import { BodyTooLargeError, declaredOver, nodeBody, readTextCapped } from '../core/body.js';
import { isJsonMediaType } from '../core/media-type.js';
import { SCENARIO_QUERY } from './scenario.js';

/** Largest body the mock reads where the spec states no `x-body-limit`; bigger ones are refused before parsing. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The request body as text (undefined when the request has none), through the
 * one capped reader: more than `limit` bytes, declared or streamed, is a
 * BodyTooLargeError, without buffering them.
 */
export function readRequestText(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const length = req.headers['content-length'];
  if (declaredOver(length, limit)) return Promise.reject(new BodyTooLargeError(limit));
  if (length === '0' || (length === undefined && req.headers['transfer-encoding'] === undefined)) return Promise.resolve(undefined);
  return readTextCapped(nodeBody(req), limit);
}

/** JSON bodies are parsed; anything else (or JSON that does not parse) stays text, which the schema then rejects. */
export function parseBody(text: string | undefined, contentType: string | undefined): unknown {
  if (text === undefined) return undefined;
  if (!isJsonMediaType(contentType, { suffix: true })) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

/**
 * A request target WHATWG URL parsing leaves as it is: no query, fragment,
 * escapes, dot segments or leading `//`. Such a path is its own pathname, so
 * the common request skips building a URL.
 */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9_\-/]*$/;

/** The Prism input, plus the raw query (which still holds the scenario parameters). */
export function toPrismInput(req: IncomingMessage, body: unknown): { input: IHttpRequest; query: Record<string, string | string[]> } {
  const target = req.url ?? '/';
  let path = target;
  let query: Record<string, string | string[]> = {};
  let validated: Record<string, string | string[]> = {};
  if (!PLAIN_PATH.test(target)) {
    const url = new URL(target, 'http://mock.invalid');
    path = url.pathname;
    query = queryOf(url.searchParams);
    validated = { ...query };
    delete validated[SCENARIO_QUERY.code];
    delete validated[SCENARIO_QUERY.example];
  }
  const input: IHttpRequest = {
    method: (req.method ?? 'GET').toLowerCase() as IHttpRequest['method'],
    url: { path, query: validated },
    headers: req.headers as Record<string, string>,
    body,
  };
  return { input, query };
}
