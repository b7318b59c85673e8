// generated/operation-facts.ts writes each distinct error body once and
// refers to it from every operation that documents it; read back, the table
// is exactly what the generator's pure function gives for the bundled specs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { operationFacts } from '../../../generated/operation-facts.ts';
import { repoRoot } from '../../../scripts/lib/apis.ts';
import { operationFactsOf } from '../../../scripts/lib/artifacts.ts';
import { loadBundledSpecs } from '../../../src/openapi-doc/bundled.ts';

/** The module without whitespace, so a body is found however it is indented. */
const text = readFileSync(join(repoRoot, 'generated', 'operation-facts.ts'), 'utf8').replace(/\s+/g, '');

it('holds the facts of the bundled specs', () => {
  expect(JSON.parse(JSON.stringify(operationFacts))).toEqual(operationFactsOf(loadBundledSpecs()));
});

it('writes each distinct error body once', () => {
  const bodies = Object.values(operationFacts as Record<string, { errorExamples: Record<string, { body: unknown }> }>).flatMap((f) =>
    Object.values(f.errorExamples).map((e) => JSON.stringify(e.body).replace(/\s+/g, '')),
  );
  const distinct = [...new Set(bodies)];
  expect(bodies.length).toBeGreaterThan(distinct.length * 2);
  for (const body of distinct) expect(text.split(body).length - 1, body).toBe(1);
});
