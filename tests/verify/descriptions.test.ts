// Descriptions are for readers: rewording the 413 and 404 descriptions (and
// dropping the words "bytes" and "method") changes nothing verify does.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { allowRoles } from '../../src/server/index.ts';
import { loadBundledSpec } from '../../src/openapi-doc/bundled.ts';
import { resolveRef } from '../../src/openapi-doc/index.ts';
import { verifyApi } from '../../src/verify/index.ts';
import type { OpenApiDocument } from '../../src/verify/spec-document.ts';
import { serveHandler } from '../server/serve.ts';

const BEARER = { Authorization: 'Bearer verify-bot-session-4b8e21' };

function reworded(): OpenApiDocument {
  const doc = loadBundledSpec('proconf-app').document as unknown as OpenApiDocument;
  const responses = doc.paths['/proconfToken']!.post.responses;
  for (const status of ['413', '404']) {
    resolveRef(doc, responses[status], '').node!.description = 'Reworded for readers; no numbers, no HTTP verbs.';
  }
  return doc;
}

describe('verify after rewording the 413 and 404 descriptions', () => {
  let s: Awaited<ReturnType<typeof serveHandler>>;
  beforeAll(async () => {
    s = await serveHandler({ adminBaseUrl: inject('mockUrl'), policy: allowRoles(['owner', 'member']) });
  });
  afterAll(() => s.close());

  it('plans and judges exactly the same checks', async () => {
    const before = await verifyApi({ api: 'proconf-app', target: s.url, credentials: BEARER });
    const doc = reworded();
    expect(JSON.stringify(doc)).not.toMatch(/8192 bytes|wrong HTTP method/);
    const after = await verifyApi({ api: 'proconf-app', document: doc, target: s.url, credentials: BEARER });
    const shape = (r: typeof before) => r.results.map(({ id, outcome, status }) => ({ id, outcome, status }));
    expect(shape(after)).toEqual(shape(before));
    expect(after.results.map((r) => r.id)).toEqual(
      expect.arrayContaining(['get_proconf_token: body over 8192 bytes (otherwise valid)', 'get_proconf_token: wrong method GET']),
    );
    expect(after.ok).toBe(true);
  });
});
