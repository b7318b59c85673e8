// The specs as they ship (openapi/*.yaml and the bundles in generated/bundled/)
// pass the two linters teams most often run on what they installed, with
// their stock rulesets: Spectral's `spectral:oas` and Redocly's
// `recommended-strict`. Nothing is hidden: there is no ignore file, and the
// examples that must break their schema live in specmatic/examples/.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/lib/apis.ts';
import { shippedSpecFiles, stockLint } from '../../../scripts/lib/lint.ts';

describe('stock linters on the shipped specs', () => {
  it('spectral:oas and recommended-strict report 0 errors on openapi/*.yaml and generated/bundled/*.json', () => {
    const files = shippedSpecFiles();
    expect(files.filter((f) => f.endsWith('.yaml')).length).toBeGreaterThanOrEqual(5);
    expect(files.filter((f) => f.endsWith('.json')).length).toBeGreaterThanOrEqual(5);
    const errors = stockLint(files).filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.ruleset} ${p.ruleId} ${p.where}: ${p.message}`)).toEqual([]);
    expect(existsSync(join(repoRoot, '.redocly.lint-ignore.yaml'))).toBe(false);
  }, 120_000);

  it('both report an example that breaks its schema (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtc-stock-fixture-'));
    try {
      const file = join(dir, 'broken.json');
      const body = {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
            examples: { bad: { value: { id: 'not-a-uuid' } } },
          },
        },
      };
      writeFileSync(
        file,
        JSON.stringify({
          openapi: '3.1.0',
          info: {
            title: 'Broken',
            version: '1.0.0',
            description: 'x',
            license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
            contact: { url: 'https://example.com' },
          },
          servers: [{ url: 'https://api.example.com' }],
          tags: [{ name: 'T', description: 'x' }],
          paths: {
            '/things': {
              post: {
                operationId: 'post_thing',
                summary: 'x',
                description: 'x',
                tags: ['T'],
                security: [],
                requestBody: body,
                responses: { '204': { description: 'ok' }, '400': { description: 'bad' } },
              },
            },
          },
        }),
      );
      const errors = stockLint([file]).filter((p) => p.severity === 'error');
      expect(errors.filter((p) => p.ruleset === 'spectral:oas').map((p) => p.ruleId)).toContain('oas3-valid-media-example');
      expect(errors.filter((p) => p.ruleset === 'recommended-strict').map((p) => p.ruleId)).toContain('no-invalid-media-type-examples');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
