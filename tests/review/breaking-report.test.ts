// Output formats and argument parsing of the gate.
import { describe, expect, it } from 'vitest';
import type { Change } from '../../scripts/lib/breaking/change.ts';
import { parseArgs } from '../../scripts/lib/breaking/cli-args.ts';
import { GateError } from '../../scripts/lib/breaking/errors.ts';
import { formatMarkdown } from '../../scripts/lib/breaking/report-markdown.ts';
import { formatText } from '../../scripts/lib/breaking/report-text.ts';
import { diffFixture } from './fixtures.ts';

const changes: Change[] = [
  { api: 'video', operation: 'POST /a', pointer: '/paths/~1a/post', reason: 'operation added', breaking: false },
  { api: 'video', operation: '*', pointer: '/servers/0/url', reason: 'server base path changed', breaking: true },
  { api: 'fabric', operation: 'GET /b', pointer: '/paths/~1b/get/responses/200', reason: 'pipes | in reasons are escaped', breaking: false },
];

describe('text report', () => {
  it('prints api, operation, pointer and reason on one line per change, then a summary', () => {
    const lines = formatText(diffFixture('breaking', 'renamed-response-property'), 'main').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^BREAKING {2}fixture {2}GET \/things {2}\/paths\/~1things\/get\/responses\/200\/content\/application~1json\/schema\/properties\/name {2}response property `name` removed/);
    expect(lines[2]).toBe('1 breaking, 1 non-breaking change(s) since main');
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

describe('arguments', () => {
  it('accepts --base and --format in both spellings', () => {
    expect(parseArgs(['--base', 'origin/main'])).toEqual({ base: 'origin/main', format: 'text' });
    expect(parseArgs(['--base=v1', '--format=markdown'])).toEqual({ base: 'v1', format: 'markdown' });
  });

  it.each([
    [[], /--base is required/],
    [['--base'], /--base needs a value/],
    [['--base', 'x', '--format', 'html'], /--format must be text or markdown/],
    [['--bsae', 'x'], /unknown argument --bsae/],
  ])('rejects %j with a clear error', (argv, message) => {
    expect(() => parseArgs(argv as string[])).toThrow(GateError);
    expect(() => parseArgs(argv as string[])).toThrow(message);
  });
});
