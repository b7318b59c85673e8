// The one capped body reader and the one BodyTooLargeError, for the client
// (responses), the handler and the mock (requests): bytes are counted as they
// arrive, so an oversized body is refused without being buffered.
/** A body (declared or streamed) larger than the limit. `status` is the response's, when reading one. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly status?: number,
  ) {
    super(`body is larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** True when a declared Content-Length is over `limit` (checked before reading). */
export function declaredOver(contentLength: string | null | undefined, limit: number): boolean {
  const length = Number(contentLength);
  return contentLength != null && contentLength !== '' && Number.isFinite(length) && length > limit;
}

/** Stateless (no `stream` option), so one instance serves every call, even concurrent ones. */
const utf8 = new TextDecoder();

/** Joins chunks into one buffer (no copy for a single chunk). */
function concatChunks(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return all;
}

/** What the capped reader reads: a web ReadableStream, or nodeBody()'s lighter reader of a Node request. */
export interface ByteStream {
  getReader(): ByteReader;
}

interface ByteReader {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  cancel(): Promise<void>;
}

type Read = (reader: ByteReader) => Promise<ReadableStreamReadResult<Uint8Array>>;

const plainRead: Read = (reader) => reader.read();

/**
 * Reads a web body stream as text, at most `limit` bytes: past the cap it stops
 * and hangs up (nothing more is buffered) and says the text was `cut`.
 */
async function readChunks(body: ByteStream | null | undefined, limit: number, read: Read): Promise<{ text: string; cut: boolean }> {
  if (!body) return { text: '', cut: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await read(reader);
    if (done) return { text: utf8.decode(concatChunks(chunks, size)), cut: false };
    if (size + value.byteLength > limit) {
      chunks.push(value.subarray(0, limit - size));
      await reader.cancel().catch(() => {});
      return { text: utf8.decode(concatChunks(chunks, limit)), cut: true };
    }
    size += value.byteLength;
    chunks.push(value);
  }
}

/** readChunks with plain reads, for a response body: the fetch's own signal ends it (the client's hot path). */
export function readCapped(body: ByteStream | null | undefined, limit: number): Promise<{ text: string; cut: boolean }> {
  return readChunks(body, limit, plainRead);
}

/** A body that did not arrive within its time. */
export class BodyTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`body not received within ${timeoutMs} ms`);
    this.name = 'BodyTimeoutError';
  }
}

/**
 * A body that must be whole: more than `limit` bytes is a BodyTooLargeError.
 * With `timeoutMs`, a body still arriving then is a BodyTimeoutError (a body
 * trickling in cannot hold the reader). One timer per body, which cancels the
 * reader: a cancel settles the pending read as done (the Streams standard;
 * nodeBody does the same), and the flag tells that from a complete body. An
 * AbortSignal with a raced read per chunk cost the token handlers about 10 µs
 * a request (bench/FINDINGS.md).
 */
export async function readTextCapped(body: ByteStream | null | undefined, limit: number, status?: number, timeoutMs?: number): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const read: Read =
    timeoutMs === undefined
      ? plainRead
      : (reader) => {
          timer ??= setTimeout(() => {
            timedOut = true;
            reader.cancel().catch(() => {});
          }, timeoutMs);
          return reader.read();
        };
  try {
    const { text, cut } = await readChunks(body, limit, read);
    if (timedOut) throw new BodyTimeoutError(timeoutMs!);
    if (cut) throw new BodyTooLargeError(limit, status);
    return text;
  } catch (error) {
    throw timedOut ? new BodyTimeoutError(timeoutMs!) : error;
  } finally {
    clearTimeout(timer);
  }
}

/** What readCapped needs of a Node request (an IncomingMessage): its data events, and resume() to drain. */
export interface NodeBodySource {
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event: 'data'): unknown;
  resume(): unknown;
}

/**
 * A Node request body as readCapped reads it, so Node servers (the mock) use
 * the one capped reader too. Not a web ReadableStream: building one per
 * request cost the mock about 15 µs a request (`npm run bench:mock`), this
 * queue of chunks almost nothing. Cancelling (past the cap) stops buffering
 * and drains the rest, so the connection can still carry a reply.
 */
export function nodeBody(source: NodeBodySource): ByteStream {
  const chunks: Uint8Array[] = [];
  let ended = false;
  let failure: Error | undefined;
  let waiting: { resolve: (r: ReadableStreamReadResult<Uint8Array>) => void; reject: (e: Error) => void } | undefined;
  const wake = (): void => {
    const w = waiting;
    if (!w) return;
    waiting = undefined;
    if (chunks.length) w.resolve({ done: false, value: chunks.shift()! });
    else if (failure) w.reject(failure);
    else if (ended) w.resolve({ done: true, value: undefined });
    else waiting = w;
  };
  source.on('data', (chunk) => {
    chunks.push(chunk);
    wake();
  });
  source.on('end', () => {
    ended = true;
    wake();
  });
  source.on('error', (error) => {
    failure = error;
    wake();
  });
  const reader: ByteReader = {
    read: () =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        wake();
      }),
    cancel: async () => {
      chunks.length = 0;
      ended = true;
      source.removeAllListeners('data');
      source.resume();
      // A pending read settles as done, as a web stream's does.
      wake();
    },
  };
  return { getReader: () => reader };
}
