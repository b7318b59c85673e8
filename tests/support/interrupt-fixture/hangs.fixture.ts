import { inject, it } from 'vitest';
import { writeFileSync } from 'node:fs';

// Reports the mock's URL, then fails or hangs, as the parent test asks.
it('reports the mock URL', async () => {
  writeFileSync(process.env.MOCK_URL_FILE!, inject('mockUrl'));
  if (process.env.FIXTURE_MODE === 'fail') throw new Error('deliberate failure');
  await new Promise(() => {});
}, 120_000);
