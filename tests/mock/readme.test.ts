// The README's scenario table is the one generated from the specs, so it is
// complete and cannot drift from what the mock serves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { scenarioTable } from '../../src/mock/scenario-table.ts';

it('README mock section carries the generated scenario table verbatim (docs/mock.md too: docs-md.test.ts)', async () => {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('<!-- section:mock'), readme.indexOf('<!-- /section:mock -->'));
  const table = await scenarioTable();
  expect(table.split('\n').length).toBeGreaterThan(50);
  expect(section).toContain(table);
});
