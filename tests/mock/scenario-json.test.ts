// `mock --scenarios --json`: one plain object per row of the scenario table,
// with camelCase keys and no Markdown, covering every operation and every
// documented status, and the same rows as the table (one source).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { operations } from '../../generated/operations.ts';
import { scenarioJson, scenarioTable } from '../../src/mock/scenario-table.ts';

const rows = scenarioJson();

it('gives each row camelCase keys and plain values', () => {
  for (const row of rows) {
    const { example, ...rest } = row;
    expect(rest).toEqual({
      api: expect.any(String),
      operationId: expect.any(String),
      status: expect.any(Number),
      scenario: expect.any(String),
      how: expect.any(String),
      returns: expect.any(String),
    });
    if ('example' in row) expect(example).toBe(row.scenario);
    for (const value of Object.values(row)) expect(String(value)).not.toMatch(/`|\\\|/);
  }
  expect(rows.find((r) => r.operationId === 'create_proconf_token' && r.example === 'member')).toMatchObject({
    api: 'proconf-admin',
    status: 200,
    how: 'Prefer: example=member or ?__example=member',
  });
});

it('covers every operation, each under its API, with every documented status', () => {
  expect(new Set(rows.map((r) => r.operationId))).toEqual(new Set(Object.keys(operations)));
  for (const [id, operation] of Object.entries(operations)) {
    const mine = rows.filter((r) => r.operationId === id);
    expect(new Set(mine.map((r) => r.api))).toEqual(new Set([operation.api]));
    expect(new Set(mine.map((r) => r.status))).toEqual(new Set(operation.statuses));
  }
});

it('holds the same rows as the Markdown table, in order', async () => {
  const plain = (cell: string) => cell.replace(/`/g, '').replace(/\\\|/g, '|');
  const table = (await scenarioTable())
    .split('\n')
    .slice(2)
    .map((line) =>
      line
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map(plain),
    );
  expect(table).toEqual(rows.map((r) => [r.operationId, String(r.status), r.scenario, r.how, r.returns]));
});

it("is what docs/mock.md's example row shows, key order included", () => {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'mock.md'), 'utf8');
  const shown = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
  const row = JSON.parse(shown) as { operationId: string; example: string };
  expect(
    JSON.stringify(
      rows.find((r) => r.operationId === row.operationId && r.example === row.example),
      null,
      2,
    ),
  ).toBe(shown.trim());
});
