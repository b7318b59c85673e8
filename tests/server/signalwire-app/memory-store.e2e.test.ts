// The in-memory store's heap after 20,000 distinct mints, measured in a
// separate Node process with --expose-gc (a real heap, not an estimate).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('20,000 distinct mints: bounded by the capacity, and released once every entry expired', async () => {
  const script = join(import.meta.dirname, 'fixtures', 'memory-heap.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
    cwd: join(import.meta.dirname, '..', '..', '..'),
  });
  const { capped, full, expired } = JSON.parse(stdout.trim().split('\n').pop()!) as { capped: number; full: number; expired: number };
  console.log(
    `memory store after 20,000 mints: capacity 1000 ${capped.toFixed(1)} MB, default capacity ${full.toFixed(1)} MB, all expired ${expired.toFixed(1)} MB`,
  );
  // 1000 grants of ~1.4 KB each hold about 2 MB; 20,000 would hold about 35 MB.
  expect(capped).toBeLessThan(5);
  // The default capacity (10,000) caps the second store at about half of that...
  expect(full).toBeLessThan(25);
  // ...and once every entry expired, the next write sweeps them all.
  expect(expired).toBeLessThan(2);
});
