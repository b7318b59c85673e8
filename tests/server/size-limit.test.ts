// The documented 8 KiB limit: enforced from Content-Length, and while
// streaming a body that declares no length, without buffering the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationFacts } from '../../generated/operation-facts.ts';
import { loadBundledSpec } from '../../src/openapi-doc/bundled.ts';
import { readBodyCapped } from '../../src/server/read-body.ts';
const MAX_BODY_BYTES = operationFacts.get_proconf_token.bodyLimit;
import { ENVELOPES, post, serveHandler, mintingAdminUrl } from './serve.ts';

/** A valid request body of exactly `bytes` bytes (participantName padded). */
function bodyOfSize(bytes: number): string {
  const empty = JSON.stringify({ role: 'member', room: 'standup', participantName: '' });
  return JSON.stringify({ role: 'member', room: 'standup', participantName: 'P'.repeat(bytes - empty.length) });
}

/** A stream that makes its bytes only when pulled, counting them. */
function lazyStream(total: number, chunk: number) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= total) return controller.close();
        counter.pulled += chunk;
        controller.enqueue(new TextEncoder().encode('x'.repeat(chunk)));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

describe('request body limit (8192 bytes, documented 413)', () => {
  let s: Awaited<ReturnType<typeof serveHandler>>;
  beforeAll(async () => {
    s = await serveHandler({ adminBaseUrl: await mintingAdminUrl() });
  });
  afterAll(() => s.close());

  it("is the spec's x-body-limit (8 KiB)", () => {
    const doc = loadBundledSpec('proconf-app').document as { paths: Record<string, { post: Record<string, unknown> }> };
    expect(MAX_BODY_BYTES).toBe(doc.paths['/proconfToken']!.post['x-body-limit']);
    expect(MAX_BODY_BYTES).toBe(8192);
  });

  it('accepts a valid body of exactly 8192 bytes', async () => {
    const body = bodyOfSize(8192);
    expect(Buffer.byteLength(body)).toBe(8192);
    const response = await post(s.url, body);
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });

  it('refuses 8193 bytes with the documented 413 body, without calling the admin backend', async () => {
    const calls = s.adminCalls.length;
    const response = await post(s.url, bodyOfSize(8193));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(ENVELOPES[413]);
    expect(s.adminCalls.length).toBe(calls);
    expect(s.logs.at(-1)).toMatchObject({ status: 413, outcome: 'too-large' });
  });

  it('refuses a chunked body with no Content-Length once it passes the limit, closing the connection', async () => {
    const { stream } = lazyStream(1024 * 1024, 1024);
    const response = await post(s.url, stream);
    expect(response.status).toBe(413);
    // The rest of the body is still on the wire: a client reusing this connection would get a reset.
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual(ENVELOPES[413]);
  });

  it('stops reading a stream right after the limit instead of buffering it', async () => {
    const { stream, counter } = lazyStream(10 * 1024 * 1024, 1024);
    const request = new Request('http://app.test/proconfToken', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(await readBodyCapped(request, MAX_BODY_BYTES, 10_000)).toEqual({ ok: false, reason: 'too-large' });
    expect(counter.pulled).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * 1024);
  });
});
