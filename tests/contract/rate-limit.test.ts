// The documented 429 reaches a browser app as a typed error carrying the
// retry delay: both app clients against the mock's 429 scenario get an
// HttpError that is `documented`, with the body typed for status 429 and
// `retryAfterMs` read from the `Retry-After` header.
import { describe, expect, inject, it } from 'vitest';
import { createProconfAppClient, isProconfAppError } from '../../src/proconf/index.ts';
import { createSignalWireAppClient, isSignalWireAppError } from '../../src/signalwire-app/index.ts';

const baseUrl = inject('mockUrl');
const prefer = { headers: { prefer: 'code=429' } };
const FP = 'Zm9vYmFyLWRldmljZS1maW5nZXJwcmludC0wMDAwMDA';

describe('a 429 through the app clients', () => {
  it('ProCONF: HttpError 429, documented, with the envelope and retryAfterMs', async () => {
    const client = createProconfAppClient({ baseUrl, credentials: () => 'user-session-token' });
    const error = await client.getProconfToken({ role: 'member', room: 'standup', participantName: 'Priya' }, prefer).catch((e: unknown) => e);
    expect(isProconfAppError(error, 'get_proconf_token')).toBe(true);
    if (!isProconfAppError(error, 'get_proconf_token') || error.status !== 429) throw new Error('expected the documented 429');
    // Typed for 429: the envelope's code is a number.
    const code: number = error.body.error.code;
    expect([code, error.body.error.message, error.documented]).toEqual([429, 'Too many requests.', true]);
    expect(error.retryAfterMs).toBe(12_000);
  });

  it.each([
    ['issue_subscriber_token', (c: ReturnType<typeof createSignalWireAppClient>) => c.issueSubscriberToken({ fingerprint: FP }, prefer)],
    ['renew_subscriber_token', (c: ReturnType<typeof createSignalWireAppClient>) => c.renewSubscriberToken({ fingerprint: FP }, prefer)],
    [
      'issue_guest_token',
      (c: ReturnType<typeof createSignalWireAppClient>) => c.issueGuestToken({ allowed_addresses: ['a46e1381-21cf-46c9-bfed-576eb3b96370'] }, prefer),
    ],
  ] as const)('SignalWire app %s: HttpError 429 rate_limited with retryAfterMs', async (operationId, call) => {
    const client = createSignalWireAppClient({ baseUrl, credentials: () => 'user-session-token' });
    const error = await call(client).catch((e: unknown) => e);
    expect(isSignalWireAppError(error, operationId)).toBe(true);
    if (!isSignalWireAppError(error, operationId) || error.status !== 429) throw new Error('expected the documented 429');
    expect([error.body.error.code, error.documented, error.retryAfterMs]).toEqual(['rate_limited', true, 12_000]);
  });
});
