// Opt-in validation from precompiled validators: requests are checked before
// anything leaves the process, responses against the spec, and neither pulls
// a schema compiler (or, unused, any validator) into a bundle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createSignalWireClient, ConfigError, RequestValidationError, ResponseBodyError } from '../../src/signalwire/index.ts';
import { createProconfAppClient, createProconfAdminClient } from '../../src/proconf/index.ts';
import { proconfValidation, signalWireValidation } from '../../src/validation/index.ts';
import { recordingServer, type RecordingServer } from '../support/local-server.ts';
import { sendJson } from './support/answers.ts';
import { outcome } from './support/outcome.ts';
import { ADDRESS, ID, conferenceToken, tokenPair } from './support/fixtures.ts';

const root = join(import.meta.dirname, '..', '..');
let server: RecordingServer;
beforeAll(async () => {
  server = await recordingServer((req, res) => {
    if (req.url?.startsWith('/api/video')) return sendJson(res, 200, conferenceToken);
    if (req.url === '/api/fabric/subscribers/tokens') return sendJson(res, 200, { subscriber_id: ID, ...tokenPair });
    if (req.url?.startsWith('/api/fabric')) return sendJson(res, 201, tokenPair);
    sendJson(res, 200, { error: null, data: 'aaa.bbb.ccc' });
  });
});
afterAll(() => server.close());

const signalwire = (validation = signalWireValidation()) =>
  createSignalWireClient({ baseUrl: server.url, projectId: 'p', apiToken: 'validation-test-token', validation });

async function rejected(promise: Promise<unknown>): Promise<RequestValidationError> {
  const before = server.received.length;
  const { error } = await outcome(promise);
  expect(error).toBeInstanceOf(RequestValidationError);
  expect(server.received.length).toBe(before); // nothing was sent
  return error as RequestValidationError;
}

const twelve = Array.from({ length: 11 }, () => ADDRESS);

describe('request validation', () => {
  it('names the field and the limit: allowed_addresses: at most 10 items, got 11', async () => {
    const error = await rejected(signalwire().createSubscriberGuestToken({ allowed_addresses: twelve }));
    expect(error.message).toBe('create_subscriber_guest_token: invalid request, not sent: allowed_addresses: at most 10 items, got 11');
    expect(error.issues).toEqual([{ field: 'allowed_addresses', pointer: '/allowed_addresses', message: 'at most 10 items, got 11' }]);
    expect(JSON.parse(JSON.stringify(error)).issues).toHaveLength(1);
  });

  it.each([
    ['a dropped required field', { first_name: 'A' }, 'reference: is required'],
    ['a wrong type', { reference: 'r', expire_at: '2026-01-01' }, 'expire_at: must be integer, got string'],
    ['a length limit', { reference: 'r', fingerprint: 'short' }, 'fingerprint: at least 43 characters, got 5'],
    ['a bad format', { reference: 'r', application_id: 'not-a-uuid' }, 'application_id: must be a valid uuid'],
    ['a value outside an enum', { reference: 'r', scope: 'admin' }, 'scope: must be one of "sat:refresh"'],
    ['a non-integer', { reference: 'r', expire_at: 1795370400.5 }, 'expire_at: must be integer, got number'],
    ['an unknown field (requests are sealed, as in the current definition)', { reference: 'r', future_field: 1 }, 'future_field: is not an allowed field'],
    ['a pattern', { reference: 'r', fingerprint: '!'.repeat(43) }, 'fingerprint: must match ^[A-Za-z0-9_-]+$'],
  ])('create_subscriber_token: %s', async (_name, body, message) => {
    const error = await rejected(signalwire().createSubscriberToken(body as never));
    expect(error.message).toContain(message);
  });

  it('reports every violation at once, with array positions', async () => {
    const error = await rejected(signalwire().createSubscriberGuestToken({ allowed_addresses: [ADDRESS, 'x', 7 as never], region: 'eu' as never }));
    expect(error.issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'allowed_addresses[1]: must be a valid uuid',
      'allowed_addresses[2]: must be string, got integer',
      'region: must be one of "us-central"',
    ]);
  });

  it('checks path parameters too', async () => {
    const error = await rejected(signalwire().resetConferenceToken('../../admin'));
    expect(error.message).toContain('id: must be a valid uuid');
  });

  it('expire_at takes any integer, beyond 2^53-1 too, as the current definition states no bound', async () => {
    await expect(signalwire().createSubscriberGuestToken({ allowed_addresses: [ADDRESS], expire_at: 2 ** 64 })).resolves.toEqual(tokenPair);
  });

  it('SignalWire and ProCONF request bodies both reject unknown fields', async () => {
    const sealed = await rejected(signalwire().createSubscriberGuestToken({ allowed_addresses: [ADDRESS], future_field: 1 } as never));
    expect(sealed.message).toBe('create_subscriber_guest_token: invalid request, not sent: future_field: is not an allowed field');
    const app = createProconfAppClient({ baseUrl: server.url, validation: proconfValidation() });
    const error = await rejected(app.getProconfToken({ role: 'owner', room: 'r', participantName: 'p', isAdmin: true } as never));
    expect(error.message).toBe('get_proconf_token: invalid request, not sent: isAdmin: is not an allowed field');
    const admin = createProconfAdminClient({ baseUrl: server.url, validation: proconfValidation() });
    expect((await rejected(admin.createProconfToken({ role: '', room: 'r', participantName: 'p' }))).message).toContain('role: at least 1 character, got 0');
  });

  it('never repeats a value: only its type, length or count', async () => {
    const error = await rejected(signalwire().createSubscriberToken({ reference: 'r', password: 42 as never, fingerprint: 'hunter2-secret-value' }));
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('password: must be string, got integer');
  });

  it('valid requests pass, and with validation off nothing is checked', async () => {
    await expect(signalwire().resetConferenceToken(ID)).resolves.toEqual(conferenceToken);
    const before = server.received.length;
    const off = createSignalWireClient({ baseUrl: server.url, projectId: 'p', apiToken: 'validation-test-token' });
    await off.createSubscriberGuestToken({ allowed_addresses: twelve });
    expect(server.received.length).toBe(before + 1);
    const responseOnly = signalwire(signalWireValidation({ request: false, response: true }));
    await responseOnly.createSubscriberGuestToken({ allowed_addresses: twelve });
    expect(server.received.length).toBe(before + 2);
  });

  it('a validation option that did not come from the validation entry is a ConfigError', () => {
    expect(() => signalwire('yes' as never)).toThrow(ConfigError);
    expect(() => signalwire({ request: 'always' } as never)).toThrow(/rtc-token-apis\/validation/);
  });

  it('validators for the wrong service fail loudly instead of passing everything', async () => {
    const wrong = createProconfAppClient({ baseUrl: server.url, validation: signalWireValidation() });
    const error = await rejected(wrong.getProconfToken({ role: 'owner', room: 'r', participantName: 'p' }));
    expect(error.message).toContain('get_proconf_token is not covered by these validators');
  });

  it('server code can call the same check directly', () => {
    const issues = proconfValidation().request!('get_proconf_token', { body: { role: 'owner', room: 'r' } });
    expect(issues).toEqual([{ field: 'participantName', pointer: '/participantName', message: 'is required' }]);
  });
});

