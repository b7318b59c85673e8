// The one capped body reader and the one BodyTooLargeError, for the client
// (responses), the handler and the mock (requests): bytes are counted as they
// arrive, so an oversized body is refused without being buffered.
import { untilAborted } from './timer.js';

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

/** One read that an abort cancels (the reader is cancelled, the read rejects with the signal's reason). */
function readUntilAborted(reader: ReadableStreamDefaultReader<Uint8Array>, signal: AbortSignal): Promise<ReadableStreamReadResult<Uint8Array>> {
  return untilAborted(() => reader.read(), signal).catch(async (error: unknown) => {
    if (signal.aborted) await reader.cancel().catch(() => {});
    throw error;
  });
}

type Read = (reader: ReadableStreamDefaultReader<Uint8Array>) => Promise<ReadableStreamReadResult<Uint8Array>>;

const plainRead: Read = (reader) => reader.read();

/**
 * Reads a web body stream as text, at most `limit` bytes: past the cap it stops
 * and hangs up (nothing more is buffered) and says the text was `cut`.
 */
async function readChunks(body: ReadableStream<Uint8Array> | null | undefined, limit: number, read: Read): Promise<{ text: string; cut: boolean }> {
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
export function readCapped(body: ReadableStream<Uint8Array> | null | undefined, limit: number): Promise<{ text: string; cut: boolean }> {
  return readChunks(body, limit, plainRead);
}

/**
 * A body that must be whole: more than `limit` bytes is a BodyTooLargeError.
 * With `signal`, an abort cancels the read (a request body trickling in
 * cannot hold the reader past its deadline) and rejects with its reason.
 */
export async function readTextCapped(
  body: ReadableStream<Uint8Array> | null | undefined,
  limit: number,
  status?: number,
  signal?: AbortSignal,
): Promise<string> {
  const { text, cut } = await readChunks(body, limit, signal ? (reader) => readUntilAborted(reader, signal) : plainRead);
  if (cut) throw new BodyTooLargeError(limit, status);
  return text;
}
