// docs/mock.md's scenario table is the one generated from the specs, so it is
// complete and cannot drift from what the mock serves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { scenarioTable } from '../../src/mock/scenario-table.ts';

it('docs/mock.md carries the generated scenario table verbatim', async () => {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'mock.md'), 'utf8');
  const section = readme;
  const table = await scenarioTable();
  expect(table.split('\n').length).toBeGreaterThan(50);
  expect(section).toContain(table);
});
