// The bench's Markdown tables as Biome formats them, checked by running
// Biome: its own file in the e2e project, as it spawns a process (tests/README.md).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { markdownTable } from '../../bench/table.ts';

it('writes tables as Biome formats them, so a written RESULTS.md passes `npm test`', () => {
  const table = `${markdownTable(
    ['Part', 'Measured'],
    [
      ['bundle', '4.75 KB'],
      ['overhead: stubbed fetch', '1.050×'],
    ],
  )}\n`;
  const biome = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'biome');
  expect(execFileSync(biome, ['format', '--stdin-file-path=RESULTS.md'], { input: table, encoding: 'utf8' })).toBe(table);
});
