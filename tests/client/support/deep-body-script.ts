// Run in a child process by scrub-memory.e2e.test.ts: one call to a local server
// answering a body nested DEPTH levels deep, as a 200 or as a 500, and what it
// cost the heap: committed heap grown during the call (the peak the walk
// needed) and the heap still used while the result is held, both after GC.
import { getHeapStatistics } from 'node:v8';
import { createSignalWireClient, HttpError } from '../../../src/signalwire/index.ts';

const [url, mode] = process.argv.slice(2) as [string, 'success' | 'error'];
const gc = (globalThis as { gc?: () => void }).gc!;
const client = createSignalWireClient({ baseUrl: url, projectId: 'p', apiToken: 'deep-body-api-token', maxResponseBytes: 4 * 1024 * 1024, timeoutMs: 120_000 });
// Warm the path (module code, the first socket) so neither mode pays for it.
await client.createSubscriberGuestToken({ allowed_addresses: [] }, { headers: { 'x-mode': 'small' } }).catch(() => {});
gc();
const before = getHeapStatistics();
let held: unknown;
let kind = 'value';
try {
  held = await client.createSubscriberGuestToken({ allowed_addresses: [] }, { headers: { 'x-mode': mode } });
} catch (error) {
  held = error;
  kind = error instanceof HttpError ? `HttpError ${error.status}` : `${(error as Error).name}: ${(error as Error).message}`;
}
const grown = getHeapStatistics().total_heap_size - before.total_heap_size;
gc();
const retained = getHeapStatistics().used_heap_size - before.used_heap_size;
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
process.stdout.write(`${JSON.stringify({ kind, grownMb: mb(grown), retainedMb: mb(retained), held: held !== undefined })}\n`);
