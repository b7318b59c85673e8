// One public API shape: defaults() on every client, raw clients that are each
// API's own and whose middleware survives defaults(), one isOperationError.
import { describe, expect, it } from 'vitest';
import type { Middleware } from 'openapi-fetch';
import { createProconfAdminClient, createProconfAppClient, isOperationError, isProconfAppError } from '../../src/proconf/index.ts';
import { createSignalWireClient, HttpError, isSignalWireError } from '../../src/signalwire/index.ts';
import { json, recordingFetch } from '../support/recording-fetch.ts';

const tagging = (tag: string, seen: string[]): Middleware => ({
  onRequest({ request }) {
    seen.push(`${tag} ${new URL(request.url).pathname}`);
    return request;
  },
});

describe('raw clients', () => {
  it('are one per API: middleware added to raw.video never runs for raw.fabric', async () => {
    const { fetch } = recordingFetch(() => json(201, { token: 'a', refresh_token: 'b' }));
    const client = createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 't0ken', fetch });
    const seen: string[] = [];
    client.raw.video.use(tagging('video', seen));
    await client.raw.fabric.POST('/api/fabric/guests/tokens', { body: { allowed_addresses: [] } });
    expect(client.raw.video).not.toBe(client.raw.fabric);
    expect(seen).toEqual([]);
  });

  it("keep their middleware through defaults(), and a copy's additions stay its own", async () => {
    const { fetch } = recordingFetch(() => json(201, { token: 'a', refresh_token: 'b' }));
    const base = createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 't0ken', fetch });
    const seen: string[] = [];
    base.raw.fabric.use(tagging('base', seen));
    const copy = base.defaults({ space: 'other' });
    copy.raw.fabric.use(tagging('copy', seen));
    await copy.raw.fabric.POST('/api/fabric/guests/tokens', { body: { allowed_addresses: [] } });
    await base.raw.fabric.POST('/api/fabric/guests/tokens', { body: { allowed_addresses: [] } });
    expect(seen).toEqual(['base /api/fabric/guests/tokens', 'copy /api/fabric/guests/tokens', 'base /api/fabric/guests/tokens']);
  });
});

describe('defaults() on every client', () => {
  it('the ProCONF app and admin clients return a new client with the overrides; the original is unchanged', async () => {
    const { fetch, calls } = recordingFetch(() => json(200, { error: null, data: 'a.b.c' }));
    const body = { role: 'member', room: 'r', participantName: 'p' };
    const app = createProconfAppClient({ baseUrl: 'https://app.acme.test', fetch });
    await app.defaults({ baseUrl: 'https://other.acme.test' }).getProconfToken(body);
    await app.getProconfToken(body);
    const admin = createProconfAdminClient({ baseUrl: 'https://admin.acme.test', fetch });
    await admin.defaults({ baseUrl: 'https://admin2.acme.test' }).createProconfToken(body);
    expect(calls.map((c) => new URL(c.request.url).host)).toEqual(['other.acme.test', 'app.acme.test', 'admin2.acme.test']);
  });
});

describe('isOperationError', () => {
  it('narrows by generated operation id across services; the per-service guards agree', async () => {
    const { fetch } = recordingFetch(() => json(401, { data: null, error: { code: 401, message: 'Unauthorized' } }));
    const error = await createProconfAppClient({ baseUrl: 'https://app.acme.test', fetch })
      .getProconfToken({ role: 'member', room: 'r', participantName: 'p' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(isOperationError(error, 'get_proconf_token')).toBe(true);
    expect(isOperationError(error, 'create_proconf_token')).toBe(false);
    expect(isProconfAppError(error, 'get_proconf_token')).toBe(true);
    expect(isSignalWireError(error, 'create_subscriber_token')).toBe(false);
    if (isOperationError(error, 'get_proconf_token') && error.status === 401) expect(error.body.error.message).toBe('Unauthorized');
  });
});
