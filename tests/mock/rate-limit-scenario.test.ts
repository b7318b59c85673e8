// The mock serves the documented 429 of every app-server operation: the
// spec's example body in the API's own envelope and the `Retry-After` header
// the spec declares, chosen with `Prefer: code=429` or `?__code=429`.
import { describe, expect, inject, it } from 'vitest';
import { responseExamples } from '../support/spec-schemas.ts';
import { OPERATIONS, send } from './requests.ts';

const url = inject('mockUrl');
const limited = OPERATIONS.filter((op) => op.statuses.includes(429 as never));

describe('the 429 scenario', () => {
  it('is documented on every application-server operation (and on no provider operation)', () => {
    expect(limited.map((op) => op.operationId).sort()).toEqual(['get_proconf_token', 'issue_guest_token', 'issue_subscriber_token', 'renew_subscriber_token']);
  });

  it.each(limited.map((op) => [op.operationId, op] as const))('%s: Prefer: code=429 gives the example body and a Retry-After', async (id, op) => {
    const got = await send(url, id, { headers: { prefer: 'code=429' } });
    expect(got.status).toBe(429);
    expect(got.body).toEqual(responseExamples(op.api, op.path, 429).rate_limited);
    expect(got.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    const viaQuery = await send(url, id, { query: '?__code=429' });
    expect([viaQuery.status, viaQuery.headers.get('retry-after')]).toEqual([429, got.headers.get('retry-after')]);
  });
});
