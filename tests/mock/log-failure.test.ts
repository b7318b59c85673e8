// A log callback that throws must not break a reply or crash the mock.
import { expect, it } from 'vitest';
import { startMockServer } from '../../src/mock/server.ts';

it('keeps serving when the log callback throws', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const mock = await startMockServer({
    port: 0,
    log: () => {
      throw new Error('log sink is down');
    },
  });
  try {
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${mock.url}/api/proconf-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'owner', room: 'testRoom', participantName: 'Alex' }),
      });
      expect(response.status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await mock.close();
  }
});
