// The gate on a realistic 50 MB spec pair (thousands of paths and schemas,
// recursive and shared components), as users run it: the bin in a child
// process. Over the default size limit it refuses in one line, before reading;
// with the limit raised it compares both and its peak memory stays under
// 500 MB, as it does for YAML whose anchors are defined in one entry and
// aliased in others (read entry by entry all the same) and for a chain of
// 74,200 `$ref` components (the walk's worst shape). A bound on memory, never
// on wall time.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/apis.ts';
import { writeBigSpec, writeChainSpec } from './big-spec.ts';

const execFileAsync = promisify(execFile);
const MB = 1024 * 1024;
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
let dir: string;

/** The bin under tsx, with the peak-RSS hook; resolves with the exit code, output and peak RSS. */
async function breaking(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; peak: number }> {
  const peakFile = join(dir, `peak-${Math.random().toString(36).slice(2)}`);
  const hook = ['--import', join(import.meta.dirname, 'peak-rss.mjs')];
  const run = await execFileAsync(tsx, [...hook, join(repoRoot, 'src', 'cli', 'main.ts'), 'breaking', ...args], {
    cwd: dir,
    env: { ...process.env, PEAK_RSS_FILE: peakFile },
    maxBuffer: 64 * MB,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
  return { ...run, peak: Number(readFileSync(peakFile, 'utf8')) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'breaking-memory-'));
  for (const format of ['json', 'yaml'] as const) {
    writeBigSpec(join(dir, `base.${format}`), 53, false, format);
    writeBigSpec(join(dir, `head.${format}`), 53, true, format);
  }
  writeBigSpec(join(dir, 'anchored-base.yaml'), 53, false, 'yaml', true);
  writeBigSpec(join(dir, 'anchored-head.yaml'), 53, true, 'yaml', true);
  writeChainSpec(join(dir, 'chain-base.json'), 74_200, false);
  writeChainSpec(join(dir, 'chain-head.json'), 74_200, true);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a 50 MB spec pair', () => {
  it('is made of many paths and schemas, over 50 MB each', () => {
    for (const name of ['base.json', 'head.json', 'base.yaml', 'head.yaml']) expect(statSync(join(dir, name)).size).toBeGreaterThan(50 * MB);
    const spec = JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8')) as { paths: object; components: { schemas: object } };
    expect(Object.keys(spec.paths).length).toBeGreaterThan(10_000);
    expect(Object.keys(spec.components.schemas).length).toBeGreaterThan(10_000);
  });

  it('is refused over the default limit in one line, by its size', async () => {
    const { code, stdout, stderr, peak } = await breaking('base.json', 'head.json');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^rtc-token-apis breaking: base\.json: input is over the 10\.0 MB limit \(50\.\d MB read for this API\); raise it with --max-size <MB>\n$/,
    );
    // Refused before reading: the process never held the 50 MB text.
    expect(peak).toBeLessThan(50 * MB + (await breaking('--help')).peak);
  });

  it.each(['json', 'yaml'])('is compared with the limit raised in under 500 MB of peak memory (%s)', { timeout: 600_000 }, async (format) => {
    const { code, stdout, stderr, peak } = await breaking(`base.${format}`, `head.${format}`, '--max-size', '60', '--json');
    console.log(`two 50 MB ${format} specs compared: peak RSS ${(peak / MB).toFixed(0)} MB`);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { counts: { breaking: number }; changes: Array<{ reason: string }> };
    // The head's edits are found: a request property made required, a path removed, a response enum grown.
    expect(report.counts.breaking).toBeGreaterThan(100);
    expect(report.changes.some((c) => /path removed/.test(c.reason))).toBe(true);
    expect(peak).toBeLessThan(500 * MB);
  });

  it('with anchors in one entry aliased in others, is compared with the limit raised in under 500 MB of peak memory (yaml)', { timeout: 600_000 }, async () => {
    const text = readFileSync(join(dir, 'anchored-head.yaml'), 'utf8');
    expect(text.length).toBeGreaterThan(50 * MB);
    // Group 3's `limit` parameter: anchored in the first path of the group, aliased by the next 49 paths.
    expect(text.match(/^ {8}- &g3_limit$/gm)).toHaveLength(1);
    expect(text.match(/^ {8}- \*g3_limit$/gm)).toHaveLength(49);
    expect(text.match(/ \*g\d+_\w+$/gm)!.length).toBeGreaterThan(100_000);
    const { code, stdout, stderr, peak } = await breaking('anchored-base.yaml', 'anchored-head.yaml', '--max-size', '60', '--json');
    console.log(`two 50 MB yaml specs with anchors across entries compared: peak RSS ${(peak / MB).toFixed(0)} MB`);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { changes: Array<{ pointer: string; reason: string; level: string }> };
    // The change made once, in the anchored parameter, is found at each of the 50 operations that use it.
    const limit = report.changes.filter((c) => /^\/paths\/~1items\d+\/get\/parameters\/0\/schema\/maximum$/.test(c.pointer));
    expect(limit.map((c) => c.pointer).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `/paths/~1items${150 + i}/get/parameters/0/schema/maximum`).sort());
    expect(limit.every((c) => c.level === 'breaking' && c.reason === 'request maximum lowered from 100 to 50: values clients send today are rejected')).toBe(
      true,
    );
    expect(report.changes.some((c) => /path removed/.test(c.reason))).toBe(true);
    // Short pointers: where the change is, not a walk through shared objects.
    expect(Math.max(...report.changes.map((c) => c.pointer.length))).toBeLessThan(80);
    expect(peak).toBeLessThan(500 * MB);
  });

  it('a chain of 74,200 $ref components: changes at their components, in under 500 MB of peak memory', { timeout: 600_000 }, async () => {
    const { code, stdout, stderr, peak } = await breaking('chain-base.json', 'chain-head.json', '--max-size', '60', '--json');
    console.log(`a 50 MB chain of $ref components compared: peak RSS ${(peak / MB).toFixed(0)} MB`);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { changes: Array<{ level: string; pointer: string; via?: string }> };
    // Not the 9,000-character path the walk took through 500 `$ref` hops.
    expect(report.changes.filter((c) => c.level === 'breaking').map((c) => [c.pointer, c.via])).toEqual([
      ['/components/schemas/S900/properties/v', '/paths/~1a/post/requestBody/content/application~1json/schema'],
      ['/components/schemas/S500/properties/name/maxLength', '/paths/~1a/post/requestBody/content/application~1json/schema'],
    ]);
    expect(peak).toBeLessThan(500 * MB);
  });
});
