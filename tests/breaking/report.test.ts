// Output formats and argument parsing of the gate.
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/breaking/change.ts';
import { main, USAGE } from '../../src/breaking/cli.ts';
import { formatJson } from '../../src/breaking/report-json.ts';
import { formatMarkdown } from '../../src/breaking/report-markdown.ts';
import { formatText } from '../../src/breaking/report-text.ts';
import { diffFixture } from './fixtures.ts';

const changes: Change[] = [
  { api: 'video', operation: 'POST /a', pointer: '/paths/~1a/post', reason: 'operation added', rule: 'operations', level: 'info', breaking: false },
  { api: 'video', operation: '*', pointer: '/servers/0/url', reason: 'server base path changed', rule: 'servers', level: 'breaking', breaking: true },
  {
    api: 'fabric',
    operation: 'GET /b',
    pointer: '/paths/~1b/get/responses/200',
    reason: 'pipes | in reasons are escaped',
    rule: 'responses',
    level: 'info',
    breaking: false,
  },
];

describe('text report', () => {
  it('prints api, operation, pointer and reason on one line per change, then a summary', () => {
    const lines = formatText(diffFixture('breaking', 'renamed-response-property'), 'main').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^BREAKING {2}fixture {2}GET \/things {2}\/paths\/~1things\/get\/responses\/200\/content\/application~1json\/schema\/properties\/name {2}response property `name` removed/,
    );
    expect(lines[2]).toBe('1 breaking, 1 non-breaking change(s) since main');
  });

  it("names the operation's use of a $ref-reached schema after the component pointer", () => {
    const lines = formatText(diffFixture('breaking', 'ref-chain-bound-lowered'), 'main').split('\n');
    expect(lines[0]).toContain(
      '  POST /a  /components/schemas/S3/properties/name/maxLength (via /paths/~1a/post/requestBody/content/application~1json/schema)  request maxLength',
    );
    expect(formatMarkdown(diffFixture('breaking', 'ref-chain-bound-lowered'), 'main')).toContain(
      '`/components/schemas/Tree/properties/label (via /paths/~1a/post/responses/200/content/application~1json/schema)`',
    );
  });

  it('names a schema in another file by its file and pointer, in text, markdown and JSON', () => {
    const found = diffFixture('breaking', 'ref-other-file-changed');
    const via = '/paths/~1pets/post/requestBody/content/application~1json/schema';
    expect(formatText(found, 'main')).toContain(`  POST /pets  schemas/pet.yaml#/Tag/maxLength (via ${via})  request maxLength`);
    expect(formatMarkdown(found, 'main')).toContain(`\`schemas/pet.yaml#/Pet/properties/name/maxLength (via ${via})\``);
    const json = JSON.parse(formatJson(found, 'main')) as { changes: Change[] };
    expect(json.changes).toContainEqual(
      expect.objectContaining({ pointer: 'common.yaml#/components/schemas/Receipt/properties/id', rule: 'schema-properties' }),
    );
  });
});

describe('markdown changelog', () => {
  it('lists breaking changes first, then the other changes, as tables', () => {
    const md = formatMarkdown(changes, 'v1.0.0');
    expect(md.startsWith('## API changes since `v1.0.0`')).toBe(true);
    const breakingAt = md.indexOf('### ⚠️ Breaking changes (1)');
    const otherAt = md.indexOf('### Other changes (2)');
    expect(breakingAt).toBeGreaterThan(0);
    expect(otherAt).toBeGreaterThan(breakingAt);
    expect(md.slice(breakingAt, otherAt)).toContain('| video | all operations | `/servers/0/url` | server base path changed |');
    expect(md).toContain('pipes \\| in reasons are escaped');
  });

  it('says so when nothing changed', () => {
    expect(formatMarkdown([], 'main')).toContain('No contract changes.');
  });
});

describe('json report', () => {
  it('holds the verdict, the counts and every change', () => {
    const report = JSON.parse(formatJson(changes, 'v1'));
    expect(report).toEqual({ base: 'v1', breaking: true, counts: { breaking: 1, warning: 0, nonBreaking: 2 }, changes, warnings: [] });
  });
});

describe('arguments', () => {
  const run = (argv: string[]) => {
    const out = { stdout: '', stderr: '' };
    const code = main(argv, { cwd: process.cwd(), io: { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) } });
    return { code, ...out };
  };

  it('prints usage on stdout and exits 0 for --help', () => {
    expect(run(['--help'])).toEqual({ code: 0, stdout: `${USAGE}\n`, stderr: '' });
  });

  it.each([
    [[], /missing <base> <head>/],
    [['only-one.yaml'], /expected <base> <head>, got 1 path/],
    [['--base'], /--base/],
    [['a', 'b', '--format', 'html'], /--format must be text, markdown or json, not html/],
    [['a', 'b', '--json', '--format', 'text'], /--json conflicts with --format text/],
    // Our own message, not Node's parser text, with the option the typo meant.
    [['--bsae', 'x'], /^rtc-token-apis breaking: unknown option --bsae \(did you mean --base\?\)$/],
    [['a', 'b', '--fromat', 'json'], /^rtc-token-apis breaking: unknown option --fromat \(did you mean --format\?\)$/],
    [['a', 'b', '--max-size', 'lots'], /--max-size must be a positive number of megabytes, not lots/],
    [['a', 'b', '--rule', 'no-such-rule=info'], /unknown rule no-such-rule; switchable rules: response-error-status-removed/],
    [['a', 'b', '--rule', 'operation-id-changed=fatal'], /level must be breaking, warning or info, not fatal/],
    [['--base', 'HEAD', 'a', 'b'], /at most one path/],
  ])('rejects %j with one line naming the problem, then the usage, and exit 2', (argv, message) => {
    const result = run(argv as string[]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const [first, ...rest] = result.stderr.trimEnd().split('\n');
    expect(first).toMatch(message);
    expect(rest.join('\n')).toMatch(/^usage: /);
  });
});
