// The switchable policy: our default level for each of the verdicts
// gates disagree on, flipped by a policy file or --rule flags, with every
// change's rule id and level in the JSON report; and docs/breaking.md's
// policy table matching the code.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/breaking/cli.ts';
import { SWITCHABLE_RULES } from '../../src/breaking/policy.ts';
import { diffFixture } from './fixtures.ts';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'breaking-policy-'));
  const [base, head] = readFileSync(new URL('./fixtures/policy/disputed-verdicts.yaml', import.meta.url), 'utf8').split(/^---$/m);
  writeFileSync(join(dir, 'base.yaml'), base!);
  writeFileSync(join(dir, 'head.yaml'), head!);
  writeFileSync(
    join(dir, 'strict.yaml'),
    `rules:\n${Object.keys(SWITCHABLE_RULES)
      .map((rule) => `  ${rule}: breaking\n`)
      .join('')}`,
  );
  writeFileSync(
    join(dir, 'lax.json'),
    JSON.stringify({
      rules: {
        'response-optional-property-removed': 'info',
        'request-parameter-removed': 'warning',
        'deprecated-operation-removed': 'info',
        'media-type-changed': 'warning',
        'server-variable-enum-narrowed': 'info',
        'response-optional-header-removed': 'warning',
      },
    }),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = main(['base.yaml', 'head.yaml', '--json', ...argv], {
    cwd: dir,
    io: { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) },
  });
  return { code, stderr: out.stderr, report: out.stdout ? JSON.parse(out.stdout) : undefined };
}

const levels = (changes: Array<{ rule: string; level: string }>) => Object.fromEntries(changes.map((c) => [c.rule, c.level]));

describe('switchable policy', () => {
  it('gives each of the disputed verdicts its documented default level', () => {
    expect(levels(diffFixture('policy', 'disputed-verdicts'))).toEqual(SWITCHABLE_RULES);
  });

  it('names each change’s rule id and level in the JSON report; only `breaking` fails the gate', () => {
    const { code, report } = run();
    expect(code).toBe(1);
    expect(levels(report.changes)).toEqual(SWITCHABLE_RULES);
    expect(report.counts).toEqual({ breaking: 6, warning: 4, nonBreaking: 7 });
  });

  it('flips rules from a policy file (YAML or JSON) and from --rule flags, flags last', () => {
    expect(Object.values(levels(run('--policy', 'strict.yaml').report.changes))).toEqual(Array(Object.keys(SWITCHABLE_RULES).length).fill('breaking'));
    const lax = run('--policy', 'lax.json');
    expect([lax.code, lax.report.breaking]).toEqual([0, false]);
    const flagged = run('--policy', 'lax.json', '--rule', 'response-error-status-removed=breaking', '--rule', 'operation-id-changed=info');
    expect(flagged.code).toBe(1);
    expect(levels(flagged.report.changes)).toMatchObject({
      'response-optional-property-removed': 'info',
      'response-error-status-removed': 'breaking',
      'operation-id-changed': 'info',
    });
  });

  it('refuses a policy file without a rules map, or with an unknown rule, in one line', () => {
    writeFileSync(join(dir, 'empty.yaml'), 'levels: {}\n');
    expect(run('--policy', 'empty.yaml').stderr.split('\n')[0]).toBe(
      'rtc-token-apis breaking: empty.yaml: a policy file needs a `rules` map of rule id to level',
    );
    writeFileSync(join(dir, 'typo.yaml'), 'rules: {operation-id-renamed: info}\n');
    expect(run('--policy', 'typo.yaml').stderr.split('\n')[0]).toMatch(
      /^rtc-token-apis breaking: typo.yaml: unknown rule operation-id-renamed; switchable rules: /,
    );
  });

  it('documents every switchable rule with its default level in docs/breaking.md', () => {
    const docs = readFileSync(new URL('../../docs/breaking.md', import.meta.url), 'utf8');
    for (const [rule, level] of Object.entries(SWITCHABLE_RULES)) expect(docs).toMatch(new RegExp(`\\| \`${rule}\` \\|[^\\n]*\\| ${level} \\|`));
  });
});
