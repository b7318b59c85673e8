// Every operation x every documented status, through the typed clients,
// against the Prism mock built from the same specs. Nothing is mocked: real
// HTTP on 127.0.0.1. Every body is also checked against the spec's schema
// with a JSON Schema 2020-12 validator.
import { describe, expect, inject, it } from 'vitest';
import { createSignalWireClient, HttpError, isSignalWireError } from '../../src/signalwire/index.ts';
import { createProconfAdminClient, createProconfAppClient } from '../../src/proconf/index.ts';
import { createSignalWireAppClient } from '../../src/signalwire-app/index.ts';
import { operations } from '../../generated/operations.ts';
import { responseExamples, responseSchemaErrors } from '../support/spec-schemas.ts';

const TOKEN_ID = 'c22d24f6-5a47-4597-9a23-c7d01e696b92';
const ADDRESS = 'a46e1381-21cf-46c9-bfed-576eb3b96370';
const FINGERPRINT = 'Zm9vYmFyLWRldmljZS1maW5nZXJwcmludC0wMDAwMDA';

function clients() {
  const baseUrl = inject('mockUrl');
  return {
    signalwire: createSignalWireClient({ space: 'example', projectId: 'p-123', apiToken: 'PTcontract', baseUrl }),
    app: createProconfAppClient({ baseUrl, credentials: () => 'user-session' }),
    admin: createProconfAdminClient({ baseUrl }),
    swApp: createSignalWireAppClient({ baseUrl, credentials: () => 'user-session' }),
  };
}

type Call = (c: ReturnType<typeof clients>, headers: Record<string, string>) => Promise<unknown>;

/** One invocation per operation, with a valid request. */
const calls: Record<keyof typeof operations, Call> = {
  reset_conference_token: (c, headers) => c.signalwire.resetConferenceToken(TOKEN_ID, { headers }),
  create_subscriber_token: (c, headers) => c.signalwire.createSubscriberToken({ reference: 'alice@example.net' }, { headers }),
  refresh_subscriber_token: (c, headers) => c.signalwire.refreshSubscriberToken({ refresh_token: 'eyJhbGciOiJkaXIi..a.b.c' }, { headers }),
  create_subscriber_guest_token: (c, headers) => c.signalwire.createSubscriberGuestToken({ allowed_addresses: [ADDRESS] }, { headers }),
  get_proconf_token: (c, headers) => c.app.getProconfToken({ role: 'member', room: 'standup', participantName: 'Priya' }, { headers }),
  create_proconf_token: (c, headers) => c.admin.createProconfToken({ role: 'owner', room: 'testRoom', participantName: 'Alex' }, { headers }),
  issue_subscriber_token: (c, headers) => c.swApp.issueSubscriberToken({ fingerprint: FINGERPRINT }, { headers }),
  renew_subscriber_token: (c, headers) => c.swApp.renewSubscriberToken({ fingerprint: FINGERPRINT }, { headers }),
  issue_guest_token: (c, headers) => c.swApp.issueGuestToken({ allowed_addresses: [ADDRESS] }, { headers }),
};

describe('typed success bodies', () => {
  it('reset_conference_token returns the ConferenceToken', async () => {
    const token = await clients().signalwire.resetConferenceToken(TOKEN_ID);
    expect(token.id).toBe(TOKEN_ID);
    expect(token.name).toBe('My First Token');
    expect(token.token).toMatch(/^vpt_[0-9a-f]{32}$/);
    expect(token.scopes).toEqual(['room.member.audio_mute']);
  });

  it('create_subscriber_token returns subscriber_id, token and refresh_token', async () => {
    const result = await clients().signalwire.createSubscriberToken({ reference: 'alice@example.net', scope: 'sat:refresh' });
    expect(result.subscriber_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.token.split('.')).toHaveLength(5);
    expect(result.refresh_token.split('.')).toHaveLength(5);
  });

  it('refresh_subscriber_token returns a new token pair', async () => {
    const pair = await clients().signalwire.refreshSubscriberToken({ refresh_token: 'eyJhbGciOiJkaXIi..a.b.c' });
    expect(pair.token).not.toBe(pair.refresh_token);
  });

  it('create_subscriber_guest_token returns a token pair', async () => {
    const pair = await clients().signalwire.createSubscriberGuestToken({ allowed_addresses: [ADDRESS], expire_at: 4102444800 });
    expect(Buffer.from(pair.token.split('.')[0]!, 'base64url').toString()).toContain('"typ":"SAT"');
  });

  it('get_proconf_token and create_proconf_token return {error: null, data: jwt}', async () => {
    const c = clients();
    const app = await c.app.getProconfToken({ role: 'member', room: 'standup', participantName: 'Priya' });
    const admin = await c.admin.createProconfToken({ role: 'owner', room: 'testRoom', participantName: 'Alex' });
    for (const r of [app, admin]) {
      expect(r.error).toBeNull();
      expect(r.data.split('.')).toHaveLength(3);
    }
  });
});

