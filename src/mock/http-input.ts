// Turns a node request into the input Prism validates and mocks.
import type { IncomingMessage } from 'node:http';
import type { IHttpRequest } from '@stoplight/prism-http';
import { isJsonMediaType } from '../core/media-type.js';
import { SCENARIO_QUERY } from './scenario.js';

/** Largest body the mock reads; bigger ones are refused before parsing. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body is larger than ${limit} bytes`);
  }
}

/** Reads the body as text, refusing more than `limit` bytes without buffering them. */
export function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(new BodyTooLarge(limit));
  if (declared === 0 || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined)) return Promise.resolve(undefined);
  // Plain events, not `for await`: this runs for every request of a load test.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge(limit));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
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
