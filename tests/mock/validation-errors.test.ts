// Invalid requests get each API's own error format describing the actual
// violations, valid against the spec, and one readable log line each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.ts';
import { responseSchemaErrors } from '../support/spec-schemas.ts';
import { BASIC, send } from './requests.ts';
import { operations, type OperationId } from '../../generated/operations.ts';

const lines: string[] = [];
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, log: (line) => lines.push(line) });
});
afterAll(() => mock.close());

const doc = (code: string) => `https://signalwire.com/docs/apis/error-codes#${code}`;
const item = (code: string, attribute: string | null, message: string) => ({ type: 'validation_error', code, attribute, message, url: doc(code) });
const uuid = 'a46e1381-21cf-46c9-bfed-576eb3b96370';

async function expectInvalid(id: OperationId, overrides: Parameters<typeof send>[2], status: number, body: unknown) {
  const got = await send(mock.url, id, overrides);
  expect(got.status).toBe(status);
  expect(got.body).toEqual(body);
  const op = operations[id];
  expect(responseSchemaErrors(op.api, op.path, status, got.body)).toBe('');
  return got;
}

describe('Fabric 422: one SignalWire error item per actual violation', () => {
  it('names a missing required field', () =>
    expectInvalid('create_subscriber_token', { body: { first_name: 'Alice' } }, 422, {
      errors: [item('missing_required_parameter', 'reference', 'reference is required')],
    }));

  it('treats a request without a body as every required field missing', () =>
    expectInvalid('create_subscriber_token', { body: undefined }, 422, { errors: [item('missing_required_parameter', 'reference', 'reference is required')] }));

  it('lists several violations, each with its field', () =>
    expectInvalid(
      'create_subscriber_token',
      { body: { reference: 'alice@example.net', fingerprint: 'short', region: 'eu-west', expire_at: 'tomorrow' } },
      422,
      {
        errors: [
          item('invalid_parameter', 'expire_at', 'expire_at must be integer'),
          item('invalid_parameter', 'region', 'region must be equal to one of the allowed values: us-central'),
          item('invalid_parameter', 'fingerprint', 'fingerprint must NOT have fewer than 43 characters'),
        ],
      },
    ));

  it('uses allowed_address_limit_exceeded (with its documented message) for more than 10 addresses and invalid_parameter for a non-uuid', () =>
    expectInvalid('create_subscriber_guest_token', { body: { allowed_addresses: ['not-a-uuid', ...Array(10).fill(uuid)] } }, 422, {
      errors: [
        item('allowed_address_limit_exceeded', 'allowed_addresses', 'At most 10 addresses are allowed'), // the documented example's message
        item('invalid_parameter', 'allowed_addresses', 'allowed_addresses.0 must match format "uuid"'),
      ],
    }));

  it('names the refresh token when it is missing', () =>
    expectInvalid('refresh_subscriber_token', { body: {} }, 422, {
      errors: [item('missing_required_parameter', 'refresh_token', 'refresh_token is required')],
    }));

  it('names each property a sealed body does not allow', () =>
    expectInvalid('create_subscriber_token', { body: { reference: 'alice@example.net', future_field: 1, nickname: 'Al' } }, 422, {
      errors: [
        item('invalid_parameter', 'future_field', 'future_field is not an allowed parameter'),
        item('invalid_parameter', 'nickname', 'nickname is not an allowed parameter'),
      ],
    }));

  it('says the body must be a JSON object when it does not parse', () =>
    expectInvalid('create_subscriber_guest_token', { rawBody: '{"allowed_addresses": [' }, 422, {
      errors: [item('invalid_parameter', null, 'the request body must be a JSON object')],
    }));
});

describe('fixed error bodies of the other APIs', () => {
  it('ProCONF: 400 with the documented envelope and message', async () => {
    const envelope = { data: null, error: { code: 400, message: 'Invalid body in request.' } };
    await expectInvalid('get_proconf_token', { body: { role: 'owner', room: '', participantName: 'Alex', admin: true } }, 400, envelope);
    await expectInvalid('create_proconf_token', { body: { role: null, room: 'r', participantName: 'p' } }, 400, envelope);
  });

  it('Video: 400 {"error":"Bad Request"} for an id that is not a uuid', () =>
    expectInvalid('reset_conference_token', { path: '/api/video/conference_tokens/12345/reset' }, 400, { error: 'Bad Request' }));
});

describe('request log', () => {
  it('writes one readable line per request with the violation detail and never the credential', async () => {
    lines.length = 0;
    await send(mock.url, 'create_subscriber_token', { body: { fingerprint: 'short' } });
    await send(mock.url, 'get_proconf_token', { headers: { authorization: '' } });
    await send(mock.url, 'reset_conference_token', { headers: { prefer: 'code=500' } });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^POST \/api\/fabric\/subscribers\/tokens -> 422 create_subscriber_token \([\d.]+ ms\) - invalid request: .*required property 'reference'.*fingerprint must NOT have fewer than 43 characters/,
    );
    expect(lines[1]).toMatch(/^POST \/proconfToken -> 401 get_proconf_token .* no valid credential/);
    expect(lines[2]).toMatch(/-> 500 reset_conference_token .* scenario code=500$/);
    const secret = Buffer.from(BASIC.slice(6), 'base64').toString();
    for (const line of lines) {
      expect(line).not.toContain(BASIC.slice(6));
      expect(line).not.toContain(secret.split(':')[1]);
    }
  });
});
