// Property-based fuzzing of every operation against the in-process mock:
// exactly 1000 generated requests per operation, fixed seed (FUZZ_SEED
// reproduces another). `npm run fuzz` runs longer ones (FUZZ_RUNS); one short
// run of it here proves the script itself works.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../../scripts/lib/apis.ts';
import { fuzzSettings, runFuzz, type OperationReport } from '../../../scripts/lib/fuzz/runner.ts';

const RUNS = 1000;

describe('fuzzing every operation', () => {
  let reports: OperationReport[] = [];
  // One run for the block, so each test below stands on its own.
  beforeAll(async () => {
    const { seed } = fuzzSettings();
    reports = await runFuzz({ mockUrl: inject('mockUrl'), runs: RUNS, seed, concurrency: 20, mutantsPerValid: 7, mockEvery: 40 });
  }, 30_000);

  it(`${RUNS} generated requests per operation: valid ones succeed, invalid ones are rejected, nothing else`, () => {
    expect(reports.map((r) => r.operationId).sort()).toEqual([
      'create_proconf_token',
      'create_subscriber_guest_token',
      'create_subscriber_token',
      'get_proconf_token',
      'issue_guest_token',
      'issue_subscriber_token',
      'refresh_subscriber_token',
      'renew_subscriber_token',
      'reset_conference_token',
    ]);
    for (const r of reports) {
      expect(r.failures.slice(0, 5), r.operationId).toEqual([]);
      expect(r.tried).toBe(RUNS);
      expect(r.accepted + r.rejected).toBe(RUNS);
      expect(r.accepted, `${r.operationId}: valid requests`).toBeGreaterThan(80);
      expect(r.rejectedByMock, `${r.operationId}: invalid requests the mock saw`).toBeGreaterThan(10);
    }
  });

  it('the mutations cover every kind of breakage the specs allow', () => {
    const rules = (id: string) => Object.keys(reports.find((r) => r.operationId === id)?.rules ?? {});
    expect(rules('create_subscriber_token')).toEqual(
      expect.arrayContaining([
        'dropped required field',
        'wrong type',
        'shorter than minLength',
        'longer than maxLength',
        'pattern mismatch',
        'bad format (uuid)',
        'not in enum',
        'body not an object',
      ]),
    );
    expect(rules('create_subscriber_guest_token')).toEqual(expect.arrayContaining(['more than maxItems', 'item: bad format (uuid)', 'item: wrong type']));
    expect(rules('reset_conference_token')).toEqual(['bad format (uuid)']);
    // Every request body is sealed (SignalWire's current definition, ProCONF's claims).
    for (const id of ['get_proconf_token', 'create_proconf_token', 'create_subscriber_token', 'create_subscriber_guest_token'])
      expect(rules(id)).toContain('unknown field');
    // expire_at states no bound (the current definition), so no range mutation exists.
    expect(rules('create_subscriber_token')).not.toContain('below minimum');
  });
});

it('`npm run fuzz` runs the same engine against its own mock and passes', async () => {
  const run = promisify(execFile);
  const { stdout } = await run(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/fuzz.ts'], {
    cwd: repoRoot,
    env: { ...process.env, FUZZ_RUNS: '50', FUZZ_SEED: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  expect(stdout).toMatch(/^total: 450 tried, \d+ accepted, \d+ rejected, 0 failures/m);
});
