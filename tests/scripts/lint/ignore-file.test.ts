// The lint's one exemption: request examples that break their schema on
// purpose, because each is paired by name with the 4xx response it provokes.
// Any other entry in .redocly.lint-ignore.yaml (a real example error hidden
// from the lint) fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/lib/apis.ts';
import { resolveRef, unescapeToken } from '../../../src/openapi-doc/index.ts';
import { apiNames, listOperations, loadDocument } from '../../../src/verify/spec-document.ts';

const ignore = parse(readFileSync(join(repoRoot, '.redocly.lint-ignore.yaml'), 'utf8')) as Record<string, Record<string, string[]>>;

/** Names of 4xx response examples, over every operation of every API. */
function errorExampleNames(): Set<string> {
  const names = new Set<string>();
  for (const api of apiNames()) {
    const doc = loadDocument(api);
    for (const op of listOperations(doc)) {
      const raw = doc.paths[op.path]![op.method.toLowerCase()];
      for (const [status, response] of Object.entries<any>(raw.responses)) {
        if (!status.startsWith('4')) continue;
        for (const name of Object.keys(resolveRef(doc, response, '').node?.content?.['application/json']?.examples ?? {})) names.add(name);
      }
    }
  }
  return names;
}

describe('.redocly.lint-ignore.yaml', () => {
  it('exempts only request examples named like a 4xx response example', () => {
    const errors = errorExampleNames();
    const entries = Object.entries(ignore).flatMap(([file, rules]) =>
      Object.entries(rules).flatMap(([rule, pointers]) => pointers.map((p) => ({ file, rule, p }))),
    );
    expect(entries.length).toBeGreaterThan(0);
    for (const { file, rule, p } of entries) {
      expect(['no-invalid-media-type-examples', 'no-invalid-parameter-examples'], `${file} ${rule}`).toContain(rule);
      // .../requestBody/content/application~1json/examples/NAME/..., a shared
      // #/components/requestBodies/X/content/... (one body for two operations),
      // or .../parameters/N/examples/NAME/...
      const match =
        /(?:^#\/content\/application~1json|^#\/components\/requestBodies\/[^/]+\/content\/application~1json|\/requestBody\/content\/application~1json|\/parameters\/\d+)\/examples\/([^/]+)\/value/.exec(
          p,
        );
      expect(match, `${file} ${p} is not a request example`).not.toBeNull();
      expect(errors.has(unescapeToken(match![1]!)), `${file} ${p}: no 4xx example is named ${match![1]}`).toBe(true);
    }
  });
});
