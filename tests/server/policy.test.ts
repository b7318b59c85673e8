// Which role a caller receives: the safe default (member only, never owner),
// and custom policies that refuse or rewrite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowRoles, DEFAULT_ALLOWED_ROLES, type TokenPolicy } from '../../src/server/index.ts';
import { ENVELOPES, post, serveHandler, type User, mintingAdminUrl } from './serve.ts';

const ask = (role: string) => JSON.stringify({ role, room: 'standup', participantName: 'Priya' });

describe('default policy (no policy option)', () => {
  let s: Awaited<ReturnType<typeof serveHandler>>;
  beforeAll(async () => {
    s = await serveHandler({ adminBaseUrl: await mintingAdminUrl() });
  });
  afterAll(() => s.close());

  it('grants member', async () => {
    const response = await post(s.url, ask('member'));
    expect(response.status).toBe(200);
    expect(JSON.parse(s.adminCalls.at(-1)!.body)).toMatchObject({ role: 'member' });
  });

  for (const role of ['owner', 'Owner', 'moderator', ' member', 'admin']) {
    it(`refuses ${JSON.stringify(role)} with 401 and never asks the admin backend`, async () => {
      const calls = s.adminCalls.length;
      const response = await post(s.url, ask(role));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual(ENVELOPES[401]);
      expect(s.adminCalls.length).toBe(calls);
      expect(s.logs.at(-1)).toMatchObject({ outcome: 'role-refused', role });
    });
  }

  it('is documented as member only', () => {
    expect(DEFAULT_ALLOWED_ROLES).toEqual(['member']);
    expect(Object.isFrozen(DEFAULT_ALLOWED_ROLES)).toBe(true);
  });
});

describe('custom policies', () => {
  it('allowRoles grants exactly the listed roles', async () => {
    const s = await serveHandler({ adminBaseUrl: await mintingAdminUrl(), policy: allowRoles(['owner', 'member']) });
    try {
      const [owner, moderator] = await Promise.all([post(s.url, ask('owner')), post(s.url, ask('moderator'))]);
      expect(owner.status).toBe(200);
      expect(moderator.status).toBe(401);
      expect(s.adminCalls.map((c) => JSON.parse(c.body).role)).toEqual(['owner']);
    } finally {
      await s.close();
    }
  });

  it('may rewrite role, room and participantName from the caller; the admin backend gets only the rewrite', async () => {
    const seen: { caller: User; requested: unknown }[] = [];
    const policy: TokenPolicy<User> = async (requested, { caller }) => {
      seen.push({ caller, requested });
      return { role: 'member', room: `team-${caller.id}`, participantName: 'Alice Rivera' };
    };
    const s = await serveHandler({ adminBaseUrl: await mintingAdminUrl(), policy });
    try {
      const response = await post(s.url, ask('owner'));
      expect(response.status).toBe(200);
      expect(seen).toEqual([{ caller: { id: 'alice' }, requested: JSON.parse(ask('owner')) }]);
      expect(JSON.parse(s.adminCalls[0]!.body)).toEqual({ role: 'member', room: 'team-alice', participantName: 'Alice Rivera' });
      expect(s.logs[0]).toMatchObject({ outcome: 'token', role: 'member', room: 'team-alice' });
    } finally {
      await s.close();
    }
  });

  it("a policy returning a malformed request is a 500 (the app's bug), not a call upstream", async () => {
    const s = await serveHandler({ adminBaseUrl: await mintingAdminUrl(), policy: (r) => ({ ...r, role: '' }) });
    try {
      const response = await post(s.url, ask('member'));
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual(ENVELOPES[500]);
      expect(s.adminCalls).toHaveLength(0);
      expect(s.logs[0]).toMatchObject({ outcome: 'internal-error', failedHook: 'policy' });
    } finally {
      await s.close();
    }
  });
});
