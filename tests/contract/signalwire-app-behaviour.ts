// The behaviour any server implementing signalwire-app.yaml must show: run
// against the Prism mock and against the shipped handlers. Error bodies are
// compared with the spec's own named examples, so both must send those exactly.
import { describe, expect, it } from 'vitest';
import { createSignalWireAppClient, HttpError, isSignalWireAppError } from '../../src/signalwire-app/index.ts';
import { responseExamples, responseSchemaErrors } from '../support/spec-schemas.ts';

export interface SignalWireAppTarget {
  baseUrl: string;
  /** A credential the server accepts. */
  credential: string;
  /** An address the server's guest policy grants. */
  guestAddress: string;
}

const API = 'signalwire-app';
const ISSUE = '/signalwire/tokens/subscriber';
const RENEW = '/signalwire/tokens/subscriber/refresh';
const GUEST = '/signalwire/tokens/guest';
const FINGERPRINT = 'Qk9CLWRldmljZS1maW5nZXJwcmludC0xMjM0NTY3ODk';

const example = (path: string, status: number, name: string) => responseExamples(API, path, status)[name];

async function rawPost(target: SignalWireAppTarget, path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.credential}`, ...headers },
    body,
  });
  return { status: response.status, cache: response.headers.get('cache-control'), body: (await response.json()) as unknown };
}

export function describeSignalWireAppBehaviour(label: string, target: () => SignalWireAppTarget) {
  describe(`signalwire-app behaviour: ${label}`, () => {
    const client = () => createSignalWireAppClient({ baseUrl: target().baseUrl, credentials: () => target().credential });

    it('issues a subscriber token: a SAT JWE and its expiry, never a refresh token', async () => {
      const grant = await client().issueSubscriberToken({ fingerprint: FINGERPRINT });
      expect(grant.token.split('.')).toHaveLength(5);
      expect(Buffer.from(grant.token.split('.')[0]!, 'base64url').toString()).toContain('"typ":"SAT"');
      expect(Number.isInteger(grant.expire_at)).toBe(true);
      expect(Object.keys(grant).sort()).toEqual(['expire_at', 'token']);
      expect(responseSchemaErrors(API, ISSUE, 200, grant)).toBe('');
    });

    it('renews a subscriber token in the same shape', async () => {
      await client().issueSubscriberToken({ fingerprint: FINGERPRINT });
      const grant = await client().renewSubscriberToken({ fingerprint: FINGERPRINT });
      expect(Object.keys(grant).sort()).toEqual(['expire_at', 'token']);
      expect(responseSchemaErrors(API, RENEW, 200, grant)).toBe('');
    });

    for (const path of [ISSUE, RENEW]) {
      it(`${path}: 401 unauthorized without a credential`, async () => {
        const bare = createSignalWireAppClient({ baseUrl: target().baseUrl });
        const call = path === ISSUE ? bare.issueSubscriberToken({ fingerprint: FINGERPRINT }) : bare.renewSubscriberToken({ fingerprint: FINGERPRINT });
        const error = await call.catch((e: unknown) => e);
        const id = path === ISSUE ? 'issue_subscriber_token' : 'renew_subscriber_token';
        expect(isSignalWireAppError(error, id)).toBe(true);
        expect((error as HttpError).status).toBe(401);
        expect((error as HttpError).body).toEqual(example(path, 401, 'unauthorized'));
      });

      const invalid: [string, unknown][] = [
        ['no fingerprint', {}],
        ['a 42-character fingerprint', { fingerprint: FINGERPRINT.slice(1) }],
        ['a fingerprint with a "+"', { fingerprint: `${FINGERPRINT.slice(1)}+` }],
        ['a reference in the body', { fingerprint: FINGERPRINT, reference: 'admin@example.net' }],
        ['a scope in the body', { fingerprint: FINGERPRINT, scope: 'sat:refresh' }],
      ];
      for (const [what, body] of invalid) {
        it(`${path}: 400 invalid_body for ${what}`, async () => {
          const response = await rawPost(target(), path, JSON.stringify(body));
          expect(response.status).toBe(400);
          expect(response.body).toEqual(example(path, 400, 'invalid_body'));
        });
      }
    }

    it('issues a guest token for an address the policy grants', async () => {
      const grant = await client().issueGuestToken({ allowed_addresses: [target().guestAddress] });
      expect(grant.token.split('.')).toHaveLength(5);
      expect(responseSchemaErrors(API, GUEST, 200, grant)).toBe('');
    });

    const invalidGuests: [string, unknown][] = [
      ['no addresses', { allowed_addresses: [] }],
      ['eleven addresses', { allowed_addresses: Array.from({ length: 11 }, (_, i) => `a46e1381-21cf-46c9-bfed-576eb3b963${String(i).padStart(2, '0')}`) }],
      ['an address that is not a uuid', { allowed_addresses: ['support-line'] }],
      ['an unknown property', { allowed_addresses: ['a46e1381-21cf-46c9-bfed-576eb3b96370'], expire_at: 4102444800 }],
    ];
    for (const [what, body] of invalidGuests) {
      it(`guest: 400 invalid_body for ${what}`, async () => {
        const response = await rawPost(target(), GUEST, JSON.stringify(body));
        expect(response.status).toBe(400);
        expect(response.body).toEqual(example(GUEST, 400, 'invalid_body'));
      });
    }

    it('413 too_large for a body over the documented limit', async () => {
      const response = await rawPost(target(), ISSUE, JSON.stringify({ fingerprint: FINGERPRINT, pad: 'x'.repeat(9000) }));
      expect(response.status).toBe(413);
      expect(response.body).toEqual(example(ISSUE, 413, 'too_large'));
    });

    it('the typed client surfaces a 400 as an HttpError with the typed body', async () => {
      const error = await client()
        .renewSubscriberToken({ fingerprint: 'short' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).operationId).toBe('renew_subscriber_token');
      expect(responseSchemaErrors(API, RENEW, 400, (error as HttpError).body)).toBe('');
    });
  });
}
