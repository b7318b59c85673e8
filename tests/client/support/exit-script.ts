// Run in a child process by timeouts.e2e.test.ts: makes calls that end every way a
// call can end, prints "done", and must then exit by itself at once. A timer
// or socket left behind (say the 30 s default deadline) would hold it open.
import { createSignalWireClient, retryPolicy } from '../../../src/signalwire/index.ts';

const [okUrl, stallUrl, unavailableUrl, refusedUrl] = process.argv.slice(2) as [string, string, string, string];
const make = (baseUrl: string, extra: object = {}) => createSignalWireClient({ baseUrl, projectId: 'p', apiToken: 'exit-test-token', ...extra });
const body = { allowed_addresses: [] };
const settle = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: Error) => e.name,
  );

const results = await Promise.all([
  settle(make(okUrl).createSubscriberGuestToken(body)), // default 30 s deadline, must be cleared
  settle(make(stallUrl, { timeoutMs: 100 }).createSubscriberGuestToken(body)),
  settle(make(stallUrl).createSubscriberGuestToken(body, { signal: AbortSignal.timeout(100) })),
  settle(make(unavailableUrl, { retry: retryPolicy({ baseDelayMs: 10, maxAttempts: 2 }) }).createSubscriberGuestToken(body)),
  settle(make(unavailableUrl, { retry: retryPolicy({ baseDelayMs: 60_000 }) }).createSubscriberGuestToken(body, { signal: AbortSignal.timeout(150) })),
  settle(make(refusedUrl, { retry: retryPolicy({ baseDelayMs: 10 }) }).createSubscriberGuestToken(body)),
]);
process.stdout.write(`${JSON.stringify(results)}\ndone\n`);
