import { describe, expect, it } from 'vitest';
import { BUDGETS } from '../../bench/budgets.ts';
import type { BundleResult } from '../../bench/bundle-size.ts';
import { BARE, LOOPBACK, OURS, OURS_VALIDATED, RAW, STUBBED } from '../../bench/contenders.ts';
import { describeMachine } from '../../bench/machine.ts';
import type { ContenderResult, TargetResult } from '../../bench/overhead.ts';
import { PROCONF_APP_ENTRY, SIGNALWIRE_ENTRY, budgetChecks, figuresTable, resultsMarkdown } from '../../bench/report.ts';
import { VITEST_FAST } from '../../bench/tooling.ts';

const row = (name: string, vsBare: number): ContenderResult => ({
  name,
  perCallUs: 10 * vsBare,
  opsPerSec: 1e5 / vsBare,
  spreadPct: 3,
  vsRaw: 1.5 * vsBare,
  vsBare,
  vsBareRange: [vsBare - 0.01, vsBare + 0.01],
  samples: 1000,
});
const target = (name: string, ours: number, validated: number): TargetResult => ({
  target: name,
  plan: { rounds: 1, iterations: 1, batch: 1, warmupMs: 1 },
  results: [row(RAW, 0.7), row(BARE, 1), row(OURS, ours), row(OURS_VALIDATED, validated)],
});
const bundle = (name: string, gzipBytes: number, leaked: string[] = []): BundleResult => ({
  name,
  rawBytes: gzipBytes * 3,
  gzipBytes,
  leaked,
  breakdown: [['src/x.ts', 10]],
});

const verdicts = (checks: ReturnType<typeof budgetChecks>) => Object.fromEntries(checks.map((c) => [c.name, c.ok]));

describe('bench budgets', () => {
  it('passes figures within every budget', () => {
    const checks = budgetChecks({
      machine: describeMachine(),
      overhead: [target(STUBBED, 1.04, 1.2), target(LOOPBACK, 1.01, 1.1)],
      bundles: [bundle(SIGNALWIRE_ENTRY, 4000), bundle(PROCONF_APP_ENTRY, 3900)],
      tooling: [{ name: VITEST_FAST, ms: 9000, ok: true, calibrationMs: 3000 }],
    });
    expect(checks).toHaveLength(8);
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('flags each budget that is missed, and validation code in an entry that does not import it', () => {
    const checks = verdicts(
      budgetChecks({
        machine: describeMachine(),
        overhead: [target(STUBBED, BUDGETS.stubbedRatio + 0.01, 1.3), target(LOOPBACK, 1.03, 1)],
        bundles: [
          bundle(SIGNALWIRE_ENTRY, BUDGETS.signalwireGzip + 100),
          bundle(PROCONF_APP_ENTRY, BUDGETS.proconfAppGzip - 100, ['generated/validators/proconf-app.ts']),
        ],
        tooling: [{ name: VITEST_FAST, ms: 3000 * BUDGETS.vitestRatio + 100, ok: true, calibrationMs: 3000 }],
      }),
    );
    expect(checks).toEqual({
      [`${OURS}, ${STUBBED}: time per call vs bare openapi-fetch`]: false,
      [`${OURS}, ${LOOPBACK}: time per call vs bare openapi-fetch`]: false,
      [`${OURS_VALIDATED}, ${STUBBED}: time per call vs bare openapi-fetch`]: false,
      [`${SIGNALWIRE_ENTRY}: gzip size`]: false,
      [`${SIGNALWIRE_ENTRY}: no validation code bundled`]: true,
      [`${PROCONF_APP_ENTRY}: gzip size`]: true,
      [`${PROCONF_APP_ENTRY}: no validation code bundled`]: false,
      'vitest step (fast project) over the calibration workload (CPU time)': false,
    });
  });

  it('does not count a failed vitest run as within budget, however fast', () => {
    const [check] = budgetChecks({ machine: describeMachine(), tooling: [{ name: VITEST_FAST, ms: 1000, ok: false, calibrationMs: 2000 }] });
    expect(check).toMatchObject({ ok: false, measured: '0.500× (tests failed)' });
  });

  it('judges the fast suite in calibration units, CPU time where it was measured: a slow run on a busy machine can pass, a missing calibration cannot', () => {
    const judge = (ms: number, calibrationMs?: number) =>
      budgetChecks({ machine: describeMachine(), tooling: [{ name: VITEST_FAST, ms, ok: true, ...(calibrationMs && { calibrationMs }) }] })[0]!.ok;
    // The same suite on a machine three times as busy: both stretch, the ratio holds.
    expect(judge(9000, 3000)).toBe(true);
    expect(judge(27_000, 9000)).toBe(true);
    // The suite grew while the machine stayed the same.
    expect(judge(3000 * BUDGETS.vitestRatio * 1.1, 3000)).toBe(false);
    expect(judge(1000)).toBe(false);
    // CPU over CPU when both were measured: a wall time stretched by waiting does not count.
    const cpu = (cpuMs: number) =>
      budgetChecks({
        machine: describeMachine(),
        tooling: [{ name: VITEST_FAST, ms: 90_000, ok: true, calibrationMs: 3000, cpuMs, calibrationCpuMs: 3000 }],
      })[0]!;
    expect(cpu(27_000)).toMatchObject({ ok: true, measured: '9.000×' });
    expect(cpu(3000 * BUDGETS.vitestRatio + 100).ok).toBe(false);
  });

  it('prints every figure with its budget, and the machine in RESULTS.md', () => {
    const results = { machine: describeMachine(), overhead: [target(STUBBED, 1.2, 1.3)], bundles: [bundle(SIGNALWIRE_ENTRY, 10_500)] };
    const table = figuresTable(results);
    expect(table).toMatch(/rtc-token-apis +\| [\d,]+ ops\/s · 12\.0 µs .*\| 1\.200× \(1\.19–1\.21\) +\| <= 1\.100× \(aim 1\.050×\) +\| MISSED/);
    expect(table).toMatch(/rtc-token-apis\/signalwire .*10\.25 KB gzip .*<= 10\.00 KB gzip, no validation code +\| MISSED/);
    const md = resultsMarkdown(results, budgetChecks(results), []);
    expect(md).toContain(`Node ${process.version}`);
    expect(md).toContain('## Budgets: 1 met, 3 missed');
  });
});
