// What goes on the wire: URL from the space, the exact Authorization header,
// and the headers the official SDKs send. Injected fetch, nothing else mocked.
import { describe, expect, it } from 'vitest';
import { createSignalWireClient } from '../../src/signalwire/index.ts';
import { createProconfAdminClient, createProconfAppClient } from '../../src/proconf/index.ts';
import { json, recordingFetch } from '../support/recording-fetch.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The version is package.json's, read here too: no test copies it. */
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

const ID = 'c22d24f6-5a47-4597-9a23-c7d01e696b92';

describe('SignalWire requests', () => {
  it('the built package compiles the version in from package.json (no file read at run time)', () => {
    const built = readFileSync(join(import.meta.dirname, '..', '..', 'dist', 'src', 'core', 'version.js'), 'utf8');
    // The build minifies syntax, so the define folds the condition away: the constant, never a call of sourceVersion().
    expect(built).toContain(`VERSION=${JSON.stringify(PACKAGE_VERSION)};`);
  });

  it('builds https://{space}.signalwire.com with each operation at its real path', async () => {
    const { fetch, calls } = recordingFetch(() => json(200, {}));
    const client = createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 't0ken', fetch });
    await client.resetConferenceToken(ID);
    await client.createSubscriberToken({ reference: 'a@b.c' });
    await client.refreshSubscriberToken({ refresh_token: 'r.e.f' });
    await client.createSubscriberGuestToken({ allowed_addresses: [] });
    expect(calls.map((c) => `${c.request.method} ${c.request.url}`)).toEqual([
      `POST https://acme.signalwire.com/api/video/conference_tokens/${ID}/reset`,
      'POST https://acme.signalwire.com/api/fabric/subscribers/tokens',
      'POST https://acme.signalwire.com/api/fabric/subscribers/tokens/refresh',
      'POST https://acme.signalwire.com/api/fabric/guests/tokens',
    ]);
  });

  it('sends exactly Authorization: Basic base64(projectId:apiToken)', async () => {
    const { fetch, calls } = recordingFetch();
    const client = createSignalWireClient({ space: 'acme', projectId: 'c5a0f9a8-project', apiToken: 'PT9f8e7d6c5b4a', fetch });
    await client.createSubscriberToken({ reference: 'x' });
    const expected = `Basic ${Buffer.from('c5a0f9a8-project:PT9f8e7d6c5b4a').toString('base64')}`;
    expect(calls[0]!.request.headers.get('authorization')).toBe(expected);
  });

  it('encodes non-ASCII credentials as UTF-8', async () => {
    const { fetch, calls } = recordingFetch();
    await createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 'clé-✓', fetch }).createSubscriberToken({ reference: 'x' });
    expect(calls[0]!.request.headers.get('authorization')).toBe(`Basic ${Buffer.from('p:clé-✓', 'utf8').toString('base64')}`);
  });

  it('sends Accept and User-Agent always, Content-Type only with a body, and the JSON body', async () => {
    const { fetch, calls } = recordingFetch();
    const client = createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 't0ken', fetch, userAgent: 'my-app/2.0' });
    await client.resetConferenceToken(ID);
    await client.createSubscriberGuestToken({ allowed_addresses: [ID], expire_at: 1795370400 });
    const [reset, guest] = calls;
    expect(reset!.request.headers.get('accept')).toBe('application/json');
    expect(reset!.request.headers.get('user-agent')).toBe(`rtc-token-apis/${PACKAGE_VERSION} my-app/2.0`);
    expect(reset!.request.headers.has('content-type')).toBe(false);
    expect(reset!.body).toBe('');
    expect(guest!.request.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(guest!.body)).toEqual({ allowed_addresses: [ID], expire_at: 1795370400 });
  });

  it('escapes the path parameter instead of letting it change the path', async () => {
    const { fetch, calls } = recordingFetch();
    await createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 't0ken', fetch }).resetConferenceToken('../../x?y');
    expect(new URL(calls[0]!.request.url).pathname).toBe('/api/video/conference_tokens/..%2F..%2Fx%3Fy/reset');
  });

  it('uses baseUrl instead of the space URL, without doubling slashes', async () => {
    const { fetch, calls } = recordingFetch();
    await createSignalWireClient({ projectId: 'p', apiToken: 't0ken', fetch, baseUrl: 'http://127.0.0.1:4010/' }).createSubscriberToken({ reference: 'x' });
    expect(calls[0]!.request.url).toBe('http://127.0.0.1:4010/api/fabric/subscribers/tokens');
  });

  it('defaults() returns a new client and leaves the original unchanged', async () => {
    const { fetch, calls } = recordingFetch();
    const base = createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 't0ken', fetch });
    const other = base.defaults({ space: 'other' });
    await other.createSubscriberToken({ reference: 'x' });
    await base.createSubscriberToken({ reference: 'x' });
    expect(calls.map((c) => new URL(c.request.url).host)).toEqual(['other.signalwire.com', 'acme.signalwire.com']);
    expect(Object.isFrozen(base)).toBe(true);
  });

  it('keeps the raw openapi-fetch clients reachable, with auth applied', async () => {
    const { fetch, calls } = recordingFetch(() => json(201, { token: 'a', refresh_token: 'b' }));
    const client = createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 't0ken', fetch });
    const { data, error } = await client.raw.fabric.POST('/api/fabric/guests/tokens', { body: { allowed_addresses: [] } });
    expect(error).toBeUndefined();
    expect(data).toEqual({ token: 'a', refresh_token: 'b' });
    expect(calls[0]!.request.headers.get('authorization')).toMatch(/^Basic /);
  });
});

describe('ProCONF requests', () => {
  it('the app client sends the user credential from its provider, per call', async () => {
    const { fetch, calls } = recordingFetch(() => json(200, { error: null, data: 'a.b.c' }));
    let n = 0;
    const client = createProconfAppClient({ baseUrl: 'https://app.acme.test', fetch, credentials: async () => `session-${++n}` });
    await client.getProconfToken({ role: 'member', room: 'r', participantName: 'p' });
    await client.getProconfToken({ role: 'member', room: 'r', participantName: 'p' });
    expect(calls.map((c) => c.request.headers.get('authorization'))).toEqual(['Bearer session-1', 'Bearer session-2']);
    expect(calls[0]!.request.url).toBe('https://app.acme.test/proconfToken');
  });

  it('the app client sends no Authorization when the provider has no credential', async () => {
    const { fetch, calls } = recordingFetch(() => json(200, { error: null, data: 'a.b.c' }));
    await createProconfAppClient({ baseUrl: 'https://app.acme.test', fetch, credentials: () => undefined }).getProconfToken({
      role: 'member',
      room: 'r',
      participantName: 'p',
    });
    expect(calls[0]!.request.headers.has('authorization')).toBe(false);
  });

  it('the admin client posts to /api/proconf-token with the headers hook applied', async () => {
    const { fetch, calls } = recordingFetch(() => json(200, { error: null, data: 'a.b.c' }));
    const client = createProconfAdminClient({ baseUrl: 'https://admin.acme.test', fetch, headers: () => ({ 'X-Gateway-Key': 'gw-key-123' }) });
    const result = await client.createProconfToken({ role: 'owner', room: 'testRoom', participantName: 'Alex' });
    expect(result.data).toBe('a.b.c');
    expect(calls[0]!.request.url).toBe('https://admin.acme.test/api/proconf-token');
    expect(calls[0]!.request.headers.get('x-gateway-key')).toBe('gw-key-123');
    expect(JSON.parse(calls[0]!.body)).toEqual({ role: 'owner', room: 'testRoom', participantName: 'Alex' });
  });
});
