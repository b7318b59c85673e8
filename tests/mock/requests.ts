// A valid request for every operation the mock serves, written out by hand so
// the tests do not trust the mock's own idea of a valid request. A new
// operation without an entry here fails the scenario test.
import { operations, type OperationId } from '../../generated/operations.ts';

export const BASIC = `Basic ${Buffer.from('demo-project-id:demo-api-token').toString('base64')}`;
export const BEARER = 'Bearer demo-user-session-token';
const b64 = (s: string) => Buffer.from(s).toString('base64url');
/** A compact JWE with SignalWire's SAT header (the mock cannot decrypt it, and need not). */
const SAT = [b64('{"alg":"dir","enc":"A256GCM","typ":"SAT"}'), '', b64('twelve-bytes'), b64('demo ciphertext'), b64('sixteen byte tag')].join('.');

interface ValidRequest {
  path: string;
  authorization?: string;
  body?: unknown;
}

export const VALID: Record<OperationId, ValidRequest> = {
  reset_conference_token: { path: '/api/video/conference_tokens/c22d24f6-5a47-4597-9a23-c7d01e696b92/reset', authorization: BASIC },
  create_subscriber_token: { path: '/api/fabric/subscribers/tokens', authorization: BASIC, body: { reference: 'alice@example.net' } },
  refresh_subscriber_token: { path: '/api/fabric/subscribers/tokens/refresh', authorization: BASIC, body: { refresh_token: SAT } },
  create_subscriber_guest_token: {
    path: '/api/fabric/guests/tokens',
    authorization: BASIC,
    body: { allowed_addresses: ['a46e1381-21cf-46c9-bfed-576eb3b96370'] },
  },
  get_proconf_token: { path: '/proconfToken', authorization: BEARER, body: { role: 'member', room: 'design-review', participantName: 'Noor' } },
  create_proconf_token: { path: '/api/proconf-token', body: { role: 'owner', room: 'testRoom', participantName: 'Alex' } },
  issue_subscriber_token: {
    path: '/signalwire/tokens/subscriber',
    authorization: BEARER,
    body: { fingerprint: 'Zm9vYmFyLWRldmljZS1maW5nZXJwcmludC0wMDAwMDA' },
  },
  renew_subscriber_token: {
    path: '/signalwire/tokens/subscriber/refresh',
    authorization: BEARER,
    body: { fingerprint: 'Zm9vYmFyLWRldmljZS1maW5nZXJwcmludC0wMDAwMDA' },
  },
  issue_guest_token: { path: '/signalwire/tokens/guest', authorization: BEARER, body: { allowed_addresses: ['a46e1381-21cf-46c9-bfed-576eb3b96370'] } },
};

export const OPERATIONS = Object.values(operations);

export interface Sent {
  status: number;
  contentType: string | null;
  body: any;
  headers: Headers;
}

/** POSTs to the mock; `body: undefined` in overrides sends no body at all. */
export async function send(
  baseUrl: string,
  id: OperationId,
  overrides: { query?: string; headers?: Record<string, string>; body?: unknown; rawBody?: string; path?: string } = {},
): Promise<Sent> {
  const valid = VALID[id];
  const body = 'body' in overrides ? overrides.body : valid.body;
  const raw = overrides.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const response = await fetch(`${baseUrl}${overrides.path ?? valid.path}${overrides.query ?? ''}`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      ...(valid.authorization && { authorization: valid.authorization }),
      ...(raw !== undefined && { 'content-type': 'application/json' }),
      ...overrides.headers,
    },
    body: raw,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: response.status, contentType: response.headers.get('content-type'), body: parsed, headers: response.headers };
}