describe('response validation', () => {
  it('accepts documented bodies', async () => {
    const client = signalwire(signalWireValidation({ response: true }));
    await expect(client.createSubscriberToken({ reference: 'alice' })).resolves.toMatchObject({ subscriber_id: ID });
    await expect(client.resetConferenceToken(ID)).resolves.toEqual(conferenceToken);
  });

  it('flags a 2xx status the operation does not document', async () => {
    const odd = await recordingServer((_q, res) => sendJson(res, 202, tokenPair));
    try {
      const client = createSignalWireClient({
        baseUrl: odd.url,
        projectId: 'p',
        apiToken: 'validation-test-token',
        validation: signalWireValidation({ response: true }),
      });
      const { error } = await outcome(client.createSubscriberGuestToken({ allowed_addresses: [] }));
      expect(error).toBeInstanceOf(ResponseBodyError);
      expect((error as Error).message).toContain('HTTP 202 is not a documented response of create_subscriber_guest_token');
    } finally {
      await odd.close();
    }
  });
});

describe('no schema compiler at runtime, and no cost when unused', () => {
  const files = readdirSync(join(root, 'generated', 'validators'));

  it('one generated module per API, with no import or require at all', () => {
    expect(files.sort()).toEqual(['proconf-admin.ts', 'proconf-app.ts', 'signalwire-app.ts', 'signalwire-fabric.ts', 'signalwire-video.ts']);
    for (const f of files) {
      const code = readFileSync(join(root, 'generated', 'validators', f), 'utf8');
      // (Ajv's ucs2length helper keeps its own source path as a string: text, not a require.)
      expect(code).not.toMatch(/[^'"\w.]require\(|\bimport\s*[({'"\w*]|\bfrom\s*['"]/);
      expect(code).toMatch(/export const validators: ValidatorTable = /);
    }
  });

  async function bundleInputs(entry: string): Promise<string[]> {
    const result = await build({
      entryPoints: [join(root, entry)],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      metafile: true,
      logLevel: 'silent',
    });
    return Object.keys(result.metafile.inputs);
  }

  it('the validation entry bundles without Ajv', async () => {
    const inputs = await bundleInputs('src/validation/index.ts');
    expect(inputs.some((i) => i.includes('generated/validators/signalwire-fabric'))).toBe(true);
    expect(inputs.filter((i) => /node_modules\/ajv/.test(i))).toEqual([]);
  });

  it('a client that does not import validation does not bundle any validator', async () => {
    for (const entry of ['src/signalwire/index.ts', 'src/proconf/index.ts']) {
      const inputs = await bundleInputs(entry);
      expect(inputs.some((i) => i.includes('src/core/call'))).toBe(true);
      expect(inputs.filter((i) => /validators|src\/validation/.test(i))).toEqual([]);
    }
  });
});
