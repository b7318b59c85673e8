// docs/mock.md carries the generated scenario table verbatim (its code
// blocks are compiled and run by docs-md.e2e.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { scenarioTable } from '../../src/mock/scenario-table.ts';

const repo = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(repo, 'docs', 'mock.md'), 'utf8');

it('carries the generated scenario table verbatim', async () => {
  const table = await scenarioTable();
  expect(table.split('\n').length).toBeGreaterThan(50);
  expect(doc).toContain(table);
});