describe('every documented status and named example', () => {
  for (const op of Object.values(operations)) {
    for (const status of op.statuses) {
      const examples = responseExamples(op.api, op.path, status);
      for (const [name, example] of Object.entries(examples)) {
        it(`${op.operationId} ${status} (example ${name})`, async () => {
          const headers = { Prefer: `code=${status}, example=${name}` };
          const call = calls[op.operationId](clients(), headers);
          if (status < 300) {
            const body = await call;
            expect(body).toEqual(example);
            expect(responseSchemaErrors(op.api, op.path, status, body)).toBe('');
            return;
          }
          const error = await call.then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(HttpError);
          const http = error as HttpError;
          expect(http.status).toBe(status);
          expect(http.operationId).toBe(op.operationId);
          expect(http.documented).toBe(true);
          expect(http.body).toEqual(example);
          expect(responseSchemaErrors(op.api, op.path, status, http.body)).toBe('');
        });
      }
    }
  }
});

describe('invalid requests reach the mock raw and come back as typed errors', () => {
  it('a non-uuid id gives the Video 400 body', async () => {
    const error = await clients()
      .signalwire.resetConferenceToken('not-a-uuid')
      .catch((e: unknown) => e);
    expect(isSignalWireError(error, 'reset_conference_token')).toBe(true);
    if (!isSignalWireError(error, 'reset_conference_token')) return;
    expect(error.status).toBe(400);
    if (error.status === 400) expect(error.body.error).toBe('Bad Request');
  });

  it('11 allowed addresses give a Fabric 422 about allowed_addresses', async () => {
    const eleven = Array.from({ length: 11 }, () => ADDRESS);
    const error = await clients()
      .signalwire.createSubscriberGuestToken({ allowed_addresses: eleven })
      .catch((e: unknown) => e);
    expect(isSignalWireError(error, 'create_subscriber_guest_token')).toBe(true);
    if (!isSignalWireError(error, 'create_subscriber_guest_token') || error.status !== 422) throw error;
    expect(error.body.errors.map((e) => e.attribute)).toContain('allowed_addresses');
    expect(responseSchemaErrors('signalwire-fabric', '/api/fabric/guests/tokens', 422, error.body)).toBe('');
  });

  it('a missing reference gives a Fabric 422 about reference', async () => {
    const error = await clients()
      .signalwire.createSubscriberToken({} as never)
      .catch((e: unknown) => e);
    if (!isSignalWireError(error, 'create_subscriber_token') || error.status !== 422) throw error;
    expect(error.body.errors.map((e) => e.attribute)).toContain('reference');
    expect(error.body.errors.map((e) => e.code)).toContain('missing_required_parameter');
  });

  it('a missing role gives the ProCONF 400 envelope', async () => {
    const error = await clients()
      .admin.createProconfToken({ room: 'r', participantName: 'p' } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect((error as HttpError).body).toEqual({ data: null, error: { code: 400, message: 'Invalid body in request.' } });
  });

  it('no credentials give each API its own 401 body', async () => {
    const baseUrl = inject('mockUrl');
    const response = await fetch(`${baseUrl}/api/fabric/guests/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ allowed_addresses: [ADDRESS] }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Unauthorized' });
    const app = createProconfAppClient({ baseUrl });
    const error = await app.getProconfToken({ role: 'member', room: 'r', participantName: 'p' }).catch((e: unknown) => e);
    expect((error as HttpError).status).toBe(401);
    expect((error as HttpError).body).toEqual({ data: null, error: { code: 401, message: 'Unauthorized' } });
  });
});
